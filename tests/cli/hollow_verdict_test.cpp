// SPDX-License-Identifier: MIT
// No hollow verdicts (issue 18, item 1): what a check did not judge is in its verdict line, and
// connect also judges our own certificate as the peer's product would, and the peer's
// certificate as the client it becomes when it dials us: as warnings, the verdict unchanged.
#include <catch2/catch_test_macros.hpp>

#include <nlohmann/json.hpp>

#include "../support/manifest.hpp"
#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;

namespace {

struct Seen {
  std::string severity, message;
};

/// The findings with this code in the one check of a JSON report.
std::vector<Seen> findings(const RunResult& r, const std::string& code) {
  std::vector<Seen> out;
  const auto report = nlohmann::json::parse(r.out);  // named: a temporary would die before the loop
  for (const auto& f : report["checks"][0]["findings"]) {
    if (f["code"] == code) out.push_back({f["severity"], f["message"]});
  }
  return out;
}

std::string last_line(const std::string& text) {
  const auto end = text.find_last_not_of('\n');
  const auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

}  // namespace

TEST_CASE("inspect says in its verdict line what it could not judge", "[cli][verdict]") {
  const auto bare = run_sipmtls({"inspect", tc("cases/a-rsa.pem"), "--at", manifest().at});
  CHECK(bare.exit_code == 0);
  CHECK(last_line(bare.out) ==
        "  PASS  0 errors, 0 warnings; not checked: trust (no --ca), revocation (no trusted path), names (no --fqdn)");
  // Everything given: a bare PASS, nothing left unsaid.
  const auto full = run_sipmtls({"inspect", tc("cases/a-rsa.pem"), "--fqdn", "sip-a.contoso.test", "--ca",
                                 tc("pki/root-ca.pem"), "--crl", tc("pki/issuing-ca.crl.pem"), "--crl",
                                 tc("pki/root-ca.crl.pem"), "--at", manifest().at});
  CHECK(full.exit_code == 0);
  CHECK(last_line(full.out) == "  PASS  0 errors, 0 warnings");
  const auto json = run_sipmtls({"--format", "json", "--revocation", "off", "inspect", tc("cases/a-rsa.pem"), "--fqdn",
                                 "sip-a.contoso.test", "--ca", tc("pki/root-ca.pem"), "--at", manifest().at});
  CHECK(nlohmann::json::parse(json.out)["checks"][0]["not_checked"] ==
        nlohmann::json::array({"revocation (--revocation off, no --crl)"}));
}

TEST_CASE("connect warns that our expired certificate passed only because the peer is lenient", "[cli][verdict]") {
  ListenProcess lenient({"--fqdn", "sip-a.contoso.test"});  // no --strict: it completes the handshake
  const auto r = run_sipmtls(
      with_cert({"--format", "json", "connect", "127.0.0.1:" + std::to_string(lenient.port), "--fqdn", "sip-b.contoso.test"},
                "expired"));
  CHECK(r.exit_code == 0);  // the verdict is on what the peer did: it accepted us
  const auto expired = findings(r, "CERT_EXPIRED");
  REQUIRE(expired.size() == 1);
  CHECK(expired[0].severity == "warning");
  CHECK(expired[0].message.find("this peer did not reject our certificate, but OCS/Lync/Skype for Business Server would") == 0);
  // Not said when our certificate is good.
  ListenProcess again({"--fqdn", "sip-a.contoso.test"});
  const auto good = run_sipmtls(
      with_cert({"--format", "json", "connect", "127.0.0.1:" + std::to_string(again.port), "--fqdn", "sip-b.contoso.test"},
                "a-rsa"));
  CHECK(good.exit_code == 0);
  CHECK(nlohmann::json::parse(good.out)["checks"][0]["findings"].empty());
}

TEST_CASE("connect warns that a serverAuth-only server cannot dial us back", "[cli][verdict]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"}, "server-auth-only");
  const auto r = run_sipmtls(
      with_cert({"--format", "json", "connect", "127.0.0.1:" + std::to_string(server.port), "--fqdn", "sip-a.contoso.test"},
                "a-rsa"));
  CHECK(r.exit_code == 0);
  const auto missing = findings(r, "EKU_MISSING_CLIENT_AUTH");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].severity == "warning");
  CHECK(missing[0].message.find("dials us it presents this certificate as TLS client") != std::string::npos);
  // Teams: Microsoft's side dialling in need not carry clientAuth, so no warning.
  ListenProcess teams({"--fqdn", "sip-a.contoso.test"}, "server-auth-only");
  const auto t = run_sipmtls(with_cert({"--format", "json", "connect", "127.0.0.1:" + std::to_string(teams.port),
                                        "--fqdn", "sip-a.contoso.test", "--profile", "teams"},
                                       "a-rsa"));
  CHECK(findings(t, "EKU_MISSING_CLIENT_AUTH").empty());
}
