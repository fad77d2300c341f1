// SPDX-License-Identifier: MIT
// -v and -vv on stderr (stdout keeps the report alone): -v the SIP messages of each check as sent
// and received, -vv also the TLS handshake's events. Peer bytes are made safe for a terminal.
#include <iostream>
#include <string_view>

#include "cli.hpp"
#include "sipmtls/join.hpp"
#include "sipmtls/report/safe_text.hpp"

namespace sipmtls::cli {
namespace {

void print_lines(std::string_view text) {
  while (!text.empty()) {
    const auto end = text.find("\r\n");
    std::cerr << "  " << report::terminal_safe(text.substr(0, end)) << '\n';
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 2);
  }
}

void print_sip(const report::CheckResult& c) {
  if (!c.sip) return;
  for (std::size_t i = 0; i < c.sip->messages.size(); ++i) {
    const bool ours = (c.role == "client") == (i % 2 == 0);
    std::cerr << "sipmtls: " << (ours ? "sent" : "received") << " (" << report::terminal_safe(c.name) << "):\n";
    print_lines(c.sip->messages[i]);
  }
}

void print_tls(const report::CheckResult& c) {
  if (!c.tls) return;
  const report::TlsSummary& t = *c.tls;
  const bool client = c.role == "client";
  std::cerr << "sipmtls: tls (" << report::terminal_safe(c.name) << "):\n";
  std::cerr << "  ClientHello         " << (client ? "sent" : "received") << ", offering "
            << (t.offered_versions.empty() ? std::string("(not seen)") : report::terminal_safe(join(t.offered_versions)))
            << (t.sni.empty() ? "" : "; sni " + report::terminal_safe(t.sni)) << '\n';
  if (!t.version.empty()) {
    std::cerr << "  ServerHello         " << (client ? "received" : "sent") << ", " << report::terminal_safe(t.version)
              << (t.cipher.empty() ? "" : "  " + report::terminal_safe(t.cipher)) << '\n';
  }
  std::cerr << "  CertificateRequest  ";
  if (!t.certificate_requested) {
    std::cerr << "none\n";
  } else {
    std::cerr << (client ? "received" : "sent") << ", " << t.peer_ca_list.size() << " CA names";
    if (t.peer_ca_list_bytes != 0) std::cerr << " (" << t.peer_ca_list_bytes << " bytes)";
    std::cerr << '\n';
  }
  if (!t.alert_received.empty()) std::cerr << "  alert received      " << report::terminal_safe(t.alert_received) << '\n';
  if (!t.alert_sent.empty()) std::cerr << "  alert sent          " << t.alert_sent << '\n';
  if (t.handshake_ms > 0) std::cerr << "  handshake           " << t.handshake_ms << " ms\n";
}

}  // namespace

void print_verbose(const report::CheckResult& check, int level) {
  if (level >= 2) print_tls(check);
  if (level >= 1) print_sip(check);
}

void print_verbose(const report::Report& report, int level) {
  for (const auto& c : report.checks) print_verbose(c, level);
}

}  // namespace sipmtls::cli
