// SPDX-License-Identifier: MIT
// --format markdown: a report to paste into a ticket or a mail to a partner or an SBC vendor.
#include <sstream>

#include "sipmtls/join.hpp"
#include "sipmtls/report/codes.hpp"
#include "sipmtls/report/monitoring.hpp"
#include "sipmtls/report/safe_text.hpp"

namespace sipmtls::report {
namespace {

/// Text for a table cell or a list item: one line, no cell separators, no code spans broken.
std::string md(const std::string& text) {
  std::string out;
  for (char ch : terminal_safe(text)) {
    if (ch == '|' || ch == '`' || ch == '*' || ch == '_' || ch == '<') out += '\\';
    out += ch == '\n' ? ' ' : ch;
  }
  return out;
}

std::string chain_text(const std::vector<CertSummary>& certs, const std::string& state) {
  std::vector<std::string> names;
  for (const auto& c : certs) names.push_back(c.subject);
  return join(names, " <- ") + " (" + state + ")";
}

void row(std::ostringstream& o, const std::string& what, const std::string& value) {
  if (!value.empty()) o << "| " << what << " | " << md(value) << " |\n";
}

void certificate_rows(std::ostringstream& o, const std::string& whose, const CertSummary& c) {
  row(o, whose, c.subject + ", " + c.key + ", issued by " + c.issuer);
  row(o, "Valid", c.not_before + " to " + c.not_after +
                     (c.days_left ? " (" + std::to_string(*c.days_left) + " days left)" : ""));
  row(o, "Serial", c.serial);
  row(o, "SHA-1 thumbprint", c.sha1);
  row(o, "SAN", c.san.empty() ? "(none)" : join(c.san, ", "));
  row(o, "EKU", c.eku.empty() ? "(no EKU extension)" : join(c.eku, ", "));
  row(o, "SHA-256", c.sha256);
}

void facts(std::ostringstream& o, const CheckResult& c) {
  o << "| | |\n| --- | --- |\n";
  row(o, "Profile", c.profile + (c.expected_names.empty() ? "" : ", names " + join(c.expected_names, ", ")));
  if (c.direction.size() > 0) row(o, "Direction", c.direction + " (we are the " + c.role + ")");
  if (!c.certificates.empty()) {
    if (c.kind == "inspect") {
      certificate_rows(o, "Certificate", c.certificates.front());
      row(o, "Chain", chain_text(c.certificates, c.chain));
    } else {
      row(o, "Our certificate", c.certificates.front().subject + " (" + c.file + ")");
    }
  }
  if (c.peer) {
    row(o, "Peer", c.peer->address.empty() ? "(not connected)" : c.peer->address + (c.peer->name.empty() ? "" : " as " + c.peer->name));
    if (!c.peer->certificates.empty()) {
      certificate_rows(o, "Peer certificate", c.peer->certificates.front());
      row(o, "Peer chain", chain_text(c.peer->certificates, c.peer->chain));
    }
  }
  if (c.tls && !c.tls->version.empty()) {
    row(o, "TLS", c.tls->version + ", " + c.tls->cipher + (c.tls->sni.empty() ? "" : ", SNI " + c.tls->sni));
  }
  if (c.tls) {
    row(o, "Alert received", c.tls->alert_received);
    row(o, "Alert sent", c.tls->alert_sent);
    if (!c.tls->peer_ca_list.empty()) row(o, "Server's CA list", std::to_string(c.tls->peer_ca_list.size()) + " names");
  }
  if (c.sip && c.sip->status != 0) {
    row(o, "SIP", c.sip->method + " -> " + std::to_string(c.sip->status) + " " + c.sip->reason +
                      (c.sip->server.empty() ? "" : " (" + c.sip->server + ")"));
  }
}

void findings(std::ostringstream& o, const CheckResult& c) {
  bool any = false;
  for (const auto& f : c.findings) {
    if (f.severity == Severity::Info) continue;
    if (!any) o << "\n**Findings**\n\n";
    any = true;
    const FindingInfo& info = finding_info(f.code);
    o << "- **" << severity_name(f.severity) << " `" << info.code << "`** " << md(f.subject) << ": " << md(f.message)
      << "  \n";
    if (const auto win = windows_text(info); !win.empty()) o << "  Windows: " << win << "  \n";
    o << "  Fix: " << md(f.remediation) << "\n";
  }
}

}  // namespace

std::string render_markdown(const Report& r) {
  std::ostringstream o;
  o << "# sipmtls report: " << verdict_name(r.verdict()) << "\n\nsipmtls " << r.version << ", "
    << r.checks.size() << (r.checks.size() == 1 ? " check" : " checks") << ".\n";
  for (const auto& c : r.checks) {
    o << "\n## " << md(c.kind + " " + c.name) << ": " << verdict_name(c.verdict) << "\n\n";
    facts(o, c);
    if (!c.error.empty()) o << "\nCould not run: " << md(c.error) << "\n";
    findings(o, c);
    if (!c.not_checked.empty()) o << "\nNot checked: " << md(join(c.not_checked, ", ")) << ".\n";
  }
  return o.str();
}

}  // namespace sipmtls::report
