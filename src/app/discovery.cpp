// SPDX-License-Identifier: MIT
// SIP server discovery (see discovery.hpp).
#include "app/discovery.hpp"

#include <algorithm>

#include "sipmtls/ascii.hpp"
#include "sipmtls/join.hpp"

namespace sipmtls::app {
namespace {

// A DNS name in comparable form: lower case, without the root's trailing dot.
std::string lower(const std::string& name) {
  std::string s = ascii_lower(name);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool microsoft(rules::Profile p) { return p != rules::Profile::Rfc5922; }

bool inside(const std::string& host, const std::string& domain) {
  const std::string h = lower(host), d = lower(domain);
  return h == d || (h.size() > d.size() && h.ends_with("." + d));
}

std::string record_text(const net::SrvRecord& r) {
  return r.target + ":" + std::to_string(r.port) + " (priority " + std::to_string(r.priority) + ", weight " +
         std::to_string(r.weight) + ")";
}

// Which SRV names to ask, in order: Microsoft's one service, or RFC 3263's NAPTR choice and fallbacks.
asio::awaitable<std::vector<std::string>> srv_names(net::Dns& dns, net::Link& deadline, const std::string& domain,
                                                    rules::Profile profile, Discovery& d) {
  if (microsoft(profile)) co_return std::vector<std::string>{"_sipfederationtls._tcp." + domain};
  std::vector<net::NaptrRecord> naptr;
  const auto got = co_await dns.naptr(deadline, domain, naptr);
  d.summary.queries.push_back("NAPTR " + domain + ": " + (got.ok() ? std::to_string(naptr.size()) + " records" : got.words));
  std::vector<std::string> names;
  std::sort(naptr.begin(), naptr.end(), [](const auto& a, const auto& b) {
    return a.order != b.order ? a.order < b.order : a.preference < b.preference;
  });
  for (const auto& n : naptr) {
    if (lower(n.flags) == "s" && lower(n.service) == "sips+d2t" && !n.replacement.empty()) names.push_back(n.replacement);
  }
  if (names.empty()) names = {"_sips._tcp." + domain, "_sip._tls." + domain};
  co_return names;
}

}  // namespace

std::string sip_domain_of(const std::string& target) {
  std::string rest;
  if (target.starts_with("sip:")) rest = target.substr(4);
  else if (target.starts_with("sips:")) rest = target.substr(5);
  else return {};
  if (const auto at = rest.find('@'); at != std::string::npos) rest = rest.substr(at + 1);
  if (const auto end = rest.find_first_of(";?>"); end != std::string::npos) rest = rest.substr(0, end);
  return rest;
}

asio::awaitable<Discovery> discover(net::Dns& dns, net::Link& deadline, const std::string& domain, rules::Profile profile) {
  Discovery d;
  d.summary.domain = domain;
  const std::vector<std::string> names = co_await srv_names(dns, deadline, domain, profile, d);
  std::vector<net::SrvRecord> records;
  std::vector<std::string> asked;
  for (const auto& name : names) {
    const auto got = co_await dns.srv(deadline, name, records);
    d.summary.queries.push_back("SRV " + name + ": " + (got.ok() ? std::to_string(records.size()) + " records" : got.words));
    if (got.kind == net::DnsOutcome::TimedOut) {
      d.findings.push_back({FindingCode::Timeout, Severity::Error, "DNS " + name,
                            "no DNS answer for " + name + " within the timeout",
                            "check that the DNS server (--dns-server, or the system's) answers, and firewalls for port 53"});
      co_return d;
    }
    if (got.ok()) {
      d.summary.service = name;
      break;
    }
    asked.push_back(name + " (" + got.words + ")");
  }
  if (records.empty()) {
    d.findings.push_back({FindingCode::DnsNoSrv, Severity::Error, "SIP domain " + domain,
                          "no SRV record: asked " + join(asked),
                          microsoft(profile)
                              ? "publish _sipfederationtls._tcp." + domain + " SRV 0 0 5061 <Access Edge FQDN in " + domain +
                                    "> (the Edge's external FQDN, which its certificate names), or give the server with --fqdn and HOST[:PORT]"
                              : "publish a NAPTR record for SIPS+D2T and an SRV record _sips._tcp." + domain +
                                    " pointing at the server, or give the server with HOST[:PORT]"});
    co_return d;
  }
  std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.weight > b.weight;
  });
  for (const auto& r : records) {
    DiscoveredTarget t{r.target, r.port, r.priority, r.weight, {}, {}};
    net::HostAddresses addresses;
    const auto got = co_await dns.addresses(deadline, r.target, r.port, addresses);
    t.endpoints = addresses.endpoints;
    t.canonical = addresses.canonical;
    report::DiscoveredServer s{r.target, r.port, r.priority, r.weight, {}, t.canonical, {}};
    for (const auto& e : t.endpoints) s.addresses.push_back(e.address().to_string());
    if (!got.ok()) s.outcome = "not resolved: " + got.words;
    d.summary.servers.push_back(s);
    if (microsoft(profile) && !inside(r.target, domain)) {
      d.findings.push_back({FindingCode::DnsSrvOutsideDomain, Severity::Error, "SRV " + record_text(r),
                            r.target + " is outside " + domain + ": Microsoft federation expects the SRV target in the SIP "
                            "domain's namespace, and its certificate to name it",
                            "point the SRV record at a name in " + domain + " (e.g. sip." + domain +
                                ") whose A record is the Edge, and put that name in the Edge certificate's SAN"});
    }
    if (!t.canonical.empty()) {
      d.findings.push_back({FindingCode::DnsTargetCname, Severity::Warning, "SRV " + record_text(r),
                            r.target + " is an alias of " + t.canonical + " (CNAME); RFC 2782 requires an SRV target to "
                            "have its own A or AAAA record, and some servers refuse aliases",
                            "replace the CNAME with A/AAAA records for " + r.target + ", or point the SRV record at " +
                                t.canonical});
    }
    if (t.endpoints.empty()) {
      d.findings.push_back({FindingCode::DnsNoAddress, Severity::Error, "SRV " + record_text(r),
                            r.target + " has no address: " + (got.ok() ? "no A or AAAA record" : got.words),
                            "publish A (and AAAA) records for " + r.target});
    }
    d.targets.push_back(std::move(t));
  }
  co_return d;
}

std::vector<std::string> reference_names(const DiscoveredTarget& target, const std::string& domain, rules::Profile profile) {
  if (microsoft(profile)) return {lower(target.host)};
  return {lower(domain)};
}

}  // namespace sipmtls::app
