// SPDX-License-Identifier: MIT
// OCSP (RFC 6960) with mbedTLS's hashes and our DER reader: the request for one certificate, and
// the response judged as Windows judges it: signed by the CA or by a responder the CA delegated
// (id-kp-OCSPSigning), for this certificate, current.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crl_parse.hpp"
#include "der.hpp"
#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {

/// The DER OCSPRequest for cert (CertID with SHA-1, as Windows sends it; no nonce).
std::vector<unsigned char> ocsp_request(const Certificate& cert, const Certificate& issuer);

enum class OcspStatus { Good, Revoked, Unknown };

struct OcspAnswer {
  OcspStatus status = OcspStatus::Unknown;
  UnixTime revoked_at = 0;
  int reason = -1;         ///< CRLReason, -1 when absent
  UnixTime this_update = 0;
  std::optional<UnixTime> next_update;
  std::string signer;      ///< "the CA" or the delegated responder's subject
};

/// Parses and verifies an OCSPResponse for cert; `now` judges thisUpdate/nextUpdate (5 minutes of
/// clock skew allowed). The error says in words what is wrong: a responder status such as
/// tryLater, not an OCSP response, a signature that does not verify, a signer the CA did not
/// authorise, no answer for this certificate, an answer whose nextUpdate has passed.
Result<OcspAnswer> ocsp_judge(der::Bytes response, const Certificate& cert, const Certificate& issuer, UnixTime now);

}  // namespace sipmtls::cert
