// SPDX-License-Identifier: MIT
// CertificateRequest CA lists, ours and the server's (LCS-RULES §5: Schannel's 16 KB limit).
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

/// ISSUER_NOT_IN_CA_LIST: Windows clients only offer a certificate from a CA the list names.
std::optional<Finding> issuer_not_in_ca_list(const std::vector<std::string>& names, const Identity& us,
                                             const std::string& label) {
  if (names.empty() || us.chain.empty()) return std::nullopt;
  for (const auto& c : us.chain) {
    for (const auto& n : names) {
      if (n == c.facts().issuer) return std::nullopt;
    }
  }
  return Finding{FindingCode::IssuerNotInCaList, Severity::Warning, "server " + label,
                 "the server's list of acceptable CAs does not name our issuer (" + us.chain.front().facts().issuer +
                     "); it may refuse our certificate",
                 "add our issuing CA's root to the peer's trusted roots (Windows: and to its Client Authentication "
                 "Issuers store, which feeds this list)"};
}

}  // namespace sipmtls::app
