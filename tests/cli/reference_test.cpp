// SPDX-License-Identifier: MIT
// The user's reference outside the code (issue 18, item 4): `sipmtls codes` lists every code of
// findings.def with its meaning, Windows error and the profiles that raise it.
#include <catch2/catch_test_macros.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "run.hpp"

using namespace sipmtls::test;

namespace {

std::set<std::string> codes_in_findings_def() {
  std::ifstream in(std::string(SIPMTLS_SOURCE_DIR) + "/include/sipmtls/findings.def");
  std::stringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  std::set<std::string> codes;
  const std::regex entry(R"re((?:^|\n)SIPMTLS_FINDING\(\w+, "([A-Z0-9_]+)")re");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), entry); it != std::sregex_iterator(); ++it) {
    codes.insert((*it)[1]);
  }
  return codes;
}

nlohmann::json codes_json(const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"--format", "json", "codes"};
  args.insert(args.end(), extra.begin(), extra.end());
  const RunResult r = run_sipmtls(args);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out)["codes"];
}

std::set<std::string> profiles_of(const nlohmann::json& entry) {
  std::set<std::string> out;
  for (const auto& p : entry["profiles"]) out.insert(p["profile"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("codes lists every code of findings.def with meaning and profiles", "[cli][reference]") {
  const auto expected = codes_in_findings_def();
  REQUIRE(expected.size() > 30);
  std::set<std::string> listed;
  for (const auto& entry : codes_json()) {
    listed.insert(entry["code"].get<std::string>());
    CHECK_FALSE(entry["meaning"].get<std::string>().empty());
    CHECK_FALSE(entry["profiles"].empty());
  }
  CHECK(listed == expected);

  const RunResult text = run_sipmtls({"codes"});
  REQUIRE(text.exit_code == 0);
  for (const auto& code : expected) CHECK(text.out.find(code + "\n") != std::string::npos);
}

TEST_CASE("codes names the Windows error and follows the profile table", "[cli][reference]") {
  const auto name = codes_json({"NAME_MISMATCH"});
  REQUIRE(name.size() == 1);
  CHECK(name[0]["windows"][0]["name"] == "SEC_E_WRONG_PRINCIPAL");
  CHECK(name[0]["windows"][0]["hex"] == "0x80090322");

  // Teams accepts single-label wildcards: it never raises NAME_WILDCARD_REJECTED; the others do.
  const auto wildcard = codes_json({"NAME_WILDCARD_REJECTED"});
  CHECK(profiles_of(wildcard[0]) == std::set<std::string>{"lcs2003", "lcs2005", "ocs", "rfc5922"});
  // A missing CDP is an error for OCS only.
  const auto revocation = codes_json({"REVOCATION_UNKNOWN"});  // named: a temporary would die before the loop
  for (const auto& p : revocation[0]["profiles"]) {
    CHECK((p["severity"] == "error") == (p["profile"] == "ocs"));
  }
  const RunResult one = run_sipmtls({"codes", "EKU_MISSING_CLIENT_AUTH"});
  CHECK(one.out.find("CERT_E_WRONG_USAGE") != std::string::npos);
  CHECK(one.out.find("NAME_MISMATCH") == std::string::npos);
}

TEST_CASE("codes with an unknown code exits 2 with the nearest code", "[cli][reference]") {
  const RunResult r = run_sipmtls({"codes", "NAME_MISMATH"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean NAME_MISMATCH") != std::string::npos);
  const RunResult far = run_sipmtls({"codes", "BANANA"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("the man page documents every command and global option the binary has", "[cli][reference]") {
  std::ifstream in(std::string(SIPMTLS_SOURCE_DIR) + "/docs/sipmtls.1");
  std::stringstream text;
  text << in.rdbuf();
  const std::string man = std::regex_replace(text.str(), std::regex(R"(\\-)"), "-");
  const RunResult help = run_sipmtls({"--help"});
  REQUIRE(help.exit_code == 0);
  // Subcommands: the lines under "Subcommands:" in --help; options: every --flag before them.
  const auto subcommands = help.out.substr(help.out.find("Subcommands:"));
  const std::regex command(R"(\n  ([a-z]+) )"), option(R"((--[a-z0-9-]+))");
  int commands = 0;
  for (auto it = std::sregex_iterator(subcommands.begin(), subcommands.end(), command); it != std::sregex_iterator(); ++it) {
    ++commands;
    CHECK(man.find(".B " + (*it)[1].str()) != std::string::npos);
  }
  CHECK(commands >= 7);
  const auto options = help.out.substr(0, help.out.find("Subcommands:"));
  for (auto it = std::sregex_iterator(options.begin(), options.end(), option); it != std::sregex_iterator(); ++it) {
    const std::string flag = (*it)[1];
    if (flag == "--help" || flag == "--version" || flag == "--verbose") continue;
    CAPTURE(flag);
    CHECK(man.find(flag) != std::string::npos);
  }
}

TEST_CASE("the README's samples are what the binary prints", "[cli][reference]") {
  std::ifstream in(std::string(SIPMTLS_SOURCE_DIR) + "/README.md");
  std::stringstream text;
  text << in.rdbuf();
  const std::string readme = text.str();
  const std::regex sample("```\\n\\$ build/src/sipmtls ([^\\n]*)\\n([^`]*)```");
  int samples = 0;
  for (auto it = std::sregex_iterator(readme.begin(), readme.end(), sample); it != std::sregex_iterator(); ++it) {
    ++samples;
    const std::string args = (*it)[1], shown = (*it)[2];
    const std::string out = "/tmp/sipmtls-readme-" + std::to_string(samples) + ".txt";
    (void)run_shell(std::string("cd ") + SIPMTLS_SOURCE_DIR + " && " + SIPMTLS_BINARY + " " + args + " > " + out);
    std::ifstream printed(out);
    std::stringstream got;
    got << printed.rdbuf();
    std::stringstream lines(shown);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line == "...") continue;
      CAPTURE(args, line);
      CHECK(got.str().find(line + "\n") != std::string::npos);
    }
  }
  CHECK(samples >= 3);
}
