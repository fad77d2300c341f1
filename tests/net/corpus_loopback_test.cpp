// SPDX-License-Identifier: MIT
// Every manifest case over a real mutual-TLS connection, in both roles: the case certificate as
// the server that `connect` judges, and as the client that `listen` judges. The codes must be
// those the manifest lists for the offline check, less the EKU the role does not need.
#include <catch2/catch_test_macros.hpp>

#include <cstdlib>
#include <set>

#include "../support/loopback.hpp"
#include "../support/manifest.hpp"
#include "sipmtls/rules/profile.hpp"

using namespace sipmtls;

namespace {

const test::Manifest& corpus() {
  const test::Manifest& m = test::manifest();
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
  return m;
}

app::IdentitySource identity(const test::Manifest& m, const test::ManifestCase& c) {
  app::IdentitySource s;
  s.cert_path = m.path(c.cert);
  if (!c.key.empty()) s.key_path = m.path(c.key);
  s.password = {m.password_env, false};
  for (const auto& f : c.ca) s.ca.push_back(m.path(f));
  for (const auto& f : c.chain) s.chain.push_back(m.path(f));
  for (const auto& f : c.crl) s.crl.push_back(m.path(f));
  return s;
}

const test::ManifestCase& find_case(const test::Manifest& m, const std::string& id) {
  for (const auto& c : m.cases) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no case " + id);
}

std::string codes(const report::CheckResult& r, Severity severity) {
  std::set<std::string> out;
  for (const auto& f : r.findings) {
    if (f.severity == severity) out.emplace(finding_code_name(f.code));
  }
  std::string text;
  for (const auto& c : out) text += (text.empty() ? "" : ",") + c;
  return text;
}

/// The manifest's errors for a certificate in the given role: a server needs no clientAuth; a
/// client needs no serverAuth, and clientAuth only where the profile asks it of peers.
std::string expected(const test::ManifestCase& c, const std::string& profile, bool as_server) {
  std::set<std::string> want = c.expect.at(profile).errors;
  if (as_server) want.erase("EKU_MISSING_CLIENT_AUTH");
  if (!as_server) {
    want.erase("EKU_MISSING_SERVER_AUTH");
    if (!rules::policy(*rules::parse_profile(profile)).peer_client_needs_client_auth) {
      want.erase("EKU_MISSING_CLIENT_AUTH");
    }
  }
  want.erase("PRIVATE_KEY_MISMATCH");  // a local fact: the peer sees a failed handshake instead
  std::string text;
  for (const auto& s : want) text += (text.empty() ? "" : ",") + s;
  return text;
}

/// `o` presents `ours`, and judges the peer presenting case `judged` with that case's trust
/// store and CRLs. mbedTLS's TLS 1.3 cannot sign CertificateVerify with an RSA-1024 key, so
/// that case runs over TLS 1.2.
template <class Options>
void configure(Options& o, const test::Manifest& m, const test::ManifestCase& ours, const test::ManifestCase& judged,
               rules::Profile profile) {
  o.identity = identity(m, ours);
  o.identity.ca.clear();
  for (const auto& f : judged.ca) o.identity.ca.push_back(m.path(f));
  o.identity.crl.clear();
  for (const auto& f : judged.crl) o.identity.crl.push_back(m.path(f));
  o.profile = profile;
  o.at = cert::parse_time(m.at);
  o.timeout_s = 5;
  if (ours.id == "rsa-1024" || judged.id == "rsa-1024") o.tls = "1.2";
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace

TEST_CASE("connect judges every manifest case presented by a server", "[net][corpus]") {
  const test::Manifest& m = corpus();
  const auto& good_client = find_case(m, "a-rsa");
  for (const auto& c : m.cases) {
    if (c.id == "key-mismatch") continue;  // no handshake completes: see the test below
    for (const auto& profile_name : m.profiles) {
      CAPTURE(c.id, profile_name);
      const auto profile = *rules::parse_profile(profile_name);
      app::ListenOptions server;
      configure(server, m, c, good_client, profile);
      app::ConnectOptions client;
      configure(client, m, good_client, c, profile);
      client.names = c.fqdn;
      const auto r = test::run_loopback(server, client);
      CHECK(codes(r.client, Severity::Error) == expected(c, profile_name, true));
      CHECK((r.client.tls && r.client.tls->certificate_requested));
      CHECK((r.client.sip && r.client.sip->status == 200));
      CHECK((r.server && codes(*r.server, Severity::Error).empty()));
    }
  }
}

TEST_CASE("listen judges every manifest case presented by a client", "[net][corpus]") {
  const test::Manifest& m = corpus();
  const auto& good_server = find_case(m, "b-rsa");
  for (const auto& c : m.cases) {
    if (c.id == "key-mismatch") continue;
    for (const auto& profile_name : m.profiles) {
      CAPTURE(c.id, profile_name);
      const auto profile = *rules::parse_profile(profile_name);
      app::ListenOptions server;
      configure(server, m, good_server, c, profile);
      server.expect_names = {join(c.fqdn)};
      app::ConnectOptions client;
      configure(client, m, c, good_server, profile);
      client.names = good_server.fqdn;
      const auto r = test::run_loopback(server, client);
      CHECK((r.server && codes(*r.server, Severity::Error) == expected(c, profile_name, false)));
      CHECK(codes(r.client, Severity::Error).empty());
      CHECK((r.client.sip && r.client.sip->status == 200));
    }
  }
}
