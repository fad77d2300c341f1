// SPDX-License-Identifier: MIT
// No command prints a password or private key bytes, in any format: suite (every testcerts case,
// PFX and encrypted keys included), pair, connect and listen.
#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/manifest.hpp"
#include "../support/process.hpp"
#include "run.hpp"

using namespace sipmtls::test;

namespace {

/// The first base64 line of every private key in testcerts/cases: none may ever be printed.
std::vector<std::string> key_lines() {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(manifest().path("cases"))) {
    if (entry.path().extension() != ".key") continue;
    std::ifstream in(entry.path());
    std::string header, line;
    std::getline(in, header);
    if (std::getline(in, line) && line.size() >= 40) out.push_back(line.substr(0, 40));
  }
  return out;
}

void check_clean(const std::string& text) {
  static const auto keys = key_lines();
  REQUIRE(keys.size() >= 30);
  CHECK(text.find(manifest().password) == std::string::npos);
  CHECK(text.find("PRIVATE KEY") == std::string::npos);
  for (const auto& k : keys) CHECK(text.find(k) == std::string::npos);
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("suite and pair print no password and no key bytes in any format", "[cli][secrets]") {
  const std::map<std::string, std::string> env{{manifest().password_env, manifest().password}};
  for (const char* format : {"text", "json", "junit"}) {
    CAPTURE(format);
    const auto suite = run_sipmtls({"--format", format, "-v", "suite", manifest().path("suite.toml")}, env);
    CHECK(suite.exit_code == 0);
    check_clean(suite.out + suite.err);
    const auto pair = run_sipmtls({"--format", format, "pair", manifest().path("identities/pfx-aes.toml"),
                                   manifest().path("identities/encrypted-pkcs8.toml")},
                                  env);
    check_clean(pair.out + pair.err);
  }
}

TEST_CASE("connect and listen with a PFX and an encrypted key print no secrets", "[cli][secrets]") {
  const Manifest& m = manifest();
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);  // the listener child reads it
  const auto port = free_port();
  const std::string log = "/tmp/sipmtls-secrets-listen-" + std::to_string(port);
  Background listener({SIPMTLS_BINARY, "--format", "json", "--timeout", "5", "listen",
                       "127.0.0.1:" + std::to_string(port), "--cert", m.path("cases/encrypted-pkcs8.pem"), "--key",
                       m.path("cases/encrypted-pkcs8.key"), "--password-env", m.password_env, "--ca",
                       m.path("pki/root-ca.pem"), "--count", "1"},
                      log);
  for (int i = 0; i < 1000 && slurp(log).find("listening on port") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const auto r = run_sipmtls({"-v", "connect", "127.0.0.1:" + std::to_string(port), "--cert", m.path("cases/pfx-aes.pfx"),
                              "--password-env", m.password_env, "--ca", m.path("pki/root-ca.pem"), "--fqdn",
                              "sip-a.contoso.test"},
                             {{m.password_env, m.password}});
  CHECK(r.exit_code != 2);
  check_clean(r.out + r.err);
  CHECK(listener.wait(10) >= 0);
  check_clean(slurp(log));
}

// Issue 14: a running process does not give its password away through /proc/PID/environ (main
// also makes the process non-dumpable: no core file holds the key).
TEST_CASE("a running listener has scrubbed the password from its environment", "[cli][secrets]") {
  const std::uint16_t port = free_port();
  const std::string secret = "scrub-me-" + std::to_string(::getpid());
  const std::string pfx = manifest().path("cases/pfx-aes.pfx");
  // The PFX opens with the corpus password; the variable holds it plus nothing else to find.
  const std::string command = "env SIPMTLS_SCRUB_TEST='" + manifest().password + "' SIPMTLS_OTHER='" + secret + "' " +
                              SIPMTLS_BINARY + " --timeout 5 listen 127.0.0.1:" + std::to_string(port) + " --cert " +
                              pfx + " --password-env SIPMTLS_SCRUB_TEST --ca " + manifest().path("pki/root-ca.pem") +
                              " --count 1";
  Background listener({"sh", "-c", "exec " + command}, "/dev/null");
  REQUIRE(wait_for_port(port, 10));
  const std::string env_block = shell_output("tr '\\0' '\\n' < /proc/" + std::to_string(listener.pid()) + "/environ");
  // Non-dumpable, the file may not be readable at all (without CAP_SYS_PTRACE); readable, it holds
  // the other variable but not the password.
  if (!env_block.empty()) CHECK(env_block.find(secret) != std::string::npos);
  CHECK(env_block.find(manifest().password) == std::string::npos);
}
