// SPDX-License-Identifier: MIT
// Validity rules: every certificate of the path must be within its validity period at ctx.at.
#include "internal.hpp"

namespace sipmtls::rules {

std::vector<Finding> check_validity(const cert::ChainFacts& chain, const Context& ctx) {
  std::vector<Finding> out;
  for (std::size_t i = 0; i < chain.path.size(); ++i) {
    const cert::CertFacts& c = chain.path[i].cert;
    const std::string subject = link_subject(chain, i);
    const std::string period = cert::format_time(c.not_before) + " to " + cert::format_time(c.not_after);
    if (ctx.at > c.not_after) {
      out.push_back({FindingCode::CertExpired, Severity::Error, subject,
                     "expired on " + cert::format_time(c.not_after) + " (valid " + period + ")",
                     i == 0 ? "renew the certificate, then select the renewed one for the server's TLS/MTLS "
                              "connections (LCS loses its ACL on renewal, KB 836410)"
                            : "install the renewed CA certificate and send it in the chain"});
    } else if (ctx.at < c.not_before) {
      out.push_back({FindingCode::CertNotYetValid, Severity::Error, subject,
                     "not valid before " + cert::format_time(c.not_before) + " (valid " + period + ")",
                     "check the clocks of this server and the CA; wait until the certificate is valid"});
    }
  }
  return out;
}

}  // namespace sipmtls::rules
