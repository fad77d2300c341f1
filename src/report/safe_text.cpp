// SPDX-License-Identifier: MIT
// UTF-8 validation (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) and escaping of
// control characters for reports.
#include "sipmtls/report/safe_text.hpp"

#include <cstdio>

namespace sipmtls::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i], 0 when there is none; its code point in cp.
std::size_t sequence(std::string_view s, std::size_t i, unsigned long& cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  const std::size_t n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  cp = b & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr unsigned long kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void escape_byte(std::string& out, unsigned long value) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x%02lX", value & 0xFF);
  out += buf;
}

template <class Visit>
std::string map_utf8(std::string_view text, Visit visit) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned long cp = 0;
    const std::size_t n = sequence(text, i, cp);
    if (n == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    visit(out, text.substr(i, n), cp);
    i += n;
  }
  return out;
}

void safe_all(std::vector<std::string>& v) {
  for (auto& s : v) s = terminal_safe(s);
}

void safe_cert(CertSummary& c) {
  for (auto* s : {&c.subject, &c.issuer, &c.serial, &c.not_before, &c.not_after, &c.key, &c.sha256}) {
    *s = terminal_safe(*s);
  }
  safe_all(c.san);
  safe_all(c.eku);
}

}  // namespace

std::string valid_utf8(std::string_view text) {
  return map_utf8(text, [](std::string& out, std::string_view seq, unsigned long) { out += seq; });
}

std::string terminal_safe(std::string_view text) {
  return map_utf8(text, [](std::string& out, std::string_view seq, unsigned long cp) {
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
    for (auto* s : {&c.sip->method, &c.sip->reason, &c.sip->server}) *s = terminal_safe(*s);
  }
  for (auto& f : c.findings) {
    for (auto* s : {&f.subject, &f.message, &f.remediation}) *s = terminal_safe(*s);
  }
  return c;
}

}  // namespace sipmtls::report
