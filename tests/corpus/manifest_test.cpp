// SPDX-License-Identifier: MIT
// Every testcerts case under every profile gives exactly the findings the manifest lists.
#include <catch2/catch_test_macros.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "../support/manifest.hpp"
#include "sipmtls/app/inspect.hpp"

using namespace sipmtls;

namespace {

app::InspectOptions options_for(const test::Manifest& m, const test::ManifestCase& c, rules::Profile profile) {
  app::InspectOptions o;
  o.cert_path = m.path(c.cert);
  if (!c.key.empty()) o.key_path = m.path(c.key);
  o.password = {m.password_env, false, ""};
  o.names = c.fqdn;
  for (const auto& f : c.ca) o.ca.push_back(m.path(f));
  for (const auto& f : c.chain) o.chain.push_back(m.path(f));
  for (const auto& f : c.crl) o.crl.push_back(m.path(f));
  o.profile = profile;
  o.at = cert::parse_time(m.at);
  // The manifest gives the offline verdict: the corpus CDPs name pki.contoso.test, which is not
  // served anywhere (tests/cli/revocation_online_test.cpp judges them online).
  o.revocation.mode = cert::RevocationMode::Off;
  return o;
}

// Sorted, comma-joined codes: readable in a failure message.
std::string join(const std::set<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string codes(const std::vector<Finding>& findings, Severity severity) {
  std::set<std::string> out;
  for (const auto& f : findings) {
    if (f.severity == severity) out.emplace(finding_code_name(f.code));
  }
  return join(out);
}

}  // namespace

TEST_CASE("every manifest case yields its expected findings under every profile", "[corpus]") {
  const test::Manifest& m = test::manifest();
  REQUIRE(m.cases.size() >= 40);
  REQUIRE(m.profiles.size() == 5);
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
  for (const auto& c : m.cases) {
    for (const auto& profile_name : m.profiles) {
      CAPTURE(c.id, profile_name);
      const auto profile = rules::parse_profile(profile_name);
      REQUIRE(profile);
      auto result = app::run_inspect(options_for(m, c, *profile));
      REQUIRE(result.ok());
      const test::Expectation& want = c.expect.at(profile_name);
      CHECK(codes(result->findings, Severity::Error) == join(want.errors));
      CHECK(codes(result->findings, Severity::Warning) == join(want.warnings));
      CHECK((result->verdict == report::Verdict::Fail) == !want.errors.empty());
    }
  }
}

TEST_CASE("bad input files are refused as input errors naming the file", "[corpus][bad-input]") {
  const test::Manifest& m = test::manifest();
  REQUIRE(m.bad.size() >= 8);
  for (const auto& c : m.bad) {
    CAPTURE(c.id);
    ::setenv(m.password_env.c_str(), (c.password.empty() ? m.password : c.password).c_str(), 1);
    auto result = app::run_inspect(options_for(m, c, rules::Profile::Ocs));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::Input);
    REQUIRE_FALSE(c.blame.empty());
    CHECK(result.error().message.find(c.blame) != std::string::npos);
    CHECK(result.error().message.find('\n') == std::string::npos);
  }
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
}

TEST_CASE("the manifest covers every certificate file in testcerts/cases", "[corpus]") {
  const test::Manifest& m = test::manifest();
  std::set<std::string> used;
  for (const auto& c : m.cases) {
    used.insert(c.cert);
    if (!c.key.empty()) used.insert(c.key);
  }
  for (const auto& entry : std::filesystem::directory_iterator(m.path("cases"))) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".crt.pem")) continue;  // the bare leaves, inputs of the bundles
    CAPTURE(name);
    CHECK(used.count("cases/" + name) == 1);
  }
}

TEST_CASE("every PFX variant holds the same certificates and key as the PEM original", "[corpus][pkcs12]") {
  const test::Manifest& m = test::manifest();
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
  auto pem = cert::load_certificate_file(m.path("cases/a-rsa.pem"), {m.password_env, false, ""});
  REQUIRE(pem.ok());
  for (const char* pfx : {"cases/pfx-aes.pfx", "cases/pfx-3des.pfx", "cases/pfx-rc2.pfx"}) {
    CAPTURE(pfx);
    auto loaded = cert::load_certificate_file(m.path(pfx), {m.password_env, false, ""});
    REQUIRE(loaded.ok());
    CHECK(loaded->format == "PKCS#12");
    REQUIRE(loaded->certs.size() == pem->certs.size());
    for (std::size_t i = 0; i < pem->certs.size(); ++i) CHECK(loaded->certs[i].same_as(pem->certs[i]));
    REQUIRE(loaded->key);
    CHECK(loaded->key->matches(pem->certs.front()));
  }
}

TEST_CASE("a missing or wrong password is a password error; a damaged file is not", "[corpus][password]") {
  const test::Manifest& m = test::manifest();
  auto read = [&](const char* f) { return cert::read_file(m.path(f)).value(); };
  const auto encrypted = read("cases/encrypted-pkcs8.key");
  CHECK(cert::PrivateKey::parse(encrypted, "").error().cause == ErrorCause::Password);
  CHECK(cert::PrivateKey::parse(encrypted, "not-the-password").error().cause == ErrorCause::Password);
  CHECK(cert::PrivateKey::parse(encrypted, m.password).ok());
  CHECK(cert::PrivateKey::parse(read("bad/garbage.key"), "").error().cause == ErrorCause::Unspecified);
  ::setenv(m.password_env.c_str(), "not-the-password", 1);
  const auto pfx = cert::load_certificate_file(m.path("cases/pfx-aes.pfx"), {m.password_env, false, ""});
  REQUIRE_FALSE(pfx.ok());
  CHECK(pfx.error().cause == ErrorCause::Password);
  const auto truncated = cert::load_certificate_file(m.path("bad/truncated.pfx"), {m.password_env, false, ""});
  REQUIRE_FALSE(truncated.ok());
  CHECK(truncated.error().cause == ErrorCause::Unspecified);
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
}
