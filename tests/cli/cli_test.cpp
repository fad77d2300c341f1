// SPDX-License-Identifier: MIT
// The binary as a user meets it: help, exit codes, formats, bad input, secrets.
#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/manifest.hpp"
#include "run.hpp"

using namespace sipmtls::test;

namespace {

std::vector<std::string> inspect_args(const ManifestCase& c, const std::string& profile = "ocs") {
  const Manifest& m = manifest();
  std::vector<std::string> a{"inspect", m.path(c.cert), "--password-env", m.password_env, "--profile", profile,
                             "--at", m.at};
  if (!c.key.empty()) a.insert(a.end(), {"--key", m.path(c.key)});
  for (const auto& n : c.fqdn) a.insert(a.end(), {"--fqdn", n});
  for (const auto& f : c.ca) a.insert(a.end(), {"--ca", m.path(f)});
  for (const auto& f : c.chain) a.insert(a.end(), {"--chain", m.path(f)});
  for (const auto& f : c.crl) a.insert(a.end(), {"--crl", m.path(f)});
  return a;
}

const ManifestCase& find_case(const std::string& id) {
  const auto& cases = manifest().cases;
  auto it = std::find_if(cases.begin(), cases.end(), [&](const ManifestCase& c) { return c.id == id; });
  REQUIRE(it != cases.end());
  return *it;
}

std::map<std::string, std::string> password_env() { return {{manifest().password_env, manifest().password}}; }

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("help lists the subcommands with examples and exit codes", "[cli]") {
  const auto r = run_sipmtls({"--help"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("inspect") != std::string::npos);
  CHECK(r.out.find("Examples:") != std::string::npos);
  CHECK(r.out.find("Exit codes") != std::string::npos);
  const auto sub = run_sipmtls({"inspect", "--help"});
  CHECK(sub.exit_code == 0);
  CHECK(sub.out.find("--password-env") != std::string::npos);
  CHECK(sub.out.find("Examples:") != std::string::npos);
}

TEST_CASE("usage errors exit with 2", "[cli]") {
  CHECK(run_sipmtls({}).exit_code == 2);
  CHECK(run_sipmtls({"inspect"}).exit_code == 2);
  CHECK(run_sipmtls({"inspect", "x.pem", "--profile", "lcs2099"}).exit_code == 2);
  CHECK(run_sipmtls({"--format", "yaml", "inspect", "x.pem"}).exit_code == 2);
  const auto at = run_sipmtls({"inspect", manifest().path("cases/a-rsa.pem"), "--at", "yesterday"});
  CHECK(at.exit_code == 2);
  CHECK(at.err.find("--at") != std::string::npos);
}

TEST_CASE("a passing check exits 0 and a failing one exits 1 with the code and the fix", "[cli]") {
  const auto good = run_sipmtls(inspect_args(find_case("a-rsa")), password_env());
  CHECK(good.exit_code == 0);
  CHECK(good.out.find("PASS") != std::string::npos);
  const auto bad = run_sipmtls(inspect_args(find_case("server-auth-only")), password_env());
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("EKU_MISSING_CLIENT_AUTH") != std::string::npos);
  CHECK(bad.out.find("0x800B0110 CERT_E_WRONG_USAGE") != std::string::npos);
  CHECK(bad.out.find("fix: ") != std::string::npos);
  CHECK(bad.out.find("1.3.6.1.5.5.7.3.2") != std::string::npos);
}

TEST_CASE("warnings alone do not fail a check", "[cli]") {
  const auto r = run_sipmtls(inspect_args(find_case("rsa-1024"), "ocs"), password_env());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("WEAK_KEY") != std::string::npos);
  CHECK(run_sipmtls(inspect_args(find_case("rsa-1024"), "teams"), password_env()).exit_code == 1);
}

TEST_CASE("the --x509-strict flag turns encoding flaws and weak keys into errors", "[cli][conformance]") {
  // cn-mismatch: the CN is not repeated in the SAN (CA/B BR 7.1.4.3); Teams itself accepts it.
  const auto lenient = run_sipmtls(inspect_args(find_case("cn-mismatch"), "teams"), password_env());
  CHECK(lenient.exit_code == 0);
  CHECK(lenient.out.find("CERT_NONCONFORMANT") != std::string::npos);
  auto args = inspect_args(find_case("cn-mismatch"), "teams");
  args.insert(args.begin(), "--x509-strict");
  const auto strict = run_sipmtls(args, password_env());
  CHECK(strict.exit_code == 1);
  CHECK(strict.out.find("CERT_NONCONFORMANT") != std::string::npos);
  CHECK(strict.out.find("character-for-character") != std::string::npos);
  // A conforming certificate passes strict checking too; a 1024-bit key no longer does.
  args = inspect_args(find_case("a-rsa"));
  args.insert(args.begin(), "--x509-strict");
  CHECK(run_sipmtls(args, password_env()).exit_code == 0);
  args = inspect_args(find_case("rsa-1024"), "ocs");
  args.insert(args.begin(), "--x509-strict");
  CHECK(run_sipmtls(args, password_env()).exit_code == 1);
}

TEST_CASE("JSON output parses and carries the codes", "[cli][json]") {
  auto args = inspect_args(find_case("wrong-host"));
  args.insert(args.begin(), {"--format", "json"});
  const auto r = run_sipmtls(args, password_env());
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["verdict"] == "fail");
  CHECK(j["checks"][0]["kind"] == "inspect");
  CHECK(j["checks"][0]["role"] == "offline");
  CHECK(j["checks"][0]["findings"][0]["code"] == "NAME_MISMATCH");
  CHECK(j["checks"][0]["local"]["certificates"].size() == 3);
}

TEST_CASE("JUnit output is well-formed XML", "[cli][junit]") {
  const std::string path = "/tmp/sipmtls-cli-test.xml";
  std::filesystem::remove(path);
  auto args = inspect_args(find_case("expired"));
  args.insert(args.begin(), {"--format", "junit", "--output", path});
  const auto r = run_sipmtls(args, password_env());
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  REQUIRE(std::filesystem::exists(path));
  CHECK(run_shell("xmllint --noout " + path) == 0);
  std::filesystem::remove(path);
}

TEST_CASE("bad input: exit 2, one line on stderr naming the file, nothing written", "[cli][bad-input]") {
  const Manifest& m = manifest();
  const std::string out_path = "/tmp/sipmtls-cli-bad.json";
  for (const auto& c : m.bad) {
    CAPTURE(c.id);
    std::filesystem::remove(out_path);
    auto args = inspect_args(c);
    args.insert(args.begin(), {"--format", "json", "--output", out_path});
    const auto r = run_sipmtls(args, {{m.password_env, c.password.empty() ? m.password : c.password}});
    CHECK(r.exit_code == 2);
    CHECK(lines(r.err) == 1);
    CHECK(r.err.rfind("sipmtls: error: ", 0) == 0);
    REQUIRE_FALSE(c.blame.empty());
    CHECK(r.err.find(c.blame) != std::string::npos);
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(out_path));
  }
}

TEST_CASE("passwords and private keys never appear in any output", "[cli][secrets]") {
  const Manifest& m = manifest();
  std::ifstream key_file(m.path("cases/a-rsa.key"));
  std::string key_text((std::istreambuf_iterator<char>(key_file)), std::istreambuf_iterator<char>());
  const std::string key_line = key_text.substr(key_text.find('\n') + 1, 40);  // base64 of the key
  for (const char* format : {"text", "json", "junit"}) {
    for (const char* id : {"pfx-aes", "encrypted-pkcs8", "a-rsa"}) {
      CAPTURE(format, id);
      auto args = inspect_args(find_case(id));
      args.insert(args.begin(), {"--format", format, "-v"});
      const auto r = run_sipmtls(args, password_env());
      CHECK(r.exit_code == 0);
      CHECK(r.out.find(m.password) == std::string::npos);
      CHECK(r.err.find(m.password) == std::string::npos);
      CHECK(r.out.find(key_line) == std::string::npos);
      CHECK(r.out.find("PRIVATE KEY") == std::string::npos);
    }
  }
}

TEST_CASE("an encrypted file without a password source says how to give one", "[cli][bad-input]") {
  const auto r = run_sipmtls({"inspect", manifest().path("cases/pfx-aes.pfx")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--password-env") != std::string::npos);
}

// Issue 18: typos in commands and options get a "did you mean", not "A subcommand is required".
TEST_CASE("a mistyped command or option is answered with the nearest one", "[cli]") {
  const auto command = run_sipmtls({"inpsect", "x.pem"});
  CHECK(command.exit_code == 2);
  CHECK(command.err.find("unknown command 'inpsect'; did you mean 'inspect'?") != std::string::npos);
  const auto after_global = run_sipmtls({"--timeout", "5", "lisen", "5061"});
  CHECK(after_global.err.find("did you mean 'listen'?") != std::string::npos);
  const auto option = run_sipmtls({"inspect", "x.pem", "--fqnd", "sip.contoso.com"});
  CHECK(option.exit_code == 2);
  CHECK(option.err.find("unknown option '--fqnd'; did you mean '--fqdn'?") != std::string::npos);
  // Nothing near: no guess.
  const auto far = run_sipmtls({"frobnicate"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("did you mean") == std::string::npos);
}
