// SPDX-License-Identifier: MIT
// Monitoring and sharing (issue 18, item 5): --format nagios is one status line whose exit code
// is the plugin state (0-3 = OK, WARNING, CRITICAL, UNKNOWN) with performance data; --format
// markdown is a report to paste to a partner.
#include <catch2/catch_test_macros.hpp>

#include <regex>

#include "../support/manifest.hpp"
#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;

namespace {

RunResult nagios_inspect(const std::string& id, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"--format", "nagios", "inspect", tc("cases/" + id + ".pem"), "--fqdn",
                                   "sip-a.contoso.test", "--ca", tc("pki/root-ca.pem"), "--crl",
                                   tc("pki/issuing-ca.crl.pem"), "--crl", tc("pki/root-ca.crl.pem")};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_sipmtls(args);
}

bool one_line(const std::string& text) { return !text.empty() && text.find('\n') == text.size() - 1; }

}  // namespace

TEST_CASE("nagios: OK, WARNING, CRITICAL and UNKNOWN are the exit codes 0 to 3", "[cli][nagios]") {
  const auto ok = nagios_inspect("a-rsa");
  CAPTURE(ok.out);
  CHECK(ok.exit_code == 0);
  CHECK(one_line(ok.out));
  CHECK(std::regex_search(ok.out, std::regex(R"(^SIPMTLS OK - 1 check passed: inspect .*a-rsa\.pem \| days_left=\d+;30:;0: checks=1;;;0\n$)")));

  const auto weak = nagios_inspect("rsa-1024");  // WEAK_KEY: a warning under ocs
  CHECK(weak.exit_code == 1);
  CHECK(weak.out.rfind("SIPMTLS WARNING - inspect ", 0) == 0);
  CHECK(weak.out.find("WEAK_KEY") != std::string::npos);

  const auto expired = nagios_inspect("expired");
  CHECK(expired.exit_code == 2);
  CHECK(one_line(expired.out));
  CHECK(std::regex_search(expired.out, std::regex(R"(^SIPMTLS CRITICAL - inspect .*: CERT_EXPIRED leaf CN=sip-a\.contoso\.test: expired on .* \| days_left=-\d+;30:;0:)")));

  const auto missing = run_sipmtls({"--format", "nagios", "inspect", "/nonexistent/cert.pem"});
  CHECK(missing.exit_code == 3);
  CHECK(missing.out == "SIPMTLS UNKNOWN - /nonexistent/cert.pem: cannot open: No such file or directory\n");
}

TEST_CASE("nagios over the network carries the handshake time", "[cli][nagios]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  const auto r = run_sipmtls(with_cert({"--format", "nagios", "connect", "127.0.0.1:" + std::to_string(server.port),
                                        "--fqdn", "sip-b.contoso.test"},
                                       "a-rsa"));
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(one_line(r.out));
  CHECK(std::regex_search(r.out, std::regex(R"( handshake=\d+\.\d{4}s;;;0 )")));
  CHECK(std::regex_search(r.out, std::regex(R"( days_left=\d+;30:;0: )")));
}

TEST_CASE("markdown is a report to paste: facts, findings with Windows error and fix", "[cli][markdown]") {
  const auto r = run_sipmtls({"--format", "markdown", "inspect", tc("cases/expired.pem"), "--fqdn", "sip-a.contoso.test",
                              "--ca", tc("pki/root-ca.pem")});
  CAPTURE(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("# sipmtls report: fail\n", 0) == 0);
  CHECK(r.out.find("\n| EKU | serverAuth, clientAuth |\n") != std::string::npos);
  CHECK(r.out.find("- **error `CERT_EXPIRED`** leaf CN=sip-a.contoso.test: expired on") != std::string::npos);
  CHECK(r.out.find("  Windows: 0x800B0101 CERT_E_EXPIRED") != std::string::npos);
  CHECK(r.out.find("  Fix: renew the certificate") != std::string::npos);
  CHECK(r.out.find("\033[") == std::string::npos);
  // A pair in markdown has both directions, both sides.
  const auto pair = run_sipmtls({"--format", "markdown", "pair", tc("identities/server-auth-only.toml"),
                                 tc("identities/b-rsa.toml"), "--at", manifest().at});
  CHECK(pair.exit_code == 1);
  CHECK(pair.out.find("| Direction | A -> B (we are the server) |") != std::string::npos);
  CHECK(pair.out.find("`EKU_MISSING_CLIENT_AUTH`") != std::string::npos);
}
