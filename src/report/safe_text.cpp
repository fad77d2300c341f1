// SPDX-License-Identifier: MIT
// UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) and escaping of
// control characters for reports.
#include "sipmtls/report/safe_text.hpp"

#include <cstdio>

#include "sipmtls/utf8.hpp"

namespace sipmtls::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

void escape_byte(std::string& out, char32_t value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(value & 0xFF));
  out += buf;
}

template <class Visit>
std::string map_utf8(std::string_view text, Visit visit) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const auto cp = next_utf8(text, i);
    if (!cp) {
      out += kReplacement;
      ++i;
      continue;
    }
    visit(out, text.substr(start, i - start), *cp);
  }
  return out;
}

void safe_all(std::vector<std::string>& v) {
  for (auto& s : v) s = terminal_safe(s);
}

void safe_cert(CertSummary& c) {
  for (auto* s : {&c.subject, &c.issuer, &c.serial, &c.not_before, &c.not_after, &c.key, &c.sha256, &c.sha1,
                  &c.revocation, &c.revocation_source}) {
    *s = terminal_safe(*s);
  }
  safe_all(c.san);
  safe_all(c.eku);
  safe_all(c.cdp);
  safe_all(c.ocsp);
  safe_all(c.ca_issuers);
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  return map_utf8(text, [](std::string& out, std::string_view seq, char32_t) { out += seq; });
}

std::string terminal_safe(std::string_view text) {
  return map_utf8(text, [](std::string& out, std::string_view seq, char32_t cp) {
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
      escape_byte(out, cp);
    } else {
      out += seq;
    }
  });
}

CheckResult terminal_safe(const CheckResult& check) {
  CheckResult c = check;
  for (auto* s : {&c.kind, &c.role, &c.name, &c.direction, &c.profile, &c.file, &c.format, &c.chain, &c.private_key,
                  &c.error}) {
    *s = terminal_safe(*s);
  }
  safe_all(c.expected_names);
  for (auto& cert : c.certificates) safe_cert(cert);
  if (c.peer) {
    for (auto* s : {&c.peer->address, &c.peer->name, &c.peer->chain}) *s = terminal_safe(*s);
    for (auto& cert : c.peer->certificates) safe_cert(cert);
  }
  if (c.tls) {
    for (auto* s : {&c.tls->version, &c.tls->cipher, &c.tls->sni, &c.tls->alert_received, &c.tls->alert_sent}) {
      *s = terminal_safe(*s);
    }
    safe_all(c.tls->offered_versions);
    safe_all(c.tls->peer_ca_list);
  }
  if (c.sip) {
    for (auto* s : {&c.sip->method, &c.sip->reason, &c.sip->server, &c.sip->from, &c.sip->contact,
                    &c.sip->record_route}) {
      *s = terminal_safe(*s);
    }
    for (auto& [name, value] : c.sip->diagnostics) value = terminal_safe(value);
  }
  if (c.discovery) {
    for (auto* s : {&c.discovery->domain, &c.discovery->service}) *s = terminal_safe(*s);
    safe_all(c.discovery->queries);
    for (auto& s : c.discovery->servers) {
      for (auto* t : {&s.host, &s.cname, &s.outcome}) *t = terminal_safe(*t);
    }
  }
  for (auto& f : c.findings) {
    for (auto* s : {&f.subject, &f.message, &f.remediation}) *s = terminal_safe(*s);
  }
  return c;
}

}  // namespace sipmtls::report
