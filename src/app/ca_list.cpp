// SPDX-License-Identifier: MIT
// The listener's CA list size (LCS-RULES §5: Schannel's 16 KB limit).
#include "app/ca_list.hpp"

namespace sipmtls::app {
namespace {

// What a CertificateRequest's CA names may occupy in one 16 KiB record: the record less the
// message's own fields (type, length, certificate types, signature algorithms).
constexpr std::size_t kListLimit = 16384 - 128;

}  // namespace

CaListSize ca_list_size(const std::vector<cert::Certificate>& trust) {
  CaListSize s;
  for (const auto& c : trust) {
    const std::size_t entry = c.facts().subject_der_size + 2;
    s.bytes += entry;
    ++s.names;
    if (s.bytes <= kListLimit) ++s.names_that_fit;
  }
  return s;
}

std::optional<Finding> ca_list_finding(const CaListSize& size) {
  if (size.bytes <= kListLimit) return std::nullopt;
  return Finding{FindingCode::CaListTruncated, Severity::Warning, "our trust store",
                 "our list of acceptable CAs is " + std::to_string(size.bytes) + " bytes (" +
                     std::to_string(size.names) + " names); only the first " + std::to_string(size.names_that_fit) +
                     " fit in the 16 KB a CertificateRequest may carry (Schannel truncates there too, event "
                     "36885), and a Windows client whose issuer is left out offers no certificate",
                 "trust fewer roots on this listener (--ca with only the partners' roots); on Windows, use the "
                 "Client Authentication Issuers store or set SendTrustedIssuerList to 0 (KB 2464556)"};
}

}  // namespace sipmtls::app
