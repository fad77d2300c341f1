// SPDX-License-Identifier: MIT
// `sipmtls demo` as a first impression (issue 18, item 2): one screen with the two directions per
// case, what happened to the certificate, each code once with its Windows error and fix; the
// full reports with --details; found where it is installed; no library error text.
#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <filesystem>
#include <regex>

#include "../support/manifest.hpp"
#include "run.hpp"

using namespace sipmtls::test;
namespace fs = std::filesystem;

namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::size_t lines(const std::string& text) { return count(text, "\n"); }

}  // namespace

TEST_CASE("demo fits one screen: directions, outcome, each code once", "[cli][demo]") {
  // No password in the environment: the demo opens the corpus's PFX with its published password.
  const auto r = run_sipmtls({"demo", "--testcerts", manifest().path("")});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(lines(r.out) <= 65);
  CHECK(r.out.find("A dials B (B judges A as client)") != std::string::npos);
  CHECK(r.out.find("B dials A (B judges A as server)") != std::string::npos);
  CHECK(std::regex_search(r.out, std::regex(R"(\nserver-auth-only +FAIL EKU_MISSING_CLIENT_AUTH +PASS +REJECTED as expected\n)")));
  CHECK(std::regex_search(r.out, std::regex(R"(\na-rsa +PASS +PASS +ACCEPTED as expected\n)")));
  // A PFX, a pool and the Teams profile are among the cases.
  CHECK(std::regex_search(r.out, std::regex(R"(\npfx-aes +PASS +PASS +ACCEPTED as expected\n)")));
  CHECK(std::regex_search(r.out, std::regex(R"(\npool-member-only +FAIL NAME_MISMATCH)")));
  CHECK(std::regex_search(r.out, std::regex(R"(\nwildcard-san \(teams\) +PASS +PASS +ACCEPTED as expected\n)")));
  // Each code's explanation once, with its Windows error and fix.
  CHECK(count(r.out, "  EKU_MISSING_CLIENT_AUTH (") == 1);
  CHECK(count(r.out, "  NAME_MISMATCH (wrong-host, san-without-cn, pool-member-only): ") == 1);
  CHECK(r.out.find("Windows: 0x800B0109 CERT_E_UNTRUSTEDROOT") != std::string::npos);
  CHECK(count(r.out, "      fix: ") >= 12);
  CHECK(r.out.find("19 cases, all as expected: 4 accepted, 15 rejected") != std::string::npos);
  // Not one string of the TLS library.
  for (const char* library : {"SSL - ", "X509 - ", "PK - ", "(-0x", "mbedTLS"}) CHECK(r.out.find(library) == std::string::npos);
  // The old form printed "ok" beside each failure and every failure twice.
  CHECK(r.out.find("\nok ") == std::string::npos);
}

TEST_CASE("demo --details prints every failing side in full", "[cli][demo]") {
  const auto r = run_sipmtls({"demo", "--details", "--testcerts", manifest().path("")});
  CHECK(r.exit_code == 0);
  CHECK(lines(r.out) > 200);
  CHECK(r.out.find("  local       CN=sip-b.contoso.test") != std::string::npos);
}

TEST_CASE("an installed demo finds its testcerts without the source tree", "[cli][demo][install]") {
  const fs::path prefix = fs::temp_directory_path() / ("sipmtls-install-" + std::to_string(::getpid()));
  fs::remove_all(prefix);
  const std::string build = fs::path(SIPMTLS_BINARY).parent_path().parent_path().string();
  REQUIRE(run_shell("cmake --install " + build + " --prefix " + prefix.string() + " >/dev/null") == 0);
  CHECK(fs::exists(prefix / "share/man/man1/sipmtls.1"));
  CHECK(fs::exists(prefix / "share/sipmtls/testcerts/demo.toml"));
  // Run from a directory with no testcerts in it or above it.
  const fs::path copy = prefix / "bin/sipmtls";
  const int rc = run_shell("cd / && " + copy.string() + " demo > " + (prefix / "demo.txt").string() + " 2>&1");
  CHECK(rc == 0);
  CHECK(run_shell("grep -q '19 cases, all as expected' " + (prefix / "demo.txt").string()) == 0);
  // Without any testcerts: one line naming where it looked, exit 2.
  fs::rename(prefix / "share/sipmtls/testcerts", prefix / "share/sipmtls/moved");
  CHECK(run_shell("cd / && " + copy.string() + " demo 2> " + (prefix / "err.txt").string()) == 2);
  CHECK(run_shell("grep -q 'pass --testcerts DIR' " + (prefix / "err.txt").string()) == 0);
  fs::remove_all(prefix);
}
