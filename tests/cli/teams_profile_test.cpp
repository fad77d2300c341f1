// SPDX-License-Identifier: MIT
// The teams profile as Microsoft documents Direct Routing today (issue 16, item 3): a serverAuth-only
// SBC certificate is a warning, not an error; fixes name the SBC and Microsoft's CA list, never
// LCS events, KBs or the Windows certificate store.
#include <catch2/catch_test_macros.hpp>

#include "../support/manifest.hpp"
#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;

namespace {

RunResult inspect(const std::string& id, const std::string& profile, const std::string& ca = "pki/root-ca.pem") {
  return run_sipmtls({"inspect", tc("cases/" + id + ".pem"), "--fqdn", "sip-a.contoso.test", "--ca", tc(ca),
                      "--profile", profile, "--at", manifest().at});
}

bool windows_advice(const std::string& text) {
  for (const char* lcs : {"KB 836410", "Local Computer", "LCS event", "Web Server template"}) {
    if (text.find(lcs) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("teams: a serverAuth-only SBC certificate warns, OCS refuses it", "[cli][teams]") {
  const auto teams = inspect("server-auth-only", "teams");
  CAPTURE(teams.out);
  CHECK(teams.exit_code == 0);
  CHECK(teams.out.find("warning EKU_MISSING_CLIENT_AUTH") != std::string::npos);
  CHECK(teams.out.find("Microsoft does not require it of the SBC") != std::string::npos);
  CHECK(inspect("server-auth-only", "ocs").exit_code == 1);
}

TEST_CASE("teams: fixes speak of the SBC and Microsoft's CA list, not of Windows servers", "[cli][teams]") {
  for (const auto& [id, ca] : std::vector<std::pair<std::string, std::string>>{
           {"expired", "pki/root-ca.pem"}, {"untrusted-root", "pki/root-ca.pem"}, {"code-signing-eku", "pki/root-ca.pem"}}) {
    CAPTURE(id);
    const auto teams = inspect(id, "teams", ca);
    CHECK(teams.exit_code == 1);
    CHECK_FALSE(windows_advice(teams.out));
    CHECK((teams.out.find("SBC") != std::string::npos));
    // The same certificate under OCS gets the Windows server's fix.
    CHECK(windows_advice(inspect(id, "ocs", ca).out));
  }
  // No LCS event on a connection judged under teams.
  ListenProcess server({"--fqdn", "sip-a.contoso.test"}, "untrusted-root");
  const auto r = run_sipmtls(with_cert({"connect", "127.0.0.1:" + std::to_string(server.port), "--fqdn",
                                        "sip-a.contoso.test", "--profile", "teams"},
                                       "a-rsa"));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("CHAIN_UNTRUSTED_ROOT") != std::string::npos);
  CHECK_FALSE(windows_advice(r.out));
}
