// SPDX-License-Identifier: MIT
// Long and large chains from real peers (issue 14, item 9): a 30-deep chain is "too long", not an
// issuer "neither supplied nor found"; one over 16 KB is named as such, in both roles and on both
// TLS versions, and still judged from the wire; --strict does not talk of cipher suites.
#include <catch2/catch_test_macros.hpp>

#include <thread>

#include "../support/loopback.hpp"
#include "../support/process.hpp"
#include "peers.hpp"

using namespace sipmtls;
using test::has;
using test::has_message;
using test::mentions;
using test::tc;

namespace {

/// A 45-deep PKI made once per run by make_deep_chain.sh (openssl, ECDSA).
const std::string& deep_pki() {
  static const std::string dir = [] {
    const std::string d = "/tmp/sipmtls-deep-" + std::to_string(::getpid());
    const std::string out = test::shell_output("bash " SIPMTLS_INTEROP_DIR "/make_deep_chain.sh " + d + " 45");
    REQUIRE(out.find("ok") != std::string::npos);
    return d;
  }();
  return dir;
}

report::CheckResult connect_to(std::uint16_t port, const std::string& tls, bool strict) {
  app::ConnectOptions o;
  o.identity.cert_path = tc("cases/a-rsa.pem");
  o.identity.key_path = tc("cases/a-rsa.key");
  o.identity.ca = {deep_pki() + "/ca0.pem"};
  o.target = "127.0.0.1:" + std::to_string(port);
  o.names = {"sip-b.contoso.test"};
  o.tls = tls;
  o.strict = strict;
  o.sip_options = false;
  o.timeout_s = 3;
  auto r = app::run_connect(o);
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("a server chain 30 deep is too long, not an issuer neither supplied nor found", "[interop][openssl][chain]") {
  const std::string d = deep_pki();
  test::SServer server({"-cert", d + "/leaf.pem", "-key", d + "/leaf.key", "-cert_chain", d + "/chain-30.pem"});
  for (const char* tls : {"1.2", "1.3"}) {
    for (const bool strict : {false, true}) {
      CAPTURE(tls, strict);
      const auto r = connect_to(server.port, tls, strict);
      CHECK(has_message(r, FindingCode::ChainIncomplete, "issuers still to follow"));
      CHECK_FALSE(mentions(r, "neither supplied nor found"));
      CHECK_FALSE(mentions(r, "cipher suites"));
    }
  }
}

TEST_CASE("a server chain over 16 KB is named and still judged", "[interop][openssl][chain]") {
  const std::string d = deep_pki();
  test::SServer server({"-cert", d + "/leaf.pem", "-key", d + "/leaf.key", "-cert_chain", d + "/chain-all.pem"});
  for (const char* tls : {"1.2", "1.3"}) {
    for (const bool strict : {false, true}) {
      CAPTURE(tls, strict);
      const auto r = connect_to(server.port, tls, strict);
      CHECK(has_message(r, FindingCode::TlsHandshakeFailed, "Certificate message is"));
      CHECK(has(r, FindingCode::ChainIncomplete));  // the chain came whole and was judged
      CHECK_FALSE(mentions(r, "Bad input parameters"));
    }
  }
}

TEST_CASE("a client chain over 16 KB is named by the listener", "[interop][openssl][chain]") {
  const std::string d = deep_pki();
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    app::ListenOptions o = test::listen_as_b();
    o.identity.ca = {d + "/ca0.pem"};
    o.expect_names = {"sip-b.contoso.test"};
    o.at.reset();
    o.count = 1;
    o.tls = tls;
    std::thread thread;
    Result<std::vector<report::CheckResult>> served = internal_error("not run");
    const auto port = test::start_listener(o, thread, served);
    (void)test::shell_output("sleep 1 | openssl s_client -connect 127.0.0.1:" + std::to_string(port) + " -cert " + d +
                             "/leaf.pem -key " + d + "/leaf.key -cert_chain " + d + "/chain-all.pem -CAfile " +
                             tc("pki/root-ca.pem") + " -quiet 2>&1");
    thread.join();
    REQUIRE(served.ok());
    REQUIRE(served->size() == 1);
    const auto& r = served->front();
    CHECK(has_message(r, FindingCode::TlsHandshakeFailed, "Certificate message is"));
    CHECK(has(r, FindingCode::ChainIncomplete));
  }
}
