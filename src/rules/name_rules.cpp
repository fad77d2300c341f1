// SPDX-License-Identifier: MIT
// Name rules: is every expected FQDN among the names the profile consults (LCS-RULES.md §2)?
#include <algorithm>

#include "sipmtls/rules/evaluate.hpp"
#include "sipmtls/rules/names.hpp"

namespace sipmtls::rules {
namespace {

// The presented names this profile compares, and where they came from (for messages).
std::vector<std::string> consulted(const ProfilePolicy& p, const cert::CertFacts& c, std::string& where) {
  std::vector<std::string> names;
  auto add_cn = [&] {
    if (!c.subject_cn.empty()) names.push_back(c.subject_cn);
  };
  switch (p.names) {
    case NameSource::CnOnly:
      add_cn();
      where = "the subject CN (" + std::string(p.product) + " does not consult the SAN)";
      break;
    case NameSource::CnOrSan:
      names = c.san_dns;
      add_cn();
      where = "the subject CN and the SAN dNSNames";
      break;
    case NameSource::SanElseCn:
      if (c.has_san) {
        names = c.san_dns;
        where = "the SAN dNSNames (the subject CN is ignored when a SAN is present)";
      } else {
        add_cn();
        where = "the subject CN (no SAN)";
      }
      break;
    case NameSource::Rfc5922:
      for (const auto& uri : c.san_uri) {
        std::string domain = sip_domain_of_uri(uri);
        if (!domain.empty()) names.push_back(std::move(domain));
      }
      if (!names.empty()) {
        where = "the SAN sip: URIs (RFC 5922 §7.1: dNSNames are not consulted when one is present)";
      } else if (c.has_san) {
        names = c.san_dns;
        where = "the SAN dNSNames (no sip: URI without a user part)";
      } else {
        add_cn();
        where = "the subject CN (no SAN)";
      }
      break;
  }
  return names;
}

std::string join(const std::vector<std::string>& v) {
  if (v.empty()) return "(none)";
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool listed(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return dns_equal(n, name); });
}

}  // namespace

std::vector<Finding> check_names(const cert::CertFacts& leaf, const Context& ctx) {
  const ProfilePolicy& p = policy(ctx.profile);
  std::vector<Finding> out;
  std::string where;
  const std::vector<std::string> names = consulted(p, leaf, where);
  const std::string subject = "leaf " + describe(leaf);
  std::vector<std::string> reported_missing;

  for (std::size_t i = 0; i < ctx.names.size(); ++i) {
    const std::string& want = ctx.names[i];
    if (listed(names, want)) {
      if (p.san_must_repeat_subject && leaf.has_san && !listed(leaf.san_dns, want)) {
        const bool pool = ctx.names.size() > 1;
        out.push_back({FindingCode::SanMissingName, pool ? Severity::Error : Severity::Warning, subject,
                       "the certificate has a SAN but " + want + " is only in the subject; " +
                           std::string(p.product) + (pool ? " needs the pool FQDN and every server FQDN in the SAN"
                                                          : " peers that honour the SAN will not find it"),
                       "request the certificate again with " + want + " as a SAN dNSName (keep it as the subject CN)"});
        reported_missing.push_back(want);
      }
      continue;
    }
    const auto wildcard = std::find_if(names.begin(), names.end(), [&](const std::string& n) {
      return is_wildcard(n) && wildcard_matches(n, want);
    });
    if (wildcard != names.end() && p.wildcards_allowed) continue;
    if (wildcard != names.end()) {
      out.push_back({FindingCode::NameWildcardRejected, Severity::Error, subject,
                     want + " matches only the wildcard " + *wildcard + ", and " + std::string(p.product) +
                         " does not accept wildcards for SIP server names",
                     "request a certificate that names " + want + " explicitly: subject CN " + want +
                         " and SAN dNSName " + want});
      continue;
    }
    out.push_back({FindingCode::NameMismatch, Severity::Error, subject,
                   want + " is not among the names " + std::string(p.product) + " consults, " + where + ": " +
                       join(names),
                   "request a certificate whose subject CN is " + want + " and whose SAN lists " +
                       (ctx.names.size() > 1 ? join(ctx.names) : want) +
                       ", or dial the peer by a name the certificate carries"});
  }

  if (p.san_must_repeat_subject && leaf.has_san && !leaf.subject_cn.empty() && !listed(leaf.san_dns, leaf.subject_cn) &&
      !listed(reported_missing, leaf.subject_cn)) {
    out.push_back({FindingCode::SanMissingName, Severity::Warning, subject,
                   "the subject CN " + leaf.subject_cn + " is not repeated in the SAN (" + join(leaf.san_dns) +
                       "); TLS ignores the subject once a SAN is present",
                   "add " + leaf.subject_cn + " to the SAN dNSNames when the certificate is renewed"});
  }
  return out;
}

std::string describe(const cert::CertFacts& c) {
  return c.subject_cn.empty() ? c.subject : "CN=" + c.subject_cn;
}

}  // namespace sipmtls::rules
