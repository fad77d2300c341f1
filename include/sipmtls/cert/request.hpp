// SPDX-License-Identifier: MIT
// Certificate requests before the CA sees them: PKCS#10 (PEM or DER) and Windows certreq INF
// files, read into the same CertFacts the rules judge (docs/REQUEST.md).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/cert/facts.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cert {

struct CertRequest {
  /// What the request asks for: subject, SAN, EKU, key usage, key type and size, the signature
  /// algorithm (PKCS#10) or hash (INF). No dates, no issuer.
  CertFacts facts;
  std::string format;  ///< "PKCS#10 PEM", "PKCS#10 DER", "certreq INF"
  /// PKCS#10: the request's self-signature verifies with its own key (proof of possession).
  /// Always true for an INF, which holds no key.
  bool signature_ok = true;
  std::vector<unsigned char> public_key;  ///< SubjectPublicKeyInfo DER (PKCS#10 only)
  std::string template_name;              ///< CertificateTemplate (INF) or the template extension's name
  /// SAN given only as a request attribute ("SAN=dns=..."), which only a CA with
  /// EDITF_ATTRIBUTESUBJECTALTNAME2 honours.
  std::vector<std::string> san_attribute;
  int exportable = -1;         ///< INF Exportable: 1 TRUE, 0 FALSE, -1 not said
  bool machine_key_set = true; ///< INF MachineKeySet (false: the key lands in the user's store)
};

/// True when the bytes look like a request: a PEM CERTIFICATE REQUEST block, an INF with a
/// [NewRequest] section, or DER that parses as a CertificationRequest.
bool looks_like_request(std::span<const unsigned char> data);

/// Reads a PKCS#10 request (PEM or DER) or a certreq INF. Errors name the file and the problem.
Result<CertRequest> load_request(const std::string& path);
/// The same from bytes (path only for messages).
Result<CertRequest> parse_request(std::span<const unsigned char> data, const std::string& path);

/// PKCS#10 DER to facts.
Result<CertRequest> parse_pkcs10(std::span<const unsigned char> der);
/// A certreq -new INF to facts.
Result<CertRequest> parse_request_inf(std::string_view text);

/// certreq's SAN text ("dns=a&dns=b&url=sip:x&ipaddress=192.0.2.1") added to the SAN facts.
void add_san_text(std::string_view text, CertFacts& facts);

/// True when the certificate carries the request's public key (it was issued for this request).
bool carries_public_key(const Certificate& cert, const CertRequest& request);

}  // namespace sipmtls::cert
