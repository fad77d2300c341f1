// SPDX-License-Identifier: MIT
// Teams trust-store check (issue 16, item 4) against material this project did not make: the roots
// as Debian's ca-certificates ships them. Every thumbprint of src/rules/teams_roots.def must be
// found there, and an SBC bundle without today's root fails.
#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;
namespace fs = std::filesystem;

namespace {

const std::string kMozilla = "/usr/share/ca-certificates/mozilla";

struct Root {
  std::string name, sha1, sha256, status, file;
};

std::vector<Root> roots_in_data_file() {
  std::ifstream in(std::string(SIPMTLS_SOURCE_DIR) + "/src/rules/teams_roots.def");
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  std::vector<Root> out;
  const std::regex entry(R"re(\nSIPMTLS_TEAMS_ROOT\("([^"]+)", "([0-9A-F]{40})",\s*"([0-9A-F]{64})", (\w+),\s*"([^"]+)"\))re");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), entry); it != std::sregex_iterator(); ++it) {
    out.push_back({(*it)[1], (*it)[2], (*it)[3], (*it)[4], (*it)[5]});
  }
  return out;
}

}  // namespace

TEST_CASE("every Teams root of the data file is the certificate Debian ships", "[cli][teams][trust-store]") {
  if (!fs::is_directory(kMozilla)) SKIP("Debian's ca-certificates is not installed (scripts/bootstrap installs it)");
  const auto roots = roots_in_data_file();
  REQUIRE(roots.size() >= 7);
  for (const auto& root : roots) {
    CAPTURE(root.name);
    const std::string file = kMozilla + "/" + root.file;
    REQUIRE(fs::exists(file));
    CHECK(openssl_x509_value("-fingerprint -sha1", file) == root.sha1);
    CHECK(openssl_x509_value("-fingerprint -sha256", file) == root.sha256);
  }
  // The whole directory, as an SBC built from Debian would trust it: every root found.
  const auto r = run_sipmtls({"--format", "json", "trust-store", kMozilla});
  CHECK(r.exit_code == 0);
  const auto check = nlohmann::json::parse(r.out)["checks"][0];
  CHECK(check["findings"].empty());
  CHECK(check["local"]["certificates"].size() == roots.size());
}

TEST_CASE("a Teams trust bundle without today's root fails, one without the 2026 roots warns", "[cli][teams][trust-store]") {
  if (!fs::is_directory(kMozilla)) SKIP("Debian's ca-certificates is not installed (scripts/bootstrap installs it)");
  const fs::path dir = fs::temp_directory_path() / ("sipmtls-bundle-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // An SBC set up in 2021: Baltimore only.
  const std::string old = (dir / "old.pem").string();
  fs::copy_file(kMozilla + "/Baltimore_CyberTrust_Root.crt", old, fs::copy_options::overwrite_existing);
  const auto r = run_sipmtls({"trust-store", old});
  CAPTURE(r.out);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("error   TRUST_STORE_MISSING_ROOT  trust store root DigiCert Global Root G2: ") != std::string::npos);
  CHECK(std::regex_search(r.out, std::regex(R"(has         CN=Baltimore CyberTrust Root  SHA-1 D4DE20D05E66FC53FE1A50882C78DB2852CAE474  \(expired \d+ days ago\))")));
  // Updated in 2023 (G2 added): passes today, warns for the 2026 roots.
  const std::string g2 = (dir / "g2.pem").string();
  (void)run_shell("cat " + old + " " + kMozilla + "/DigiCert_Global_Root_G2.crt > " + g2);
  const auto w = run_sipmtls({"--format", "json", "trust-store", g2});
  CHECK(w.exit_code == 0);
  int warnings = 0;
  const auto report = nlohmann::json::parse(w.out);  // named: a temporary would die before the loop
  for (const auto& f : report["checks"][0]["findings"]) {
    CHECK(f["code"] == "TRUST_STORE_MISSING_ROOT");
    warnings += f["severity"] == "warning";
  }
  CHECK(warnings == 6);
  // A certificate that only borrows the name is not the root.
  const std::string fake = (dir / "fake.pem").string();
  REQUIRE(run_shell("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + (dir / "fake.key").string() + " -out " + fake +
                    " -days 30 -subj '/CN=DigiCert Global Root G2' >/dev/null 2>&1") == 0);
  const auto f = run_sipmtls({"trust-store", fake});
  CHECK(f.exit_code == 1);
  CHECK(f.out.find("a different certificate with this name is present") != std::string::npos);
  // Only Teams has such a list.
  CHECK(run_sipmtls({"trust-store", g2, "--profile", "ocs"}).exit_code == 2);
  fs::remove_all(dir);
}
