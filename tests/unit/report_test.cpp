// SPDX-License-Identifier: MIT
// The three report formats carry the verdict, the codes, Windows errors and the fixes.
#include <catch2/catch_test_macros.hpp>

#include <nlohmann/json.hpp>

#include "sipmtls/report/model.hpp"

using namespace sipmtls;

namespace {

report::Report sample() {
  report::CheckResult c;
  c.name = "a.pem";
  c.profile = "ocs";
  c.findings = {{FindingCode::NameMismatch, Severity::Error, "leaf CN=a", "a <b> & \"c\"", "fix it"},
                {FindingCode::SanMissingName, Severity::Warning, "leaf CN=a", "warned", "add it"},
                {FindingCode::EkuMissingClientAuth, Severity::Error, "leaf CN=a", "no client", "request both"}};
  c.verdict = report::Verdict::Fail;
  report::CheckResult ok;
  ok.name = "b.pem";
  ok.profile = "ocs";
  return {"9.9.9", {c, ok}};
}

}  // namespace

TEST_CASE("JSON report follows DESIGN.md", "[report]") {
  const auto j = nlohmann::json::parse(report::render_json(sample()));
  CHECK(j["tool"] == "sipmtls");
  CHECK(j["version"] == "9.9.9");
  CHECK(j["verdict"] == "fail");
  REQUIRE(j["checks"].size() == 2);
  const auto& f = j["checks"][0]["findings"][0];
  CHECK(f["code"] == "NAME_MISMATCH");
  CHECK(f["severity"] == "error");
  CHECK(f["windows_error"]["hex"] == "0x80090322");
  CHECK(f["windows_error"]["name"] == "SEC_E_WRONG_PRINCIPAL");
  CHECK(f["lcs_event"] == 14428);
  CHECK(f["remediation"] == "fix it");
  CHECK_FALSE(j["checks"][0]["findings"][1].contains("windows_error"));
  CHECK(j["checks"][1]["verdict"] == "pass");
}

TEST_CASE("JUnit has one testcase per check and one failure per error finding", "[report]") {
  const std::string xml = report::render_junit(sample());
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = xml.find(needle); pos != std::string::npos; pos = xml.find(needle, pos + 1)) ++n;
    return n;
  };
  CHECK(count("<testcase ") == 2);
  CHECK(count("<failure ") == 2);
  CHECK(xml.find("failures=\"1\"") != std::string::npos);
  CHECK(xml.find("a &lt;b&gt; &amp; &quot;c&quot;") != std::string::npos);
}

TEST_CASE("text report puts the fix under each finding and colours only when asked", "[report]") {
  const std::string plain = report::render_text(sample(), false);
  CHECK(plain.find("NAME_MISMATCH") != std::string::npos);
  CHECK(plain.find("fix: fix it") != std::string::npos);
  CHECK(plain.find("0x80090322 SEC_E_WRONG_PRINCIPAL") != std::string::npos);
  CHECK(plain.find("2 checks: 1 passed, 1 failed") != std::string::npos);
  CHECK(plain.find('\033') == std::string::npos);
  CHECK(report::render_text(sample(), true).find('\033') != std::string::npos);
}

// LCS event 14428 is the dialling server's (outgoing TLS failures): a listener's view names none.
TEST_CASE("the LCS event appears on the dialling side's findings only", "[report]") {
  report::Report r = sample();
  r.checks[0].role = "server";
  const auto j = nlohmann::json::parse(report::render_json(r));
  CHECK_FALSE(j["checks"][0]["findings"][0].contains("lcs_event"));
  CHECK(report::render_text(r, false).find("LCS event") == std::string::npos);
  r.checks[0].role = "client";
  CHECK(nlohmann::json::parse(report::render_json(r))["checks"][0]["findings"][0]["lcs_event"] == 14428);
  CHECK(report::render_text(r, false).find("(LCS event 14428)") != std::string::npos);
}
