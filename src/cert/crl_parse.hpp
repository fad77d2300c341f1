// SPDX-License-Identifier: MIT
// CRLs parsed from the DER (RFC 5280 §5): mbedTLS refuses every critical CRL extension, yet RFC
// 5280 requires issuingDistributionPoint and deltaCRLIndicator to be critical, and AD CS publishes
// delta CRLs by default.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "der.hpp"
#include "sipmtls/cert/facts.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cert {

inline constexpr int kReasonRemoveFromCrl = 8;

struct CrlEntry {
  std::string serial;  ///< colon-separated hex, as CertFacts::serial
  UnixTime revoked_at = 0;
  int reason = -1;                ///< CRLReason, -1 when absent
  std::string issuer_canonical;   ///< the certificate issuer this entry is for (indirect CRLs)
};

struct ParsedCrl {
  std::string sha256;                    ///< of the whole CRL, hex: its identity for remembered checks
  std::vector<unsigned char> tbs;        ///< the signed bytes
  std::vector<unsigned char> signature_algorithm;  ///< AlgorithmIdentifier contents (OID, parameters)
  std::vector<unsigned char> signature;  ///< the BIT STRING's bits
  bool signature_well_formed = true;     ///< no unused bits, and the algorithms inside and outside agree
  int version = 1;
  std::string issuer, issuer_canonical;  ///< text, and comparable form
  UnixTime this_update = 0;
  std::optional<UnixTime> next_update;
  std::optional<std::string> number;       ///< CRL Number (hex, no leading zeros)
  std::optional<std::string> base_number;  ///< deltaCRLIndicator: the base CRL's number, for a delta CRL
  std::string authority_key_id;            ///< hex, empty when absent
  // issuingDistributionPoint
  bool has_idp = false;
  std::vector<std::string> idp_names;
  bool only_user = false, only_ca = false, only_attribute = false, indirect = false;
  std::uint16_t only_reasons = 0;  ///< 0: every reason
  /// A critical extension of the CRL or of an entry that is not understood: the CRL cannot be used.
  std::string unknown_critical;
  /// An encoding RFC 5280 forbids (a critical CRL Number): the CRL is not relied on.
  std::string nonconformity;
  std::vector<CrlEntry> entries;
};

/// Parses one DER CRL; the error says in words what is wrong.
Result<ParsedCrl> parse_crl(der::Bytes der);
/// "keyCompromise", "superseded"... for a CRLReason code; "reason N" for others.
std::string crl_reason_name(int reason);
/// Compares two CRL Numbers as given in ParsedCrl (hex without leading zeros): <0, 0, >0.
int compare_crl_numbers(const std::string& a, const std::string& b);

}  // namespace sipmtls::cert
