// SPDX-License-Identifier: MIT
// Which names a request carries, by profile (LCS-RULES.md §1-2), and the requests the tool
// refuses because its own rules would fail the certificate.
#include <algorithm>

#include "sipmtls/app/request.hpp"
#include "sipmtls/ascii.hpp"
#include "sipmtls/rules/names.hpp"

namespace sipmtls::app {
namespace {

using rules::Profile;

bool valid_dns_name(std::string_view name) {
  if (name.rfind("*.", 0) == 0) name.remove_prefix(2);
  if (name.empty() || name.size() > 253 || name.front() == '.' || name.back() == '.') return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '.') {
      if (label == 0 || name[i - 1] == '-') return false;
      label = 0;
      continue;
    }
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (label == 0 && c == '-') || ++label > 63) return false;
  }
  return name.back() != '-';
}

void add_unique(std::vector<std::string>& list, const std::string& name) {
  const bool present = std::any_of(list.begin(), list.end(), [&](const std::string& n) { return rules::dns_equal(n, name); });
  if (!present) list.push_back(ascii_lower(name));
}

Error refuse(std::string why) { return input_error("request refused: " + std::move(why)); }

}  // namespace

Result<RequestPlan> plan_request(const RequestOptions& o) {
  if (o.fqdns.empty() && o.pool.empty()) return input_error("request: give the server's name with --fqdn (and --pool for a pool)");
  std::vector<std::string> names;  // pool first, then the servers
  if (!o.pool.empty()) add_unique(names, o.pool);
  for (const auto& f : o.fqdns) add_unique(names, f);
  for (const auto& n : names) {
    if (!valid_dns_name(n)) return input_error("request: " + n + " is not a DNS name (letters, digits, hyphens, dots)");
  }
  for (const auto& d : o.sip_domains) {
    if (!valid_dns_name(d) || rules::is_wildcard(d)) return input_error("request: --sip-domain " + d + " is not a domain name");
  }
  const rules::ProfilePolicy& p = rules::policy(o.profile);
  for (const auto& n : names) {
    if (rules::is_wildcard(n) && !p.wildcards_allowed) {
      return refuse(std::string(p.product) + " does not accept a wildcard as a SIP server name (" + n +
                    "; LCS-RULES §1.3-1.4: never as subject CN, OCS pools fail to start with one; RFC 5922 §7.2): "
                    "name each server");
    }
  }
  if (o.profile == Profile::Lcs2003 && (names.size() > 1 || !o.sip_domains.empty())) {
    return refuse("Live Communications Server 2003 consults only the subject CN (LCS-RULES §1.1), so its "
                  "certificate answers for one name; drop --pool/--sip-domain and the extra --fqdn, or use "
                  "--profile lcs2005 for a pool");
  }
  if (cert::is_ecdsa(o.key) && (o.profile == Profile::Lcs2003 || o.profile == Profile::Lcs2005 || o.profile == Profile::Ocs)) {
    return refuse(std::string(p.product) + " takes RSA keys (LCS-RULES §1.3-1.4 list 1024, 2048 and 4096 bits; LCS "
                  "runs on Windows Server 2003, whose CryptoAPI has no ECDSA): use --key rsa2048 or rsa4096");
  }
  if (o.key == cert::KeySpec::Rsa3072 && o.profile == Profile::Ocs) {
    return refuse("Lync and Skype for Business Server support RSA keys of 1024, 2048 and 4096 bits only "
                  "(LCS-RULES §1.4): use --key rsa2048 or rsa4096");
  }
  if (o.profile == Profile::Teams && !o.sip_domains.empty()) {
    return refuse("Teams Direct Routing finds the SBC by its FQDN alone, whose domain must be a domain of the "
                  "tenant; sip.<domain> names are for Skype for Business clients: drop --sip-domain");
  }

  RequestPlan plan;
  plan.subject_cn = names.front();
  plan.san_dns = names;
  if (o.profile == Profile::Lcs2005 || o.profile == Profile::Ocs) {
    // Automatic client logon and multiple SIP domains (LCS-RULES §1.2, §1.4): sip.<domain>.
    for (const auto& d : o.sip_domains) add_unique(plan.san_dns, "sip." + d);
  }
  plan.judged_names = names;
  if (o.profile == Profile::Rfc5922 && !o.sip_domains.empty()) {
    // RFC 5922 §7.1: the SIP domain as a sip: URI is the identity peers check; §4.1: the domain
    // itself is the reference identity.
    plan.judged_names.clear();
    for (const auto& d : o.sip_domains) {
      plan.san_uris.push_back("sip:" + ascii_lower(d));
      add_unique(plan.judged_names, d);
    }
  }
  plan.base = plan.subject_cn;
  if (rules::is_wildcard(plan.base)) plan.base = "wildcard" + plan.base.substr(1);
  return plan;
}

}  // namespace sipmtls::app
