// SPDX-License-Identifier: MIT
// Validity rules: every certificate of the path must be within its validity period at ctx.at.
#include "internal.hpp"

namespace sipmtls::rules {
namespace {

/// Where the renewed certificate goes, per product.
std::string expiry_fix(Profile profile) {
  switch (profile) {
    case Profile::Teams: return " (the SBC's certificate settings; Teams needs no change for a renewal)";
    case Profile::Rfc5922: return "";
    default:
      return " (Skype for Business/Lync: Request-CsCertificate, then Set-CsCertificate with the new thumbprint; "
             "LCS/OCS: select the renewed certificate for MTLS in the server's properties)";
  }
}

}  // namespace

std::vector<Finding> check_validity(const cert::ChainFacts& chain, const Context& ctx) {
  std::vector<Finding> out;
  for (std::size_t i = 0; i < chain.path.size(); ++i) {
    const cert::CertFacts& c = chain.path[i].cert;
    const std::string subject = link_subject(chain, i);
    const std::string period = cert::format_time(c.not_before) + " to " + cert::format_time(c.not_after);
    if (ctx.at > c.not_after) {
      out.push_back({FindingCode::CertExpired, Severity::Error, subject,
                     "expired on " + cert::format_time(c.not_after) + " (valid " + period + ")",
                     i == 0 ? renewal_fix(ctx.profile) : "install the renewed CA certificate and send it in the chain"});
    } else if (ctx.at < c.not_before) {
      out.push_back({FindingCode::CertNotYetValid, Severity::Error, subject,
                     "not valid before " + cert::format_time(c.not_before) + " (valid " + period + ")",
                     "check the clocks of this server and the CA; wait until the certificate is valid"});
    } else if (ctx.warn_days > 0 && c.not_after - ctx.at < static_cast<cert::UnixTime>(ctx.warn_days) * 86400) {
      const long long days = (c.not_after - ctx.at) / 86400;
      out.push_back({FindingCode::CertExpiresSoon, Severity::Warning, subject,
                     "expires on " + cert::format_time(c.not_after) + ", in " +
                         (days == 0 ? std::string("less than a day") : std::to_string(days) + (days == 1 ? " day" : " days")) +
                         " (--warn-days " + std::to_string(ctx.warn_days) + "): MTLS with every peer stops then",
                     i == 0 ? "renew the certificate now and install the renewed one on the server before " +
                                  cert::format_time(c.not_after) + expiry_fix(ctx.profile)
                            : "renew the CA (or move to its successor) before " + cert::format_time(c.not_after) +
                                  ", issue the server's certificate again under it and send the new chain" +
                                  (chain.path[i].is_anchor ? "; every peer must also trust the new root" : "")});
    }
  }
  return out;
}

}  // namespace sipmtls::rules
