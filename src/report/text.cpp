// SPDX-License-Identifier: MIT
// Text report for people: what was checked, one line per finding, the fix under it.
#include <cstdio>
#include <sstream>

#include "sipmtls/join.hpp"
#include "sipmtls/report/codes.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/report/safe_text.hpp"

namespace sipmtls::report {
namespace {

struct Style {
  bool on;
  std::string red() const { return on ? "\033[31m" : ""; }
  std::string yellow() const { return on ? "\033[33m" : ""; }
  std::string green() const { return on ? "\033[32m" : ""; }
  std::string dim() const { return on ? "\033[2m" : ""; }
  std::string bold() const { return on ? "\033[1m" : ""; }
  std::string reset() const { return on ? "\033[0m" : ""; }
};

std::string short_name(const CertSummary& c) {
  const auto pos = c.subject.rfind("CN=");
  return pos == std::string::npos ? c.subject : c.subject.substr(pos);
}

void write_finding(std::ostringstream& o, const Finding& f, const Style& s, bool dialling) {
  const FindingInfo& info = finding_info(f.code);
  std::string label, colour;
  switch (f.severity) {
    case Severity::Error: label = "error  "; colour = s.red(); break;
    case Severity::Warning: label = "warning"; colour = s.yellow(); break;
    case Severity::Info: label = "info   "; colour = s.dim(); break;
  }
  o << "  " << colour << label << s.reset() << ' ' << s.bold() << info.code << s.reset() << "  " << f.subject
    << ": " << f.message << '\n';
  if (f.severity == Severity::Info) return;
  if (const std::string win = windows_text(info); !win.empty()) {
    o << "           windows: " << win;
    // Event 14428 is logged by the dialling server (outgoing TLS failures), never by the listener.
    if (info.lcs_event != 0 && f.severity == Severity::Error && dialling) o << " (LCS event " << info.lcs_event << ')';
    o << '\n';
  }
  o << "           fix: " << f.remediation << '\n';
}

std::string private_key_text(const std::string& state) {
  if (state == "matches") return "present, matches the certificate";
  if (state == "mismatch") return "present, does NOT match the certificate";
  if (state == "absent") return "absent";
  return state;
}

/// "  (412 days left)", "  (expired 3 days ago)", or nothing when not counted.
std::string days_text(const CertSummary& c) {
  if (!c.days_left) return {};
  const long long d = *c.days_left;
  if (d < 0) return "  (expired " + std::to_string(-d) + (d == -1 ? " day ago)" : " days ago)");
  return "  (" + std::to_string(d) + (d == 1 ? " day left)" : " days left)");
}

void write_cert(std::ostringstream& o, const CertSummary& leaf, const std::string& format) {
  o << "  certificate " << leaf.subject << "  " << leaf.key;
  if (!format.empty()) o << "  (" << format << ")";
  o << '\n';
  o << "  valid       " << leaf.not_before << " to " << leaf.not_after << days_text(leaf) << '\n';
  o << "  thumbprint  " << leaf.sha1 << " (SHA-1)  serial " << leaf.serial << '\n';
  o << "  SAN         " << (leaf.san.empty() ? "(none)" : join(leaf.san, ", ")) << '\n';
  o << "  EKU         " << (leaf.eku.empty() ? "(no EKU extension)" : join(leaf.eku, ", ")) << '\n';
  if (!leaf.cdp.empty()) o << "  CDP         " << join(leaf.cdp, ", ") << '\n';
  if (!leaf.ocsp.empty()) o << "  OCSP        " << join(leaf.ocsp, ", ") << '\n';
  if (!leaf.ca_issuers.empty()) o << "  CA issuers  " << join(leaf.ca_issuers, ", ") << '\n';
}

/// "  revocation  leaf good (OCSP http://...), CN=Issuing CA offline (CRL http://...)": what
/// decided each certificate of the path whose status was looked up.
void write_revocation(std::ostringstream& o, const std::vector<CertSummary>& path) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i].revocation.empty()) continue;
    std::string part = (i == 0 ? std::string("leaf") : short_name(path[i])) + " " + path[i].revocation;
    if (!path[i].revocation_source.empty()) part += " (" + path[i].revocation_source + ")";
    parts.push_back(part);
  }
  if (!parts.empty()) o << "  revocation  " << join(parts, ", ") << '\n';
}

std::string path_text(const std::vector<CertSummary>& certs) {
  std::vector<std::string> path;
  for (const auto& cs : certs) path.push_back(short_name(cs));
  return join(path, " <- ");
}

/// "  days left   8430 leaf, 3000 CN=Issuing CA, 9000 CN=Root": every certificate of the path.
void write_days_left(std::ostringstream& o, const std::vector<CertSummary>& path) {
  if (path.size() < 2) return;  // the leaf's own line says it
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (!path[i].days_left) return;
    parts.push_back(std::to_string(*path[i].days_left) + " " + (i == 0 ? std::string("leaf") : short_name(path[i])));
  }
  o << "  days left   " << join(parts, ", ") << '\n';
}

/// The server's CA names, one a line; a long list (a server trusting hundreds of roots) is cut
/// short here, and JSON has them all.
void write_ca_list(std::ostringstream& o, const TlsSummary& t) {
  constexpr std::size_t kShown = 6;
  const auto& names = t.peer_ca_list;
  o << "  CA list     " << names.size() << (names.size() == 1 ? " name" : " names");
  if (t.peer_ca_list_bytes != 0) o << ", " << t.peer_ca_list_bytes << " bytes";
  o << '\n';
  const std::size_t shown = names.size() <= kShown + 1 ? names.size() : kShown;
  for (std::size_t i = 0; i < shown; ++i) o << "                " << names[i] << '\n';
  if (shown < names.size()) {
    o << "                ... and " << names.size() - shown << " more (--format json lists them all)\n";
  }
}

/// How a SIP domain's server was found: each DNS question, then each server and what happened.
void write_discovery(std::ostringstream& o, const DiscoverySummary& d) {
  for (const auto& q : d.queries) o << "  dns         " << q << '\n';
  for (const auto& s : d.servers) {
    o << "  server      " << s.host << ':' << s.port << " (priority " << s.priority << ", weight " << s.weight << ")";
    if (!s.addresses.empty()) o << "  " << join(s.addresses, ", ");
    if (!s.cname.empty()) o << "  alias of " << s.cname;
    o << "  " << s.outcome << '\n';
  }
}

/// A connect or listen check: our certificate in one line, then the peer, TLS and SIP.
void write_connection(std::ostringstream& o, const CheckResult& c) {
  if (c.discovery) write_discovery(o, *c.discovery);
  if (!c.certificates.empty()) {
    o << "  local       " << short_name(c.certificates.front()) << "  " << c.certificates.front().key << "  ("
      << c.file << ")\n";
  }
  if (c.peer) {
    o << "  peer        " << (c.peer->address.empty() ? "(not connected)" : c.peer->address);
    if (!c.peer->name.empty()) o << "  as " << c.peer->name;
    o << '\n';
    if (!c.peer->certificates.empty()) {
      write_cert(o, c.peer->certificates.front(), "");
      o << "  chain       " << path_text(c.peer->certificates) << "  (" << c.peer->chain << ")\n";
      write_days_left(o, c.peer->certificates);
      write_revocation(o, c.peer->certificates);
    }
  }
  if (c.tls && !c.tls->version.empty()) {
    o << "  tls         " << c.tls->version << "  " << c.tls->cipher;
    if (!c.tls->sni.empty()) o << "  sni " << c.tls->sni;
    o << '\n';
  }
  if (c.tls && !c.tls->peer_ca_list.empty()) write_ca_list(o, *c.tls);
  if (c.tls && !c.tls->alert_received.empty()) o << "  alert in    " << c.tls->alert_received << '\n';
  if (c.tls && !c.tls->alert_sent.empty()) o << "  alert out   " << c.tls->alert_sent << '\n';
  if (c.sip && c.sip->status != 0) {
    o << "  sip         " << c.sip->method << " -> " << c.sip->status << ' ' << c.sip->reason;
    if (!c.sip->server.empty()) o << "  (" << c.sip->server << ")";
    o << '\n';
    for (const auto& [name, value] : c.sip->diagnostics) o << "              " << name << ": " << value << '\n';
    if (!c.sip->contact.empty()) o << "  contact     " << c.sip->contact << '\n';
    if (!c.sip->record_route.empty()) o << "  route       " << c.sip->record_route << '\n';
  }
}

bool is_request(const CheckResult& c) {
  return c.kind == "request" || c.format.rfind("PKCS#10", 0) == 0 || c.format == "certreq INF";
}

/// A certificate request: what it asks for, and the files request wrote.
void write_request(std::ostringstream& o, const CheckResult& c) {
  const CertSummary& r = c.certificates.front();
  o << "  request     " << r.subject << "  " << r.key << "  (" << c.format << ")\n";
  o << "  SAN         " << (r.san.empty() ? "(none)" : join(r.san, ", ")) << '\n';
  o << "  EKU         " << (r.eku.empty() ? "(no EKU extension)" : join(r.eku, ", ")) << '\n';
  if (!c.private_key.empty()) {
    o << "  private key " << (c.private_key == "matches" ? "present, matches the request" : "present, does NOT match the request") << '\n';
  }
  for (const auto& file : c.written) o << "  wrote       " << file << '\n';
}

void write_check(std::ostringstream& o, const CheckResult& c, const Style& s) {
  o << s.bold() << c.kind << ' ' << c.name << s.reset() << "  [profile " << c.profile;
  if (!c.expected_names.empty()) o << ", names " << join(c.expected_names, ", ");
  o << "]\n";
  if (c.kind == "connect" || c.kind == "listen" || c.kind == "pair") {
    write_connection(o, c);
  } else if (c.kind == "trust-store") {
    for (const auto& root : c.certificates) {
      o << "  has         " << short_name(root) << "  SHA-1 " << root.sha1 << days_text(root) << '\n';
    }
  } else if (is_request(c) && !c.certificates.empty()) {
    write_request(o, c);
  } else if (!c.certificates.empty()) {
    write_cert(o, c.certificates.front(), c.format);
    if (!c.private_key.empty()) o << "  private key " << private_key_text(c.private_key) << '\n';
    o << "  chain       " << path_text(c.certificates) << "  (" << c.chain << ")\n";
    write_days_left(o, c.certificates);
    write_revocation(o, c.certificates);
  }
  if (!c.error.empty()) o << "  " << s.red() << "could not run: " << s.reset() << c.error << '\n';
  // LCS event 14428 is logged by a dialling LCS/OCS/Lync/SfB server: not by a listener, nor by an SBC.
  for (const auto& f : c.findings) write_finding(o, f, s, c.role != "server" && c.profile != "teams");
  int errors = 0, warnings = 0;
  for (const auto& f : c.findings) {
    errors += f.severity == Severity::Error;
    warnings += f.severity == Severity::Warning;
  }
  const std::string verdict = c.verdict == Verdict::Pass ? s.green() + "PASS" + until_text(c)
                                                         : s.red() + (c.verdict == Verdict::Fail ? "FAIL" : "ERROR");
  o << "  " << verdict << s.reset() << "  " << errors << (errors == 1 ? " error, " : " errors, ") << warnings
    << (warnings == 1 ? " warning" : " warnings");
  if (!c.not_checked.empty()) o << "; not checked: " << join(c.not_checked, ", ");
  o << '\n';
}

}  // namespace

std::string render_check_text(const CheckResult& check, bool colour) {
  std::ostringstream o;
  write_check(o, terminal_safe(check), Style{colour});
  return o.str();
}

std::string render_text(const Report& report, bool colour) {
  const Style s{colour};
  std::ostringstream o;
  for (std::size_t i = 0; i < report.checks.size(); ++i) {
    if (i != 0) o << '\n';
    write_check(o, terminal_safe(report.checks[i]), s);
  }
  CheckCounts counts;
  for (const auto& c : report.checks) counts.add(c);
  return o.str() + render_text_tail(counts);
}

std::string render_text_tail(const CheckCounts& n) {
  if (n.checks <= 1) return "";
  std::ostringstream o;
  o << '\n' << n.checks << " checks: " << n.checks - n.failures - n.errors << " passed, " << n.failures << " failed";
  if (n.errors != 0) o << ", " << n.errors << " could not run";
  o << '\n';
  return o.str();
}

}  // namespace sipmtls::report
