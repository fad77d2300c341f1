// SPDX-License-Identifier: MIT
// From what the wire showed to the finding and its cause.
#include <catch2/catch_test_macros.hpp>

#include "app/diagnose.hpp"
#include "tls/session.hpp"

using namespace sipmtls;
using namespace sipmtls::app;

namespace {

FailureFacts facts() {
  FailureFacts f;
  f.peer = "sip-b (127.0.0.1:5061)";
  f.rc = -0x7780;  // fatal alert
  f.timeout_s = 10;
  return f;
}

}  // namespace

TEST_CASE("alerts against our certificate are PEER_REJECTED_OUR_CERT with their cause", "[diagnose]") {
  for (int alert : {42, 43, 44, 45, 46, 48, 49, 116}) {
    CAPTURE(alert);
    auto f = facts();
    f.received = tls::Alert{2, static_cast<std::uint8_t>(alert)};
    f.sent_our_certificate = true;
    const auto out = diagnose(f);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == FindingCode::PeerRejectedOurCert);
    CHECK(out[0].message.find(tls::alert_name(alert)) != std::string::npos);
  }
  auto f = facts();
  f.received = tls::Alert{2, 48};
  CHECK(diagnose(f)[0].remediation.find("Trusted Root") != std::string::npos);
}

// Issue 20 item 5: GnuTLS answers a client certificate it cannot verify with access_denied, and
// as a client a server certificate with bad_certificate; OpenSSL may say handshake_failure.
TEST_CASE("an alert that names no reason is read by the handshake state and our own certificate's errors",
          "[diagnose]") {
  for (int alert : {40, 42, 46, 49}) {
    CAPTURE(alert);
    auto f = facts();
    f.received = tls::Alert{2, static_cast<std::uint8_t>(alert)};
    f.sent_our_certificate = true;
    f.our_certificate_has_errors = true;
    auto out = diagnose(f);
    REQUIRE(out.size() == 1);
    CHECK(out[0].code == FindingCode::PeerRejectedOurCert);
    CHECK(out[0].message.find("has errors") != std::string::npos);
    CHECK(out[0].message.find("refuses this server") == std::string::npos);
  }
  auto f = facts();
  f.received = tls::Alert{2, 49};
  f.sent_our_certificate = true;  // a certificate without errors: access control, as RFC 8446 says
  CHECK(diagnose(f)[0].message.find("refuses this server") != std::string::npos);
  f.sent_our_certificate = false;  // before our certificate: not about it at all
  f.our_certificate_has_errors = true;
  CHECK(diagnose(f)[0].code == FindingCode::TlsHandshakeFailed);
  CHECK(diagnose(f)[0].message.find("before it had our certificate") != std::string::npos);
  f.received = tls::Alert{2, 45};  // a specific alert keeps its own cause
  f.sent_our_certificate = true;
  CHECK(diagnose(f)[0].message.find("expired") != std::string::npos);
}

TEST_CASE("other alerts are a failed handshake, protocol_version is legacy TLS", "[diagnose]") {
  auto f = facts();
  f.received = tls::Alert{2, 40};
  CHECK(diagnose(f)[0].code == FindingCode::TlsHandshakeFailed);
  f.received = tls::Alert{2, 70};
  f.transcript.client_hello = tls::ClientHelloFacts{0x0303, {0x0304, 0x0303}, {}, ""};
  CHECK(diagnose(f)[0].code == FindingCode::TlsProtocolLegacy);
  f.transcript.client_hello->versions = {0x0304};  // we offered 1.3 only: not the peer's age
  CHECK(diagnose(f)[0].code == FindingCode::TlsHandshakeFailed);
}

TEST_CASE("cleartext, timeouts, old versions and closed connections", "[diagnose]") {
  auto f = facts();
  f.transcript.not_tls = "SIP/2.0 400 Bad Request";
  CHECK(diagnose(f)[0].code == FindingCode::NotTls);
  f = facts();
  f.rc = tls::kTimedOut;
  CHECK(diagnose(f)[0].code == FindingCode::Timeout);
  f = facts();
  f.transcript.server_hello = tls::ServerHelloFacts{0x0301, 0x002f, false};
  CHECK(diagnose(f)[0].code == FindingCode::TlsProtocolLegacy);
  f = facts();
  f.we_are_client = false;
  f.transcript.client_hello = tls::ClientHelloFacts{0x0301, {0x0301}, {}, ""};
  CHECK(diagnose(f)[0].code == FindingCode::TlsProtocolLegacy);
  f = facts();
  f.rc = tls::end_of_stream_code();
  f.phase = Phase::FirstExchange;
  const auto closed = diagnose(f);
  CHECK(closed[0].code == FindingCode::TlsHandshakeFailed);
  CHECK(closed[0].message.find("TLS 1.3") != std::string::npos);
}

TEST_CASE("a close reported by the transport is named once, not twice", "[diagnose]") {
  auto f = facts();
  f.rc = tls::end_of_stream_code();
  f.transport_error = "the peer closed the connection";
  const auto out = diagnose(f);
  REQUIRE_FALSE(out.empty());
  CHECK(out[0].message.find("the peer closed the connection (the peer closed the connection)") == std::string::npos);
  f.transport_error = "connection reset by peer";
  CHECK(diagnose(f)[0].message.find("(connection reset by peer)") != std::string::npos);
}

TEST_CASE("every mbedTLS code reads as a sentence and never as library text", "[diagnose][words]") {
  std::vector<int> codes = {tls::kTimedOut, -0x4380, -0x4E00, -0x3900, -0x7180 - 0x43};
  for (int c = 0x1000; c <= 0x7F80; c += 0x80) codes.push_back(-c);
  for (int c = 0x2080; c <= 0x3000; c += 0x80) codes.push_back(-c - 0x21);  // X.509 with a low-level part
  for (int code : codes) {
    const std::string text = tls::error_text(code);
    CAPTURE(code, text);
    CHECK_FALSE(text.empty());
    for (const char* library : {"SSL - ", "X509 - ", "PK - ", "RSA - ", "ECP - ", "UNKNOWN ERROR", "HIGH LEVEL"}) {
      CHECK(text.find(library) == std::string::npos);
    }
  }
  CHECK(tls::error_text(-0x7180).find("integrity check failed") != std::string::npos);
  CHECK(tls::error_text(-0x4380).find("signature did not verify") != std::string::npos);
}
