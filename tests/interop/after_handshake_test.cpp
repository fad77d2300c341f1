// SPDX-License-Identifier: MIT
// What ends a connection after its handshake, from real peers (issue 14, item 9): an alert in
// the clear injected under the TLS layer, and a TLS 1.2 renegotiation we decline, are named for
// what they are, not as "no common cipher suite".
#include <catch2/catch_test_macros.hpp>

#include "../support/process.hpp"
#include "peers.hpp"

using namespace sipmtls;
using test::tc;

using test::has_message;
using test::mentions;

TEST_CASE("an alert injected in the clear after the handshake is named as injected", "[interop][after-handshake]") {
  for (const char* version : {"2", "3"}) {
    CAPTURE(version);
    const auto port = test::free_port();
    test::Background server({"python3", SIPMTLS_INTEROP_DIR "/inject_alert.py", std::to_string(port),
                             test::manifest().path("."), version},
                            "/tmp/sipmtls-inject-" + std::to_string(port) + ".log");
    REQUIRE(test::wait_for_port(port, 5));
    const auto r = test::connect_as("a-rsa", port, std::string("1.") + version, true, 3);
    CHECK(r.verdict == report::Verdict::Fail);
    CHECK(has_message(r, FindingCode::TlsHandshakeFailed, "unencrypted alert handshake_failure (40)"));
    CHECK_FALSE(mentions(r, "no common cipher suite"));
  }
}

TEST_CASE("a TLS 1.2 renegotiation the server asks for is named as such", "[interop][openssl][after-handshake]") {
  // openssl s_server's "R" command: renegotiate, asking for a client certificate this time.
  test::SServer server({"-tls1_2", "-CAfile", tc("pki/root-ca.pem")}, "sleep 3.5; printf 'R\\n'; sleep 6");
  const auto r = test::connect_as("a-rsa", server.port, "1.2", true, 7);
  CHECK(has_message(r, FindingCode::TlsHandshakeFailed, "asked to renegotiate"));
  CHECK_FALSE(mentions(r, "no common cipher suite"));
}
