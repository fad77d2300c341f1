// SPDX-License-Identifier: MIT
// testcerts/suite.toml and demo.toml (written by scripts/make-suite) agree with the manifest:
// every case is paired both ways, with the codes the manifest implies for each role.
#include <catch2/catch_test_macros.hpp>

#include <map>

#include "../support/manifest.hpp"
#include "../support/roles.hpp"
#include "sipmtls/app/suite.hpp"

using namespace sipmtls;

namespace {

std::string joined(const app::CodeSet& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::map<std::string, const app::SuiteItem*> by_case(const app::Suite& suite) {
  std::map<std::string, const app::SuiteItem*> out;
  for (const auto& item : suite.items) out[item.name.substr(0, item.name.find(':'))] = &item;
  return out;
}

}  // namespace

TEST_CASE("suite.toml pairs every manifest case both ways with the manifest's codes", "[suite][corpus]") {
  const test::Manifest& m = test::manifest();
  auto suite = app::load_suite(m.path("suite.toml"));
  REQUIRE(suite.ok());
  const auto items = by_case(suite.value());
  for (const auto& c : m.cases) {
    CAPTURE(c.id);
    REQUIRE(items.count(c.id) == 1);
    const app::SuiteItem& item = *items.at(c.id);
    CHECK(item.kind == "pair");
    CHECK(item.a.source.cert_path == m.path(c.cert));
    CHECK(item.a.names() == c.fqdn);
    REQUIRE(item.expect_ab);
    REQUIRE(item.expect_ba);
    if (c.id == "key-mismatch") continue;  // the handshake fails: see scripts/make-suite
    CHECK(joined(*item.expect_ab) == test::expected_errors(c, "ocs", false));
    CHECK(joined(*item.expect_ba) == test::expected_errors(c, "ocs", true));
  }
  CHECK(suite->items.size() == m.cases.size());
}

TEST_CASE("demo.toml is a subset of suite.toml with the same expectations", "[suite][corpus]") {
  const test::Manifest& m = test::manifest();
  auto suite = app::load_suite(m.path("suite.toml"));
  auto demo = app::load_suite(m.path("demo.toml"));
  REQUIRE(suite.ok());
  REQUIRE(demo.ok());
  const auto all = by_case(suite.value());
  REQUIRE(demo->items.size() >= 10);
  CHECK(demo->items.front().expect_ab->empty());  // the good pair comes first
  for (const auto& item : demo->items) {
    CAPTURE(item.name);
    if (item.b.profile != rules::Profile::Ocs) {
      // B judging under another profile (teams): the manifest's expectation for that profile,
      // the same in both directions for a name-only difference.
      const std::string id = item.name.substr(0, item.name.find(' '));
      const std::string profile(rules::profile_name(item.b.profile));
      const auto& c = *std::find_if(m.cases.begin(), m.cases.end(), [&](const auto& x) { return x.id == id; });
      CHECK(*item.expect_ab == app::CodeSet(c.expect.at(profile).errors.begin(), c.expect.at(profile).errors.end()));
      CHECK(*item.expect_ba == *item.expect_ab);
      continue;
    }
    const auto* twin = all.at(item.name.substr(0, item.name.find(':')));
    CHECK(*item.expect_ab == *twin->expect_ab);
    CHECK(*item.expect_ba == *twin->expect_ba);
  }
}
