// SPDX-License-Identifier: MIT
// pair, suite and demo as a user runs them; bad identity and suite files.
#include <catch2/catch_test_macros.hpp>

#include <filesystem>
#include <fstream>
#include <thread>
#include <nlohmann/json.hpp>

#include "../support/manifest.hpp"
#include "../support/process.hpp"
#include "run.hpp"

using namespace sipmtls::test;

namespace {

std::string tc(const std::string& p) { return manifest().path(p); }

std::map<std::string, std::string> env() { return {{manifest().password_env, manifest().password}}; }

/// Writes a file under a fresh directory next to testcerts' identities, so relative paths work.
std::string write(const std::string& name, const std::string& text) {
  const std::string dir = tc("identities");
  const std::string path = std::filesystem::temp_directory_path() / ("sipmtls-" + name);
  std::ofstream(path) << text;
  (void)dir;
  return path;
}

std::string identity_text(const std::string& extra = "") {
  return "fqdn = \"sip-a.contoso.test\"\ncert = \"" + tc("cases/a-rsa.pem") + "\"\nkey = \"" + tc("cases/a-rsa.key") +
         "\"\ntrust = [\"" + tc("pki/root-ca.pem") + "\"]\n" + extra;
}

}  // namespace

TEST_CASE("pair of good identity files passes both directions", "[cli][pair]") {
  const auto r = run_sipmtls({"pair", tc("identities/a-rsa.toml"), tc("identities/b-rsa.toml"), "--at", manifest().at}, env());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("A -> B") != std::string::npos);
  CHECK(r.out.find("B -> A") != std::string::npos);
  CHECK(r.out.find("overall PASS") != std::string::npos);
}

TEST_CASE("pair names the failing direction, side and code", "[cli][pair]") {
  const auto r = run_sipmtls({"--format", "json", "pair", tc("identities/server-auth-only.toml"),
                              tc("identities/b-rsa.toml"), "--at", manifest().at},
                             env());
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["checks"].size() == 4);
  int failing = 0;
  for (const auto& c : j["checks"]) {
    if (c["verdict"] != "fail") continue;
    ++failing;
    CHECK(c["direction"] == "A -> B");  // A cannot dial out: B, as server, refuses its client certificate
    CHECK(c["role"] == "server");
    CHECK(c["findings"][0]["code"] == "EKU_MISSING_CLIENT_AUTH");
  }
  CHECK(failing == 1);
  const auto text = run_sipmtls({"pair", tc("identities/server-auth-only.toml"), tc("identities/b-rsa.toml"), "--at",
                                 manifest().at},
                                env());
  CHECK(text.out.find("FAIL EKU_MISSING_CLIENT_AUTH") != std::string::npos);
}

TEST_CASE("pair from flags, and bad pair arguments exit 2", "[cli][pair]") {
  const auto r = run_sipmtls({"pair", "--a-cert", tc("cases/a-ecdsa.pem"), "--a-key", tc("cases/a-ecdsa.key"),
                              "--a-fqdn", "sip-a.contoso.test", "--a-ca", tc("pki/root-ca.pem"), "--b-cert",
                              tc("cases/b-ecdsa.pem"), "--b-key", tc("cases/b-ecdsa.key"), "--b-fqdn",
                              "sip-b.contoso.test", "--b-ca", tc("pki/root-ca.pem")});
  CHECK(r.exit_code == 0);
  CHECK(run_sipmtls({"pair", tc("identities/a-rsa.toml")}).exit_code == 2);
  CHECK(run_sipmtls({"pair", "--a-cert", tc("cases/a-rsa.pem")}).exit_code == 2);
}

// A server without its key never dials: the other side's view says so, not that a partner never
// reached it (the listener's own "nobody came" check is for listen, not for pair).
TEST_CASE("pair with a keyless server says the dialler could not start", "[cli][pair]") {
  const auto r = run_sipmtls({"pair", "--a-cert", tc("cases/a-rsa.pem"), "--a-fqdn", "sip-a.contoso.test", "--a-ca",
                              tc("pki/root-ca.pem"), "--b-cert", tc("cases/b-rsa.pem"), "--b-key",
                              tc("cases/b-rsa.key"), "--b-fqdn", "sip-b.contoso.test", "--b-ca",
                              tc("pki/root-ca.pem")});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("PRIVATE_KEY_MISSING") != std::string::npos);
  CHECK(r.out.find("the dialling server could not start a connection") != std::string::npos);
  CHECK(r.out.find("never reached this listener") == std::string::npos);
}

TEST_CASE("the testcerts suite runs every case and its JUnit validates against the schema", "[cli][suite]") {
  const std::string junit = std::filesystem::temp_directory_path() / "sipmtls-suite.xml";
  std::filesystem::remove(junit);
  const auto r = run_sipmtls({"suite", tc("suite.toml"), "--junit", junit}, env());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(std::to_string(manifest().cases.size()) + " checks: " + std::to_string(manifest().cases.size()) +
                   " as expected") != std::string::npos);
  REQUIRE(std::filesystem::exists(junit));
  REQUIRE(have_program("xmllint"));
  const std::string schema = std::string(SIPMTLS_SOURCE_DIR) + "/tests/schema/junit.xsd";
  CHECK(run_shell("xmllint --noout --schema " + schema + " " + junit) == 0);
  const auto json = run_sipmtls({"--format", "json", "suite", tc("demo.toml")}, env());
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["verdict"] == "pass");
  CHECK(j["suite"]["items"].size() >= 10);
}

TEST_CASE("a suite whose expectation is wrong fails, says which, and its JUnit has the failure", "[cli][suite]") {
  const std::string suite = write("wrong.toml", "at = \"" + manifest().at + "\"\n[[check]]\nname = \"expects pass\"\nkind = \"pair\"\na = \"" +
                                                    tc("identities/expired.toml") + "\"\nb = \"" +
                                                    tc("identities/b-rsa.toml") + "\"\nexpect = \"pass\"\n");
  const std::string junit = std::filesystem::temp_directory_path() / "sipmtls-wrong.xml";
  const auto r = run_sipmtls({"suite", suite, "--junit", junit});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("MISMATCH") != std::string::npos);
  CHECK(r.out.find("expected pass, got CERT_EXPIRED") != std::string::npos);
  CHECK(run_shell("grep -q 'failures=\"1\"' " + junit) == 0);
  CHECK(run_shell("xmllint --noout --schema " + std::string(SIPMTLS_SOURCE_DIR) + "/tests/schema/junit.xsd " +
                  junit) == 0);
  // The message CI lists show carries the finding's sentence, not only its code.
  CHECK(run_shell("xmllint --xpath 'string(//failure/@message)' " + junit +
                  " | grep -q '^CERT_EXPIRED: leaf CN=sip-a.contoso.test: .*expired.*(expected pass, got CERT_EXPIRED)$'") == 0);
}

TEST_CASE("every mistake in a suite file is named in one run", "[cli][suite]") {
  const std::string a = tc("identities/a-rsa.toml");
  const std::string path = write("three-mistakes.toml",
                                 "[[check]]\nkind = \"inspect\"\nidentity = \"" + a + "\"\nexpect = [\"NO_SUCH_CODE\"]\n\n"
                                 "[[check]]\nkind = \"pear\"\n\n"
                                 "[[check]]\nkind = \"inspect\"\nidentity = \"" + a + "\"\n\n"
                                 "[[check]]\nkind = \"inspect\"\nidentity = \"" + a + "\"\nretries = 3\n");
  const auto r = run_sipmtls({"suite", path});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ": 3 errors") != std::string::npos);
  CHECK(r.err.find(":4: check 1: unknown finding code 'NO_SUCH_CODE'") != std::string::npos);
  CHECK(r.err.find(":7: check 2: 'kind' must be") != std::string::npos);
  CHECK(r.err.find(":16: check 4: unknown key 'retries'") != std::string::npos);
  CHECK(r.err.find("check 3") == std::string::npos);
}

TEST_CASE("bad identity and suite files: exit 2, one line with file:line", "[cli][suite]") {
  struct Bad {
    const char* name;
    std::string text;
    const char* says;
  };
  const std::string a = tc("identities/a-rsa.toml");
  const std::vector<Bad> identities = {
      {"unknown-key.toml", identity_text("colour = \"blue\"\n"), ":5: unknown key 'colour'"},
      {"missing-fqdn.toml", "cert = \"x.pem\"\ntrust = [\"r.pem\"]\n", ":1: missing 'fqdn'"},
      {"wrong-type.toml", identity_text("chain = \"one.pem\"\n"), ":5: 'chain' must be an array of strings"},
      {"bad-profile.toml", identity_text("profile = \"lcs2099\"\n"), ":5: unknown profile 'lcs2099'"},
      {"not-toml.toml", "fqdn = \n", ":1: "},
  };
  for (const auto& b : identities) {
    CAPTURE(b.name);
    const std::string path = write(b.name, b.text);
    const auto r = run_sipmtls({"pair", path, a});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(path + b.says) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.out.empty());
  }
  const std::vector<Bad> suites = {
      {"no-checks.toml", "at = \"2026-06-01\"\n", "no [[check]] tables"},
      {"bad-kind.toml", "[[check]]\nkind = \"ping\"\n", ":2: check 1: 'kind' must be inspect, connect, listen or pair"},
      {"bad-code.toml", "[[check]]\nkind = \"pair\"\na = \"" + a + "\"\nb = \"" + a + "\"\nexpect = [\"NO_SUCH_CODE\"]\n",
       ":5: check 1: unknown finding code 'NO_SUCH_CODE'"},
      {"unknown-check-key.toml", "[[check]]\nkind = \"inspect\"\nidentity = \"" + a + "\"\nretries = 3\n",
       ":4: check 1: unknown key 'retries'"},
      {"missing-b.toml", "[[check]]\nkind = \"pair\"\na = \"" + a + "\"\n", "check 1: missing 'b'"},
      {"bad-at.toml", "at = \"soon\"\n[[check]]\nkind = \"inspect\"\nidentity = \"" + a + "\"\n", ":1: 'at' must be a time"},
      {"timeout-type.toml", "timeout = \"5\"\n[[check]]\nkind = \"inspect\"\nidentity = \"" + a + "\"\n",
       ":1: 'timeout' must be a finite number"},
      {"x509-strict-type.toml", "x509_strict = \"yes\"\n[[check]]\nkind = \"inspect\"\nidentity = \"" + a + "\"\n",
       ":1: 'x509_strict' must be true or false"},
  };
  for (const auto& b : suites) {
    CAPTURE(b.name);
    const std::string path = write(b.name, b.text);
    const auto r = run_sipmtls({"suite", path});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(b.says) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  }
}

TEST_CASE("suite items of every kind: inspect, connect, listen", "[cli][suite]") {
  const auto closed = free_port();
  const auto idle = free_port();
  const std::string a = tc("identities/a-rsa.toml");
  const std::string suite =
      write("kinds.toml", "at = \"" + manifest().at + "\"\ntimeout = 2\n" +
                              "[[check]]\nkind = \"inspect\"\nidentity = \"" + tc("identities/expired.toml") +
                              "\"\nexpect = [\"CERT_EXPIRED\"]\n" +
                              "[[check]]\nkind = \"connect\"\nidentity = \"" + a + "\"\ntarget = \"127.0.0.1:" +
                              std::to_string(closed) + "\"\nexpect = [\"TCP_CONNECT_FAILED\"]\n" +
                              "[[check]]\nkind = \"listen\"\nidentity = \"" + a + "\"\nbind = \"127.0.0.1:" +
                              std::to_string(idle) + "\"\nduration = 0.5\nexpect = [\"TIMEOUT\"]\n");
  const auto r = run_sipmtls({"--format", "json", "suite", suite, "--jobs", "3"});
  CHECK(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["suite"]["items"].size() == 3);
  for (const auto& item : j["suite"]["items"]) CHECK(item["matched"] == true);
}

// Issue 18: a listener no peer reached is the commonest federation fault, not a PASS.
TEST_CASE("a listen item nobody reached fails its expect = pass", "[cli][suite]") {
  const std::string suite =
      write("nobody.toml", "timeout = 2\n[[check]]\nkind = \"listen\"\nidentity = \"" + tc("identities/a-rsa.toml") +
                               "\"\nbind = \"127.0.0.1:" + std::to_string(free_port()) +
                               "\"\nduration = 0.5\nexpect = \"pass\"\n");
  const auto r = run_sipmtls({"suite", suite});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("the peer never reached this listener") != std::string::npos);
}

TEST_CASE("x509_strict in a suite, per item or for all, makes warnings errors", "[cli][suite][conformance]") {
  const std::string weak = tc("identities/rsa-1024.toml");  // ocs: WEAK_KEY is a warning
  const std::string items = "[[check]]\nname = \"lenient\"\nkind = \"inspect\"\nidentity = \"" + weak +
                            "\"\nexpect = \"pass\"\n[[check]]\nname = \"strict\"\nkind = \"inspect\"\nidentity = \"" + weak +
                            "\"\nx509_strict = true\nexpect = [\"WEAK_KEY\"]\n";
  const std::string at = "at = \"" + manifest().at + "\"\n";
  CHECK(run_sipmtls({"suite", write("x509-item.toml", at + items)}, env()).exit_code == 0);
  // Suite-wide (the key, or --x509-strict) the lenient item fails its expectation too.
  const auto all = run_sipmtls({"suite", write("x509-all.toml", at + "x509_strict = true\n" + items)}, env());
  CHECK(all.exit_code == 1);
  CHECK(all.out.find("expected pass, got WEAK_KEY") != std::string::npos);
  const auto flag = run_sipmtls({"--x509-strict", "suite", write("x509-flag.toml", at + items)}, env());
  CHECK(flag.exit_code == 1);
  CHECK(flag.out.find("expected pass, got WEAK_KEY") != std::string::npos);
}

// Issue 19: connect items wait on the network as coroutines, so dead partners hold no thread: all
// of them are dialled at once (up to the network limit), and --jobs caps that limit.
TEST_CASE("suite connect items to dead partners run at once up to the limit", "[cli][suite]") {
  // Ten connect items (timeout 2 s) against a partner that accepts and never answers: how many
  // it saw dialled within 1 s of the first, when none can have ended yet.
  auto peak_with = [](const std::vector<std::string>& extra) {
    const auto port = free_port();
    const std::string peak = write("peak.txt", "0");
    const std::string log = write("black_hole.log", "");
    Background hole({"python3", std::string(SIPMTLS_SOURCE_DIR) + "/tests/cli/black_hole.py", std::to_string(port), peak, "1"},
                    log);
    for (int i = 0; i < 100 && shell_output("cat " + log).find("listening") == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    std::string items = "timeout = 2\n";
    for (int i = 0; i < 10; ++i) {
      items += "[[check]]\nname = \"dead-" + std::to_string(i) + "\"\nkind = \"connect\"\nidentity = \"" +
               tc("identities/a-rsa.toml") + "\"\ntarget = \"127.0.0.1:" + std::to_string(port) +
               "\"\nexpect = [\"TIMEOUT\"]\n";
    }
    std::vector<std::string> args = {"suite", write("dead.toml", items)};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_sipmtls(args);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    std::ifstream in(peak);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  CHECK(peak_with({}) == "10");  // every dead partner dialled at once, not one per core
  CHECK(peak_with({"--jobs", "5"}) == "5");
}
