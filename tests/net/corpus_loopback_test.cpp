// SPDX-License-Identifier: MIT
// Every manifest case over a real mutual-TLS connection, in both roles: the case certificate as
// the server that `connect` judges, and as the client that `listen` judges. The codes must be
// those the manifest lists for the offline check, less the EKU the role does not need.
#include <catch2/catch_test_macros.hpp>

#include <cstdlib>

#include "../support/loopback.hpp"
#include "../support/manifest.hpp"
#include "../support/roles.hpp"

using namespace sipmtls;

namespace {

const test::Manifest& corpus() {
  const test::Manifest& m = test::manifest();
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
  return m;
}

template <class Options>
void configure(Options& o, const test::Manifest& m, const test::ManifestCase& ours, const test::ManifestCase& judged,
               rules::Profile profile) {
  o.identity = test::judging(m, ours, judged);
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
  const auto& good_client = test::find_case(m, "a-rsa");
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
      CHECK(test::error_codes(r.client) == test::expected_errors(c, profile_name, true));
      CHECK((r.client.tls && r.client.tls->certificate_requested));
      CHECK((r.client.sip && r.client.sip->status == 200));
      CHECK((r.server && test::error_codes(*r.server).empty()));
    }
  }
}

TEST_CASE("listen judges every manifest case presented by a client", "[net][corpus]") {
  const test::Manifest& m = corpus();
  const auto& good_server = test::find_case(m, "b-rsa");
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
      CHECK((r.server && test::error_codes(*r.server) == test::expected_errors(c, profile_name, false)));
      CHECK(test::error_codes(r.client).empty());
      CHECK((r.client.sip && r.client.sip->status == 200));
    }
  }
}
