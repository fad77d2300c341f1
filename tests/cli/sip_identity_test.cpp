// SPDX-License-Identifier: MIT
// Our SIP identity and the peer's (issue 15, item 3): connect sends its certificate's FQDN in Via
// and Contact (or --local-fqdn), and a listener compares the client's Contact with the names its
// certificate carries, as Teams Direct Routing's SIP proxy does.
#include <catch2/catch_test_macros.hpp>

#include <nlohmann/json.hpp>

#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;
using nlohmann::json;

namespace {

/// A connects to a listener judging as `profile`, with these connect options; the listener's report.
json listener_view(const std::string& profile, const std::vector<std::string>& connect_extra) {
  ListenProcess server({"--fqdn", "sip-a.contoso.test", "--profile", profile});
  std::vector<std::string> args{"connect", "127.0.0.1:" + std::to_string(server.port), "--fqdn", "sip-b.contoso.test",
                                "--profile", profile};
  args.insert(args.end(), connect_extra.begin(), connect_extra.end());
  (void)run_sipmtls(with_cert(args, "a-rsa"));
  server.process->wait(10);
  const std::string log = slurp(server.log);
  CAPTURE(log);
  const auto start = log.find('{');
  REQUIRE(start != std::string::npos);
  return json::parse(log.substr(start))["checks"][0];
}

std::vector<json> with_code(const json& check, const std::string& code) {
  std::vector<json> out;
  for (const auto& f : check["findings"]) {
    if (f["code"] == code) out.push_back(f);
  }
  return out;
}

}  // namespace

TEST_CASE("a client whose Contact FQDN its certificate does not name is flagged, under teams as an error",
          "[cli][sip-identity]") {
  const json teams = listener_view("teams", {"--local-fqdn", "sbc.fabrikam.test"});
  CHECK(teams["sip"]["contact"] == "<sip:sbc.fabrikam.test:5061;transport=tls>");
  const auto found = with_code(teams, "SIP_IDENTITY_MISMATCH");
  REQUIRE(found.size() == 1);
  CHECK(found[0]["severity"] == "error");
  CHECK(found[0]["message"].get<std::string>().find("the Contact names sbc.fabrikam.test but the certificate names "
                                                    "sip-a.contoso.test") == 0);
  const json ocs = listener_view("ocs", {"--local-fqdn", "sbc.fabrikam.test"});
  REQUIRE(with_code(ocs, "SIP_IDENTITY_MISMATCH").size() == 1);
  CHECK(with_code(ocs, "SIP_IDENTITY_MISMATCH")[0]["severity"] == "warning");
  // By default connect speaks as its certificate's first DNS SAN: nothing to flag.
  const json plain = listener_view("teams", {});
  CHECK(plain["sip"]["contact"] == "<sip:sip-a.contoso.test:5061;transport=tls>");
  CHECK(with_code(plain, "SIP_IDENTITY_MISMATCH").empty());
}

TEST_CASE("verbose connect prints the OPTIONS sent and the answer received on stderr", "[cli][sip-identity]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  const auto r = run_sipmtls(with_cert({"-v", "connect", "127.0.0.1:" + std::to_string(server.port), "--fqdn",
                                        "sip-b.contoso.test", "--sip-domain", "contoso.test"},
                                       "a-rsa"));
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("sipmtls: sent (127.0.0.1:" + std::to_string(server.port) + "):\n  OPTIONS sip:sip-b.contoso.test:") == 0);
  CHECK(r.err.find("\n  From: <sip:sipmtls@contoso.test>;tag=") != std::string::npos);
  CHECK(r.err.find("sipmtls: received (127.0.0.1:" + std::to_string(server.port) + "):\n  SIP/2.0 200 OK\n") !=
        std::string::npos);
  CHECK(r.out.find("OPTIONS sip:") == std::string::npos);  // stdout keeps the report alone
  ListenProcess quiet({"--fqdn", "sip-a.contoso.test"});
  const auto q = run_sipmtls(
      with_cert({"connect", "127.0.0.1:" + std::to_string(quiet.port), "--fqdn", "sip-b.contoso.test"}, "a-rsa"));
  CHECK(q.err.empty());
}

TEST_CASE("very verbose connect adds the TLS handshake events", "[cli][sip-identity]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  const auto r = run_sipmtls(with_cert({"-vv", "--tls", "1.2", "connect", "127.0.0.1:" + std::to_string(server.port),
                                        "--fqdn", "sip-b.contoso.test"},
                                       "a-rsa"));
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("sipmtls: tls (127.0.0.1:" + std::to_string(server.port) + "):\n") == 0);
  CHECK(r.err.find("\n  ClientHello         sent, offering TLS 1.2; sni sip-b.contoso.test\n") != std::string::npos);
  CHECK(r.err.find("\n  ServerHello         received, TLS 1.2  ") != std::string::npos);
  CHECK(r.err.find("\n  CertificateRequest  received, 1 CA names (") != std::string::npos);
  CHECK(r.err.find("sipmtls: sent (") != std::string::npos);  // -vv includes -v
}
