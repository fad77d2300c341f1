// SPDX-License-Identifier: MIT
// --format nagios: one status line with performance data, and the plugin's exit code.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "sipmtls/report/monitoring.hpp"
#include "sipmtls/report/safe_text.hpp"

namespace sipmtls::report {
namespace {

constexpr const char* kStateNames[] = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

/// The certificate each check judged: the peer's leaf, or for inspect the file's.
const CertSummary* judged(const CheckResult& c) {
  if (c.peer && !c.peer->certificates.empty()) return &c.peer->certificates.front();
  if (c.kind == "inspect" && !c.certificates.empty()) return &c.certificates.front();
  return nullptr;
}

const Finding* first_with(const CheckResult& c, Severity severity) {
  for (const auto& f : c.findings) {
    if (f.severity == severity) return &f;
  }
  return nullptr;
}

/// What the line says: the first check that could not run, else the first error, else warning.
std::string headline(const Report& r, NagiosState state) {
  for (const auto& c : r.checks) {
    if (state == NagiosState::Unknown && c.verdict == Verdict::Error) return c.kind + " " + c.name + ": " + c.error;
    const Finding* f = state == NagiosState::Critical ? first_with(c, Severity::Error)
                       : state == NagiosState::Warning ? first_with(c, Severity::Warning)
                                                       : nullptr;
    if (f != nullptr) {
      return c.kind + " " + c.name + ": " + std::string(finding_code_name(f->code)) + " " + f->subject + ": " +
             f->message;
    }
  }
  std::string names, unchecked;
  for (const auto& c : r.checks) {
    names += (names.empty() ? "" : ", ") + c.kind + " " + c.name;
    for (const auto& what : c.not_checked) {
      if (unchecked.find(what) == std::string::npos) unchecked += (unchecked.empty() ? "" : ", ") + what;
    }
  }
  // OK never hides what was not judged.
  return std::to_string(r.checks.size()) + (r.checks.size() == 1 ? " check passed: " : " checks passed: ") + names +
         (unchecked.empty() ? "" : "; not checked: " + unchecked);
}

}  // namespace

std::string nagios_safe(std::string text) {
  std::replace(text.begin(), text.end(), '|', '/');
  std::replace(text.begin(), text.end(), '\n', ' ');
  return terminal_safe(text);
}

NagiosState nagios_state(const Report& r) {
  bool errors = false, warnings = false;
  for (const auto& c : r.checks) {
    if (c.verdict == Verdict::Error) return NagiosState::Unknown;
    errors = errors || first_with(c, Severity::Error) != nullptr;
    warnings = warnings || first_with(c, Severity::Warning) != nullptr;
  }
  if (r.checks.empty()) return NagiosState::Unknown;
  return errors ? NagiosState::Critical : warnings ? NagiosState::Warning : NagiosState::Ok;
}

std::string render_nagios(const Report& r, cert::UnixTime now) {
  const NagiosState state = nagios_state(r);
  std::string line = std::string("SIPMTLS ") + kStateNames[static_cast<int>(state)] + " - " +
                     nagios_safe(headline(r, state));
  std::optional<long long> days;
  std::optional<double> handshake_ms;
  for (const auto& c : r.checks) {
    if (const CertSummary* cert = judged(c)) {
      if (const auto until = cert::parse_time(cert->not_after)) {
        const long long d = static_cast<long long>(std::floor(static_cast<double>(*until - now) / 86400.0));
        days = days ? std::min(*days, d) : d;
      }
    }
    if (c.tls && c.tls->handshake_ms > 0) handshake_ms = std::max(handshake_ms.value_or(0), c.tls->handshake_ms);
  }
  std::string perf;
  if (days) perf += " days_left=" + std::to_string(*days) + ";30:;0:";
  if (handshake_ms) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " handshake=%.4fs;;;0", *handshake_ms / 1000.0);
    perf += buf;
  }
  perf += " checks=" + std::to_string(r.checks.size()) + ";;;0";
  return line + " |" + perf + "\n";
}

}  // namespace sipmtls::report
