// SPDX-License-Identifier: MIT
// Name constraints as findings: a CA's subtrees apply to every certificate below it, self-issued
// intermediates excepted (RFC 5280 §6.1.3 (b)); cert/name_constraints.cpp does the matching.
#include "internal.hpp"
#include "sipmtls/cert/name_constraints.hpp"

namespace sipmtls::rules {

std::vector<Finding> check_name_constraints(const cert::ChainFacts& chain, const Context&) {
  std::vector<Finding> out;
  for (std::size_t i = 1; i < chain.path.size(); ++i) {
    const cert::CertFacts& ca = chain.path[i].cert;
    if (!ca.name_constraints.present) continue;
    const std::string fix = "issue the certificate with names inside what " + ca.subject +
                            " may certify, or have the CA administrator widen that CA's name constraints";
    for (std::size_t j = 0; j < i; ++j) {
      if (j > 0 && chain.path[j].cert.self_issued) continue;
      for (const auto& why : cert::name_constraint_violations(ca, chain.path[j].cert)) {
        out.push_back({FindingCode::NameConstraintsViolated, Severity::Error, link_subject(chain, j), why, fix});
      }
    }
  }
  return out;
}

}  // namespace sipmtls::rules
