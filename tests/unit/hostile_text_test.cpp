// SPDX-License-Identifier: MIT
// Bytes from a peer or a file in every field of a check (issue 14): invalid UTF-8 never loses a
// JSON or JUnit report, and control characters never reach the terminal or forge a report line.
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include <nlohmann/json.hpp>

#include "sipmtls/report/model.hpp"
#include "sipmtls/report/safe_text.hpp"

using namespace sipmtls;

namespace {

// Invalid UTF-8 (a lone continuation byte, an overlong, a surrogate, a truncated sequence), an
// escape sequence that clears the screen, CR/LF forging a report line, BEL, and a C1 control.
const std::string kHostile = std::string("x\x80y\xC0\xAF\xED\xA0\x80\xE2\x82") + "\x1B[2J\r\n  PASS  0 errors\x07" +
                             "\xC2\x9B" + "31m";

report::Report hostile_report() {
  report::CheckResult c;
  c.kind = "listen";
  c.name = c.file = c.error = kHostile;
  c.expected_names = {kHostile};
  report::CertSummary cert;
  cert.subject = cert.issuer = "CN=" + kHostile;
  cert.san = {"DNS:" + kHostile};
  c.certificates = {cert};
  c.peer = report::PeerSummary{kHostile, kHostile, "trusted", {cert}};
  c.tls = report::TlsSummary{};
  c.tls->peer_ca_list = {kHostile};
  c.tls->sni = kHostile;
  c.sip = report::SipSummary{"OPTIONS", 200, kHostile, kHostile};
  c.findings = {{FindingCode::NameMismatch, Severity::Error, kHostile, kHostile, kHostile}};
  c.verdict = report::Verdict::Fail;
  return {"9.9.9", {c}};
}

bool valid_utf8(const std::string& s) { return report::valid_utf8(s) == s; }

}  // namespace

TEST_CASE("invalid UTF-8 in any field still gives a complete JSON report", "[report][hostile]") {
  const std::string out = report::render_json(hostile_report());
  CHECK(valid_utf8(out));
  const auto j = nlohmann::json::parse(out);
  CHECK(j["checks"][0]["findings"][0]["code"] == "NAME_MISMATCH");
  CHECK(j["checks"][0]["sip"]["server"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("invalid UTF-8 and control characters still give well-formed JUnit", "[report][hostile]") {
  const std::string xml = report::render_junit(hostile_report());
  CHECK(valid_utf8(xml));
  for (char ch : xml) {
    const auto c = static_cast<unsigned char>(ch);
    CHECK((c >= 0x20 || c == '\n' || c == '\t'));  // XML 1.0 allows no other C0 character
  }
}

TEST_CASE("text output escapes control characters, so no field can move the cursor or forge a line",
          "[report][hostile]") {
  const bool colour = GENERATE(false, true);
  const std::string text = report::render_text(hostile_report(), colour);
  CHECK(valid_utf8(text));
  CHECK(text.find('\r') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("\xC2\x9B") == std::string::npos);
  CHECK(text.find("\\x1B[2J") != std::string::npos);
  // The forged verdict line stays inside the field that carried it: no line starts with it.
  CHECK(text.find("\n  PASS  0 errors") == std::string::npos);
  if (!colour) CHECK(text.find('\x1B') == std::string::npos);
}

TEST_CASE("valid UTF-8 and plain text pass unchanged", "[report][hostile]") {
  const std::string text = "sip.contoso.com — Zürich 漢字 \xF0\x9F\x94\x92";
  CHECK(report::valid_utf8(text) == text);
  CHECK(report::terminal_safe(text) == text);
  CHECK(report::terminal_safe("a\tb") == "a\\x09b");
}
