// SPDX-License-Identifier: MIT
// Revocation fetched as Windows fetches it (issue 13), against real servers on loopback: lighttpd
// serving CRLs, `openssl ocsp` answering, and bad servers (tests/cli/revocation_servers.hpp).
#include <catch2/catch_test_macros.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "listen_process.hpp"
#include "revocation_servers.hpp"
#include "run.hpp"

using namespace sipmtls::test;
using nlohmann::json;

namespace {

RevocationServers& servers() {
  std::string why;
  RevocationServers* s = RevocationServers::get(why);
  if (s == nullptr) SKIP(why);
  return *s;
}

/// inspect NAME-chain.pem against the test root, as JSON; lcs2005 requires no CDP, so an
/// OCSP-only leaf is judged by its revocation alone.
json inspect(const RevocationServers& s, const std::string& name, std::vector<std::string> globals = {},
             int* exit_code = nullptr) {
  globals.insert(globals.end(), {"--format", "json", "--timeout", "2", "inspect", s.path(name + "-chain.pem"), "--ca",
                                 s.path("root.pem"), "--fqdn", name + ".contoso.test", "--profile", "lcs2005"});
  const auto r = run_sipmtls(globals);
  if (exit_code != nullptr) *exit_code = r.exit_code;
  CAPTURE(r.out, r.err);
  REQUIRE(!r.out.empty());
  return json::parse(r.out)["checks"][0];
}

/// The findings with this code.
std::vector<json> with_code(const json& check, const std::string& code) {
  std::vector<json> out;
  for (const auto& f : check["findings"]) {
    if (f["code"] == code) out.push_back(f);
  }
  return out;
}

bool has(const json& j, const std::string& key, const std::string& text) {
  return j[key].get<std::string>().find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("OCSP good passes and OCSP revoked is CERT_REVOKED with its date and reason", "[cli][revocation]") {
  const auto& s = servers();
  int rc = -1;
  const json good = inspect(s, "good", {}, &rc);
  CHECK(rc == 0);
  CHECK(good["findings"].empty());
  CHECK(good["not_checked"].empty());
  const json& leaf = good["local"]["certificates"][0];
  CHECK(leaf["revocation"]["status"] == "good");
  CHECK(leaf["revocation"]["source"] == "OCSP http://127.0.0.1:" + std::to_string(s.ocsp) + "/");
  CHECK(leaf["ocsp"][0] == "http://127.0.0.1:" + std::to_string(s.ocsp) + "/");
  CHECK(leaf["cdp"][0] == "http://127.0.0.1:" + std::to_string(s.http) + "/issuing.crl");
  // The issuing CA has no OCSP URL: its root's CRL decides.
  CHECK(good["local"]["certificates"][1]["revocation"]["source"] ==
        "CRL http://127.0.0.1:" + std::to_string(s.http) + "/root.crl");

  const json revoked = inspect(s, "revoked", {}, &rc);
  CHECK(rc == 1);
  const auto found = with_code(revoked, "CERT_REVOKED");
  REQUIRE(found.size() == 1);
  CHECK(has(found[0], "message", "(keyCompromise) per OCSP http://127.0.0.1:"));
  CHECK(found[0]["windows_error"]["hex"] == "0x80092010");
}

TEST_CASE("a failing OCSP responder falls back to the CDP as Windows does", "[cli][revocation]") {
  const auto& s = servers();
  int rc = -1;
  const json fallback = inspect(s, "fallback", {}, &rc);
  CHECK(rc == 0);
  CHECK(fallback["findings"].empty());
  CHECK(fallback["local"]["certificates"][0]["revocation"]["source"] ==
        "CRL http://127.0.0.1:" + std::to_string(s.http) + "/issuing.crl");
  const json revoked = inspect(s, "crlrevoked", {}, &rc);
  CHECK(rc == 1);
  const auto found = with_code(revoked, "CERT_REVOKED");
  REQUIRE(found.size() == 1);
  CHECK(has(found[0], "message", "(keyCompromise) per CRL http://127.0.0.1:"));
}

TEST_CASE("an OCSP answer that cannot be relied on is REVOCATION_OFFLINE naming the URL and why", "[cli][revocation]") {
  const auto& s = servers();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"unknown", "the responder does not know this certificate (status unknown)"},
      {"unauthorized", "whose EKU lacks OCSP Signing (1.3.6.1.5.5.7.3.9)"},
      {"staleocsp", "the answer's nextUpdate (2020-01-08T00:00:00Z) has passed"},
      {"garbage", "/garbage: the answer is not an OCSP response"},
  };
  for (const auto& [name, why] : cases) {
    CAPTURE(name);
    int rc = -1;
    const json check = inspect(s, name, {}, &rc);
    CHECK(rc == 0);  // soft, the default: a warning
    const auto found = with_code(check, "REVOCATION_OFFLINE");
    REQUIRE(found.size() == 1);
    CHECK(found[0]["severity"] == "warning");
    CHECK(found[0]["windows_error"]["hex"] == "0x80092013");
    CHECK(has(found[0], "message", "OCSP http://127.0.0.1:"));
    CHECK(has(found[0], "message", why));
    CHECK(has(found[0], "remediation", "reachable over HTTP"));
  }
  // --revocation hard: the same is an error.
  int rc = -1;
  const json hard = inspect(s, "unknown", {"--revocation", "hard"}, &rc);
  CHECK(rc == 1);
  CHECK(with_code(hard, "REVOCATION_OFFLINE").at(0)["severity"] == "error");
}

TEST_CASE("bad CDP servers end in a clear REVOCATION_OFFLINE within the timeout", "[cli][revocation]") {
  const auto& s = servers();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"html", "/page.html: the answer is not a CRL (45 bytes of text/html)"},
      {"big", "/big.crl: the answer is larger than 16 MiB"},
      {"trickle", "/trickle: no complete answer from 127.0.0.1 within 2 s"},
      {"loop", "/loop: more than 5 redirects (a redirect loop?)"},
      {"stale", "/stale.crl: the CRL's nextUpdate (2020-01-08T00:00:00Z) has passed"},
  };
  for (const auto& [name, why] : cases) {
    CAPTURE(name);
    const json check = inspect(s, name);
    const auto found = with_code(check, "REVOCATION_OFFLINE");
    REQUIRE(found.size() == 1);
    CHECK(has(found[0], "message", "CRL http://127.0.0.1:"));
    CHECK(has(found[0], "message", why));
    CHECK(check["local"]["certificates"][0]["revocation"]["status"] == "offline");
  }
}

TEST_CASE("an LDAP-only CDP is not fetched and no CDP at all is CRYPT_E_NO_REVOCATION_CHECK", "[cli][revocation]") {
  const auto& s = servers();
  const json ldap = inspect(s, "ldap");
  const auto offline = with_code(ldap, "REVOCATION_OFFLINE");
  REQUIRE(offline.size() == 1);
  CHECK(has(offline[0], "message", "its only CDP is ldap:///CN=Revocation%20Test%20Issuing%20CA,"));
  CHECK(has(offline[0], "remediation", "publish the CRL at an HTTP location too"));

  const json none = inspect(s, "none");
  const auto unknown = with_code(none, "REVOCATION_UNKNOWN");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0]["windows_error"]["hex"] == "0x80092012");
  CHECK(unknown[0]["windows_error"]["name"] == "CRYPT_E_NO_REVOCATION_CHECK");
  CHECK(has(unknown[0], "message", "no CRL Distribution Point and no OCSP responder"));
  // Under ocs, a server certificate without a CDP is the product's own error (a CDP is required).
  const auto r = run_sipmtls({"--format", "json", "inspect", s.path("none-chain.pem"), "--ca", s.path("root.pem"),
                              "--fqdn", "none.contoso.test", "--profile", "ocs"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("requires a CDP in every server certificate") != std::string::npos);
}

TEST_CASE("revocation off fetches nothing and the verdict says so", "[cli][revocation]") {
  const auto& s = servers();
  const json off = inspect(s, "revoked", {"--revocation", "off"});
  CHECK(with_code(off, "CERT_REVOKED").empty());
  CHECK(off["not_checked"] == json::array({"revocation (--revocation off, no --crl)"}));
  CHECK(s.requests_for("/issuing.crl") == 0);
  // Without a trusted path nothing is fetched either, as Windows checks only trusted chains.
  const auto r = run_sipmtls({"--format", "json", "inspect", s.path("revoked-chain.pem")});
  CHECK(json::parse(r.out)["checks"][0]["not_checked"].dump().find("revocation (no trusted path)") != std::string::npos);
  CHECK(s.requests_for("/root.crl") == 0);
}

TEST_CASE("a suite whose checks share a CDP fetches it once and --crl-cache keeps it between runs", "[cli][revocation]") {
  const auto& s = servers();
  std::string suite = "timeout = 3\n";
  for (const char* name : {"crlgood", "crlrevoked", "fallback"}) {
    const std::string id = s.path(std::string(name) + ".toml");
    std::ofstream(id) << "fqdn = \"" << name << ".contoso.test\"\ncert = \"" << s.path(std::string(name) + "-chain.pem")
                      << "\"\nkey = \"" << s.path(std::string(name) + ".key") << "\"\ntrust = [\""
                      << s.path("root.pem") << "\"]\nprofile = \"lcs2005\"\n";
    suite += "[[check]]\nkind = \"inspect\"\nidentity = \"" + id + "\"\nexpect = " +
             (std::string(name) == "crlrevoked" ? "[\"CERT_REVOKED\"]" : "\"pass\"") + "\n";
  }
  std::ofstream(s.path("suite.toml")) << suite;
  const auto r = run_sipmtls({"suite", s.path("suite.toml"), "--jobs", "3"});
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(s.requests_for("/issuing.crl") == 1);
  CHECK(s.requests_for("/root.crl") == 1);

  const std::string cache = s.path("crl-cache");
  for (int i = 0; i < 2; ++i) inspect(s, "crlgood", {"--crl-cache", cache});
  CHECK(s.requests_for("/issuing.crl") == 2);  // the first run fetched it, the second read the cache
  CHECK(std::distance(std::filesystem::directory_iterator(cache), std::filesystem::directory_iterator{}) == 2);
  inspect(s, "crlgood");
  CHECK(s.requests_for("/issuing.crl") == 3);  // without the cache it is fetched again
}

TEST_CASE("listen judges a client's chain online and connect the server's", "[cli][revocation]") {
  const auto& s = servers();
  const auto port = free_port();
  const std::string log = s.path("listen.json");
  Background listener({SIPMTLS_BINARY, "--format", "json", "--timeout", "5", "listen", "127.0.0.1:" + std::to_string(port),
                       "--count", "1", "--cert", s.path("good-chain.pem"), "--key", s.path("good.key"), "--ca",
                       s.path("root.pem"), "--profile", "lcs2005"},
                      log);
  for (int i = 0; i < 500 && slurp(log).find("listening on port") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto r = run_sipmtls({"--format", "json", "--timeout", "5", "connect", "127.0.0.1:" + std::to_string(port), "--fqdn",
                              "good.contoso.test", "--cert", s.path("revoked-chain.pem"), "--key", s.path("revoked.key"),
                              "--ca", s.path("root.pem"), "--profile", "lcs2005"});
  CAPTURE(r.out);
  listener.wait(10);
  const json client_view = json::parse(r.out)["checks"][0];
  CHECK(client_view["peer"]["certificates"][0]["revocation"]["status"] == "good");
  const std::string server_log = slurp(log);
  CAPTURE(server_log);
  CHECK(server_log.find("\"code\": \"CERT_REVOKED\"") != std::string::npos);
  CHECK(server_log.find("per OCSP http://127.0.0.1:" + std::to_string(s.ocsp)) != std::string::npos);
}

TEST_CASE("a suite check may ask for hard revocation and a bad mode is named", "[cli][revocation][suite]") {
  const auto& s = servers();
  const std::string id = s.path("unknown.toml");
  std::ofstream(id) << "fqdn = \"unknown.contoso.test\"\ncert = \"" << s.path("unknown-chain.pem") << "\"\nkey = \""
                    << s.path("unknown.key") << "\"\ntrust = [\"" << s.path("root.pem") << "\"]\nprofile = \"lcs2005\"\n";
  const std::string items = "[[check]]\nkind = \"inspect\"\nidentity = \"" + id + "\"\nexpect = \"pass\"\n"
                            "[[check]]\nkind = \"inspect\"\nidentity = \"" + id +
                            "\"\nrevocation = \"hard\"\nexpect = [\"REVOCATION_OFFLINE\"]\n";
  std::ofstream(s.path("modes.toml")) << "timeout = 3\n" << items;
  const auto r = run_sipmtls({"suite", s.path("modes.toml")});
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  // The whole suite hard: the first check's expectation no longer holds.
  std::ofstream(s.path("all-hard.toml")) << "timeout = 3\nrevocation = \"hard\"\n" << items;
  CHECK(run_sipmtls({"suite", s.path("all-hard.toml")}).exit_code == 1);
  std::ofstream(s.path("bad-mode.toml")) << "revocation = \"maybe\"\n" << items;
  const auto bad = run_sipmtls({"suite", s.path("bad-mode.toml")});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("'revocation' must be off, soft or hard") != std::string::npos);
}
