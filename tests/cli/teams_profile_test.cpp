// SPDX-License-Identifier: MIT
// The teams profile as Microsoft documents Direct Routing today (issue 16, item 3): a serverAuth-only
// SBC certificate is a warning, not an error; fixes name the SBC and Microsoft's CA list, never
// LCS events, KBs or the Windows certificate store.
#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

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

TEST_CASE("teams: an SBC certificate from a private root is one Direct Routing refuses", "[cli][teams]") {
  // The corpus root is private: Direct Routing trusts only Microsoft Trusted Root Program CAs.
  const auto teams = inspect("a-rsa", "teams");
  CAPTURE(teams.out);
  CHECK(teams.exit_code == 0);
  CHECK(teams.out.find("warning TEAMS_CA_NOT_IN_PROGRAM  leaf CN=sip-a.contoso.test") != std::string::npos);
  CHECK(teams.out.find("Microsoft Trusted Root Program") != std::string::npos);
  // The same root declared public (the system store stands in for Microsoft's program).
  const auto pub = run_sipmtls({"inspect", tc("cases/a-rsa.pem"), "--fqdn", "sip-a.contoso.test", "--ca",
                                tc("pki/root-ca.pem"), "--profile", "teams", "--at", manifest().at},
                               {{"SIPMTLS_PUBLIC_ROOTS", tc("pki/root-ca.pem")}});
  CHECK(pub.out.find("TEAMS_CA_NOT_IN_PROGRAM") == std::string::npos);
  // Other products trust the enterprise CA.
  CHECK(inspect("a-rsa", "ocs").out.find("TEAMS_CA_NOT_IN_PROGRAM") == std::string::npos);
}

TEST_CASE("a leaf alone whose issuer names a public CA counts as public until its root is given", "[cli][teams]") {
  const std::string d = "/tmp/sipmtls-public-issuer-" + std::to_string(::getpid());
  auto make = [&](const std::string& org) {
    return run_shell("rm -rf " + d + " && mkdir -p " + d + " && cd " + d +
                     " && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout ca.key -out "
                     "ca.pem -subj \"/C=US/O=" + org + "/CN=R11\" -addext basicConstraints=critical,CA:TRUE "
                     "-addext keyUsage=critical,keyCertSign >/dev/null 2>&1 && openssl req -newkey ec -pkeyopt "
                     "ec_paramgen_curve:P-256 -noenc -keyout l.key -out l.csr -subj /CN=sip-a.contoso.test "
                     ">/dev/null 2>&1 && printf 'extendedKeyUsage=serverAuth\\nsubjectAltName=DNS:sip-a.contoso.test\\n' "
                     "> ext && openssl x509 -req -in l.csr -CA ca.pem -CAkey ca.key -out l.pem -days 400 -extfile ext "
                     ">/dev/null 2>&1");
  };
  const std::string public_words = "a public CA issued it";
  REQUIRE(make("Let's Encrypt") == 0);
  auto alone = run_sipmtls({"--revocation", "off", "inspect", d + "/l.pem", "--fqdn", "sip-a.contoso.test"});
  CAPTURE(alone.out);
  CHECK(alone.out.find(public_words) != std::string::npos);
  CHECK(alone.out.find("a public CA cannot issue Client Authentication") != std::string::npos);
  // Its root given, and not in the public store: a private CA borrowing the name.
  auto rooted = run_sipmtls({"--revocation", "off", "inspect", d + "/l.pem", "--fqdn", "sip-a.contoso.test", "--ca",
                             d + "/ca.pem"});
  CHECK(rooted.out.find(public_words) == std::string::npos);
  REQUIRE(make("Contoso Ltd") == 0);
  auto private_alone = run_sipmtls({"--revocation", "off", "inspect", d + "/l.pem", "--fqdn", "sip-a.contoso.test"});
  CHECK(private_alone.out.find(public_words) == std::string::npos);
  run_shell("rm -rf " + d);
}
