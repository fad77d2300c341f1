// SPDX-License-Identifier: MIT
// libFuzzer target: the report writers (text, JSON, JUnit) with arbitrary bytes in every field, and
// the TOML reader with arbitrary text (issue 14). Nothing may throw, crash or write invalid JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/toml_reader.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/report/monitoring.hpp"
#include "sipmtls/report/safe_text.hpp"

using namespace sipmtls;

namespace {

// Splits the input at NUL bytes into the fields of a check, cycling when there are fewer.
report::Report from_bytes(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> parts(1);
  for (std::size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      parts.emplace_back();
    } else {
      parts.back() += static_cast<char>(data[i]);
    }
  }
  std::size_t next = 0;
  auto field = [&]() -> const std::string& { return parts[next++ % parts.size()]; };
  report::CheckResult c;
  c.kind = field();
  c.name = field();
  c.file = field();
  c.error = field();
  c.expected_names = {field()};
  report::CertSummary cert;
  cert.subject = field();
  cert.issuer = field();
  cert.san = {field()};
  c.certificates = {cert};
  c.peer = report::PeerSummary{field(), field(), field(), {cert}};
  c.tls = report::TlsSummary{};
  c.tls->peer_ca_list = {field()};
  c.sip = report::SipSummary{field(), static_cast<int>(size), field(), field()};
  c.findings = {{FindingCode::NameMismatch, Severity::Error, field(), field(), field()}};
  c.verdict = report::Verdict::Fail;
  return {"fuzz", {c}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const report::Report r = from_bytes(data, size);
  (void)report::render_text(r, size % 2 == 0);
  (void)report::render_junit(r);
  (void)report::render_markdown(r);
  // A Nagios line is one line: hostile bytes must not add one, or Nagios reads the wrong status.
  const std::string nagios = report::render_nagios(r, 0);
  if (nagios.find('\n') != nagios.size() - 1) std::abort();
  const std::string json = report::render_json(r);
  if (!nlohmann::json::accept(json)) std::abort();  // a report that cannot be read is a lost report
  (void)config::parse_text(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml");
  return 0;
}
