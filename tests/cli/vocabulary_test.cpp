// SPDX-License-Identifier: MIT
// One vocabulary for a server's names (issue 18, item 3): --fqdn and --pool on every command and
// `fqdn` and `pool` in identity files, the older spellings kept as hidden aliases; and a password
// asked once per file, the prompt naming the file and the side.
#include <catch2/catch_test_macros.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "../support/manifest.hpp"
#include "run.hpp"

using namespace sipmtls::test;
namespace fs = std::filesystem;

namespace {

std::string tc(const std::string& p) { return manifest().path(p); }

std::vector<std::string> local_names(const RunResult& r) {
  const auto j = nlohmann::json::parse(r.out);
  return j["checks"][0]["local"]["names"].get<std::vector<std::string>>();
}

std::vector<std::string> ours() {
  return {"--cert", tc("cases/a-rsa.pem"), "--key", tc("cases/a-rsa.key"), "--ca", tc("pki/root-ca.pem")};
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string write(const std::string& name, const std::string& text) {
  const fs::path path = fs::temp_directory_path() / ("sipmtls-vocab-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("connect and inspect take --pool and --fqdn: the pool is checked first", "[cli][names]") {
  const auto connect = run_sipmtls(
      with({"--format", "json", "connect", "127.0.0.1:1", "--pool", "pool.contoso.test", "--fqdn", "fe1.contoso.test"},
           ours()));
  CHECK(connect.exit_code == 1);
  CHECK(local_names(connect) == std::vector<std::string>{"pool.contoso.test", "fe1.contoso.test"});
  // The older spelling still works, unlisted.
  const auto old = run_sipmtls(with({"--format", "json", "connect", "127.0.0.1:1", "--name", "fe1.contoso.test"}, ours()));
  CHECK(local_names(old) == std::vector<std::string>{"fe1.contoso.test"});
  const auto help = run_sipmtls({"connect", "--help"});
  CHECK(help.out.find("--fqdn") != std::string::npos);
  CHECK(help.out.find("--pool") != std::string::npos);
  CHECK(help.out.find("--name") == std::string::npos);

  const auto pool = run_sipmtls({"inspect", tc("cases/pool-rsa.pem"), "--pool", "pool.contoso.test", "--fqdn",
                                 "fe1.contoso.test", "--ca", tc("pki/root-ca.pem"), "--at", manifest().at});
  CHECK(pool.out.find("names pool.contoso.test, fe1.contoso.test") != std::string::npos);
}

TEST_CASE("listen takes --pool and --fqdn; --expect-name is a hidden alias", "[cli][names]") {
  const auto r = run_sipmtls(with({"--format", "json", "--timeout", "0.3", "listen", "127.0.0.1:0", "--pool",
                                   "pool.contoso.test", "--fqdn", "fe1.contoso.test"},
                                  ours()));
  CHECK(r.exit_code == 1);
  CHECK(local_names(r) == std::vector<std::string>{"pool.contoso.test,fe1.contoso.test"});
  const auto old = run_sipmtls(
      with({"--format", "json", "--timeout", "0.3", "listen", "127.0.0.1:0", "--expect-name", "sip-a.contoso.test"}, ours()));
  CHECK(local_names(old) == std::vector<std::string>{"sip-a.contoso.test"});
  CHECK(run_sipmtls({"listen", "--help"}).out.find("--expect-name") == std::string::npos);
}

TEST_CASE("identity files say pool; pool_fqdn is read as before; both at once is an error", "[cli][names]") {
  const std::string body = "fqdn = \"sip-a.contoso.test\"\ncert = \"" + tc("cases/a-rsa.pem") + "\"\nkey = \"" +
                           tc("cases/a-rsa.key") + "\"\ntrust = [\"" + tc("pki/root-ca.pem") + "\"]\n";
  const std::string b = tc("identities/b-rsa.toml");
  for (const std::string key : {"pool", "pool_fqdn"}) {
    CAPTURE(key);
    const auto r = run_sipmtls({"pair", write(key + ".toml", body + key + " = \"pool.contoso.test\"\n"), b, "--at",
                                manifest().at});
    CHECK(r.out.find("A = pool.contoso.test (sip-a.contoso.test)") != std::string::npos);
  }
  const std::string both = write("both.toml", body + "pool = \"p.contoso.test\"\npool_fqdn = \"p.contoso.test\"\n");
  const auto r = run_sipmtls({"pair", both, b});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(both + ":6: 'pool_fqdn' is the older spelling of 'pool'") != std::string::npos);
  CHECK(run_sipmtls({"pair", "--help"}).out.find("(0x)") == std::string::npos);
}

TEST_CASE("pair asks each file's password once, naming the file and the side", "[cli][password]") {
  const std::string trust = "trust = [\"" + tc("pki/root-ca.pem") + "\"]\n";
  const std::string a = write("pfx-a.toml", "fqdn = \"sip-a.contoso.test\"\ncert = \"" + tc("cases/pfx-aes.pfx") + "\"\n" + trust);
  const std::string b = write("pfx-b.toml", "fqdn = \"sip-b.contoso.test\"\ncert = \"" + tc("cases/pfx-3des.pfx") + "\"\n" + trust);
  const std::string shown = write("terminal.txt", "");
  const int rc = run_shell("ANSWER='" + manifest().password + "' timeout 60 python3 " + SIPMTLS_SOURCE_DIR +
                           "/tests/cli/answer_prompts.py " + SIPMTLS_BINARY + " pair " + a + " " + b + " --at " +
                           manifest().at + " > " + shown);
  const std::string text = slurp(shown);
  CAPTURE(text);
  CHECK(rc == 1);  // both PFX files are issued for sip-a: B's certificate does not name sip-b
  CHECK(count(text, "Password for ") == 2);
  CHECK(count(text, "pfx-aes.pfx (server A, sip-a.contoso.test): ") == 1);
  CHECK(count(text, "pfx-3des.pfx (server B, sip-b.contoso.test): ") == 1);
  CHECK(text.find("A -> B") != std::string::npos);
}

TEST_CASE("suite connect and listen items take fqdn and pool too", "[cli][names]") {
  const std::string a = tc("identities/a-rsa.toml");
  const std::string suite = write(
      "names-suite.toml", "timeout = 1\n[[check]]\nkind = \"connect\"\nidentity = \"" + a +
                              "\"\ntarget = \"127.0.0.1:1\"\npool = \"pool.contoso.test\"\nfqdn = [\"fe1.contoso.test\"]\n"
                              "expect = [\"TCP_CONNECT_FAILED\"]\n"
                              "[[check]]\nkind = \"listen\"\nidentity = \"" + a +
                              "\"\nbind = \"127.0.0.1:0\"\nduration = 0.3\npool = \"pool.contoso.test\"\n"
                              "fqdn = [\"fe1.contoso.test\"]\nexpect = [\"TIMEOUT\"]\n");
  const auto r = run_sipmtls({"--format", "json", "suite", suite});
  CAPTURE(r.err);
  CHECK(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["checks"].size() == 2);
  std::set<std::vector<std::string>> names;
  for (const auto& c : j["checks"]) names.insert(c["local"]["names"].get<std::vector<std::string>>());
  CHECK(names.contains({"pool.contoso.test", "fe1.contoso.test"}));
  CHECK(names.contains({"pool.contoso.test,fe1.contoso.test"}));
}
