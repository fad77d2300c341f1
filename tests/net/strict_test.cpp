// SPDX-License-Identifier: MIT
// --strict: the side that judges ends the handshake with the alert LCS would send, and the
// other side names it (PEER_REJECTED_OUR_CERT) with the cause. TLS 1.2 and 1.3.
#include <catch2/catch_test_macros.hpp>

#include <cstdlib>
#include <set>

#include "../support/loopback.hpp"
#include "../support/manifest.hpp"
#include "../support/roles.hpp"

using namespace sipmtls;

namespace {

struct Expect {
  const char* id;
  const char* alert;  ///< the alert LCS would send, as named in the report
};

// One case per alert: trust, validity, revocation, usage, form, names.
constexpr Expect kCases[] = {
    {"untrusted-root", "unknown_ca (48)"},     {"missing-intermediate", "unknown_ca (48)"},
    {"expired", "certificate_expired (45)"},   {"revoked", "certificate_revoked (44)"},
    {"code-signing-eku", "unsupported_certificate (43)"}, {"bad-signature", "bad_certificate (42)"},
    {"wrong-host", "bad_certificate (42)"},    {"no-cdp", "certificate_unknown (46)"},
};

bool has(const report::CheckResult& r, FindingCode code) {
  for (const auto& f : r.findings) {
    if (f.code == code && f.severity == Severity::Error) return true;
  }
  return false;
}

template <class Options>
void setup(Options& o, const test::Manifest& m, const std::string& ours, const std::string& judged, const char* tls) {
  o.identity = test::judging(m, test::find_case(m, ours), test::find_case(m, judged));
  o.at = cert::parse_time(m.at);
  o.tls = tls;
  o.timeout_s = 5;
}

}  // namespace

TEST_CASE("a strict listener refuses a bad client with LCS's alert, and the client names it", "[net][strict]") {
  const test::Manifest& m = test::manifest();
  for (const char* tls : {"1.2", "1.3"}) {
    for (const auto& e : kCases) {
      CAPTURE(tls, e.id);
      app::ListenOptions server;
      setup(server, m, "b-rsa", e.id, tls);
      server.strict = true;
      server.expect_names = {"sip-a.contoso.test"};
      app::ConnectOptions client;
      setup(client, m, e.id, "b-rsa", tls);
      client.names = {"sip-b.contoso.test"};
      const auto r = test::run_loopback(server, client);
      REQUIRE(r.server);
      CHECK(r.server->verdict == report::Verdict::Fail);
      CHECK((r.server->tls && r.server->tls->alert_sent == e.alert));
      CHECK(has(r.client, FindingCode::PeerRejectedOurCert));
      CHECK((r.client.tls && r.client.tls->alert_received == e.alert));
      // the server's certificate was judged even though the handshake did not finish
      CHECK((r.client.peer && r.client.peer->chain == "trusted"));
      CHECK_FALSE((r.client.sip && r.client.sip->status == 200));
    }
  }
}

TEST_CASE("a strict client refuses a bad server with LCS's alert, and the listener names it", "[net][strict]") {
  const test::Manifest& m = test::manifest();
  for (const char* tls : {"1.2", "1.3"}) {
    for (const auto& e : kCases) {
      CAPTURE(tls, e.id);
      app::ListenOptions server;
      setup(server, m, e.id, "a-rsa", tls);
      app::ConnectOptions client;
      setup(client, m, "a-rsa", e.id, tls);
      client.strict = true;
      client.names = {"sip-a.contoso.test"};
      const auto r = test::run_loopback(server, client);
      CHECK(r.client.verdict == report::Verdict::Fail);
      CHECK((r.client.tls && r.client.tls->alert_sent == e.alert));
      REQUIRE(r.server);
      CHECK(has(*r.server, FindingCode::PeerRejectedOurCert));
      CHECK((r.server->tls && r.server->tls->alert_received == e.alert));
    }
  }
}

TEST_CASE("strict mode lets a good pair through on both versions", "[net][strict]") {
  const test::Manifest& m = test::manifest();
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    app::ListenOptions server;
    setup(server, m, "b-ecdsa", "a-ecdsa", tls);
    server.strict = true;
    server.expect_names = {"sip-a.contoso.test"};
    app::ConnectOptions client;
    setup(client, m, "a-ecdsa", "b-ecdsa", tls);
    client.strict = true;
    client.names = {"sip-b.contoso.test"};
    const auto r = test::run_loopback(server, client);
    CHECK(r.client.verdict == report::Verdict::Pass);
    REQUIRE(r.server);
    CHECK(r.server->verdict == report::Verdict::Pass);
    CHECK((r.client.sip && r.client.sip->status == 200));
    CHECK((r.client.tls && r.client.tls->version == (std::string("TLS ") + tls)));
  }
}

TEST_CASE("a key that does not match its certificate fails the handshake, and both sides say so", "[net]") {
  const test::Manifest& m = test::manifest();
  app::ListenOptions server;
  setup(server, m, "b-rsa", "key-mismatch", "auto");
  app::ConnectOptions client;
  setup(client, m, "key-mismatch", "b-rsa", "auto");
  client.names = {"sip-b.contoso.test"};
  const auto r = test::run_loopback(server, client);
  CHECK(has(r.client, FindingCode::PrivateKeyMismatch));
  CHECK(r.client.verdict == report::Verdict::Fail);
  REQUIRE(r.server);
  CHECK(has(*r.server, FindingCode::TlsHandshakeFailed));
}
