// SPDX-License-Identifier: MIT
// OpenSSL as the real peer: `openssl s_server` for connect, `openssl s_client` for listen.
#include <catch2/catch_test_macros.hpp>

#include <thread>

#include "../support/loopback.hpp"
#include "../support/manifest.hpp"
#include "../support/process.hpp"
#include "../support/roles.hpp"
#include "peers.hpp"

using namespace sipmtls;

namespace {

using test::tc;
using test::has;
using test::SServer;
using test::connect_as;
using test::listen_as_b;

/// A shell command that prints one SIP OPTIONS request.
std::string printf_options() {
  return "printf 'OPTIONS sip:sip-b.contoso.test SIP/2.0\\r\\nVia: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK-1\\r\\n"
         "From: <sip:a@sip-a.contoso.test>;tag=1\\r\\nTo: <sip:sip-b.contoso.test>\\r\\nCall-ID: interop-1\\r\\n"
         "CSeq: 1 OPTIONS\\r\\nContent-Length: 0\\r\\n\\r\\n'";
}

/// openssl s_client with A's certificate, fed by `input` (a shell command); what it printed.
std::string s_client_as_a(std::uint16_t port, const std::string& input) {
  return test::shell_output("(" + input + ") | openssl s_client -connect 127.0.0.1:" + std::to_string(port) +
                            " -CAfile " + tc("pki/root-ca.pem") + " -quiet -no_ign_eof -cert " +
                            tc("cases/a-rsa.pem") + " -key " + tc("cases/a-rsa.key") + " -cert_chain " +
                            tc("pki/issuing-ca.pem") + " 2>&1");
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

// Issue 20 item 3: a peer that keeps its connection and sends keepalive OPTIONS (a dispatcher's
// probes) must not hold a listener whose --count or --timeout is reached.
TEST_CASE("a listener that has its count or duration answers a keepalive client once and closes",
          "[interop][openssl]") {
  const std::string keepalives = "for i in $(seq 20); do " + printf_options() + "; sleep 0.3; done";
  for (const bool by_count : {true, false}) {
    CAPTURE(by_count);
    app::ListenOptions o = listen_as_b();
    if (by_count) {
      o.count = 1;
    } else {
      o.duration_s = 1;
    }
    std::thread thread;
    Result<std::vector<report::CheckResult>> served = internal_error("not run");
    const auto port = test::start_listener(o, thread, served);
    const std::string out = s_client_as_a(port, keepalives);
    thread.join();
    REQUIRE(served.ok());
    REQUIRE(served->size() == 1);
    CHECK(served->front().verdict == report::Verdict::Pass);
    // 20 requests were sent over 6 s; a listener done after one connection answers the first
    // (by count) or those of its first second (by duration), then closes.
    const auto answered = count_of(out, "SIP/2.0 200 OK");
    CHECK(answered >= 1);
    CHECK(answered <= (by_count ? 1u : 6u));
  }
}

// Issue 14 item 6: a TLS 1.3 KeyUpdate (OpenSSL's "k" command) is legal TLS mbedTLS 3.6 cannot
// take; the report must say the connection ended there for that, not pass it in silence.
TEST_CASE("a KeyUpdate from either peer is reported as the limit that ended the connection", "[interop][openssl]") {
  auto key_update_warning = [](const report::CheckResult& r) {
    for (const auto& f : r.findings) {
      if (f.code == FindingCode::NotChecked && f.severity == Severity::Warning &&
          f.message.find("KeyUpdate") != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  // openssl s_client sends it to our listener.
  app::ListenOptions o = listen_as_b();
  o.count = 1;
  o.tls = "1.3";
  std::thread thread;
  Result<std::vector<report::CheckResult>> served = internal_error("not run");
  const auto port = test::start_listener(o, thread, served);
  (void)test::shell_output("(sleep 0.5; printf 'k\\n'; sleep 1) | openssl s_client -connect 127.0.0.1:" +
                           std::to_string(port) + " -CAfile " + tc("pki/root-ca.pem") + " -cert " +
                           tc("cases/a-rsa.pem") + " -key " + tc("cases/a-rsa.key") + " -cert_chain " +
                           tc("pki/issuing-ca.pem") + " >/dev/null 2>&1");
  thread.join();
  REQUIRE(served.ok());
  REQUIRE(served->size() == 1);
  CHECK(key_update_warning(served->front()));
  // openssl s_server sends it to connect, while connect waits for the answer to OPTIONS.
  SServer server({"-Verify", "2", "-CAfile", tc("pki/root-ca.pem")}, "sleep 2.5; printf 'k\\n'; sleep 4");
  CHECK(key_update_warning(connect_as("a-rsa", server.port, "1.3", true, 6)));
}

TEST_CASE("connect to openssl s_server requiring client certificates", "[interop][openssl]") {
  SServer server({"-Verify", "2", "-verify_return_error", "-CAfile", tc("pki/root-ca.pem")});
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    const auto r = connect_as("a-rsa", server.port, tls, false);
    CHECK(test::error_codes(r).empty());
    REQUIRE(r.tls);
    CHECK(r.tls->version == std::string("TLS ") + tls);
    CHECK(r.tls->certificate_requested);
    CHECK(r.peer->chain == "trusted");
  }
  // TLS 1.2 shows the CA names OpenSSL sends (its -CAfile).
  const auto r12 = connect_as("a-rsa", server.port, "1.2", false);
  REQUIRE(r12.tls);
  REQUIRE(r12.tls->peer_ca_list.size() == 1);
  CHECK(r12.tls->peer_ca_list[0].find("Contoso Test Root CA") != std::string::npos);
  // A certificate from a CA the server does not list or trust.
  const auto rogue = connect_as("untrusted-root", server.port, "1.2", false);
  CHECK(has(rogue, FindingCode::PeerRejectedOurCert));
  CHECK(has(rogue, FindingCode::IssuerNotInCaList));
  CHECK(rogue.tls->alert_received == "unknown_ca (48)");
}

TEST_CASE("with TLS 1.3 s_server's rejection shows on the first read, and connect still names it",
          "[interop][openssl]") {
  SServer server({"-Verify", "2", "-verify_return_error", "-CAfile", tc("pki/root-ca.pem")});
  const auto r = connect_as("untrusted-root", server.port, "1.3", true);
  CHECK(has(r, FindingCode::PeerRejectedOurCert));
  CHECK(r.tls->alert_received == "unknown_ca (48)");
  CHECK_FALSE(r.verdict == report::Verdict::Pass);
}

// Issue 20: with TLS 1.3 and no OPTIONS the handshake completes before the server judges us; the
// check must still see its alert (and not say PASS), and see the session ticket when it accepts.
TEST_CASE("with TLS 1.3 and no OPTIONS a server's rejection is still read and its acceptance too",
          "[interop][openssl]") {
  SServer server({"-Verify", "2", "-verify_return_error", "-CAfile", tc("pki/root-ca.pem")});
  for (const char* id : {"untrusted-root", "expired", "server-auth-only"}) {
    CAPTURE(id);
    const auto r = connect_as(id, server.port, "1.3", false);
    if (std::string(id) == "server-auth-only") {
      // OpenSSL's default purpose check for a client certificate wants clientAuth.
      CHECK(has(r, FindingCode::PeerRejectedOurCert));
    } else {
      CHECK(has(r, FindingCode::PeerRejectedOurCert));
      CHECK_FALSE(r.tls->alert_received.empty());
    }
    CHECK(r.verdict == report::Verdict::Fail);
  }
  const auto good = connect_as("a-rsa", server.port, "1.3", false);
  CHECK(test::error_codes(good).empty());
  for (const auto& f : good.findings) CHECK(f.code != FindingCode::NotChecked);  // the ticket was seen
}

TEST_CASE("a server that never asks for a client certificate is PEER_DID_NOT_REQUEST_CERT", "[interop][openssl]") {
  SServer server({});
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    const auto r = connect_as("a-rsa", server.port, tls, false);
    CHECK(has(r, FindingCode::PeerDidNotRequestCert));
    CHECK_FALSE(r.tls->certificate_requested);
  }
}

// Issue 20: offering only TLS 1.2 to a TLS 1.3-only server is a mismatch, not a legacy peer.
TEST_CASE("offering only TLS 1.2 to a server that speaks only TLS 1.3 is no legacy peer", "[interop][openssl]") {
  SServer server({"-tls1_3", "-Verify", "2", "-CAfile", tc("pki/root-ca.pem")});
  const auto r = connect_as("a-rsa", server.port, "1.2", false);
  CHECK_FALSE(has(r, FindingCode::TlsProtocolLegacy));
  CHECK(has(r, FindingCode::TlsHandshakeFailed));
  const auto auto_version = connect_as("a-rsa", server.port, "auto", false);
  CHECK(test::error_codes(auto_version).empty());
}

// Issue 20 item 8: mbedTLS signs a TLS 1.2 CertificateVerify with PKCS#1 v1.5 only; a server that
// takes only RSA-PSS from clients fails it, and the finding must say that the limit is ours.
TEST_CASE("a TLS 1.2 server taking only RSA-PSS client signatures is named with --tls 1.3 as the way",
          "[interop][openssl]") {
  SServer server({"-Verify", "2", "-CAfile", tc("pki/root-ca.pem"), "-client_sigalgs",
                  "rsa_pss_rsae_sha256:rsa_pss_rsae_sha384"});
  const auto r = connect_as("a-rsa", server.port, "1.2", false);
  bool named = false;
  for (const auto& f : r.findings) {
    named |= f.code == FindingCode::TlsHandshakeFailed && f.message.find("RSA-PSS") != std::string::npos &&
             f.remediation.find("--tls 1.3") != std::string::npos;
  }
  CHECK(named);
  CHECK(test::error_codes(connect_as("a-rsa", server.port, "1.3", false)).empty());
  // An ECDSA client signs as the server asks: no RSA-PSS finding (the server then refuses the
  // scheme it did not offer, which is not this case).
  const auto ec = connect_as("a-ecdsa", server.port, "1.2", false);
  for (const auto& f : ec.findings) CHECK(f.message.find("RSA-PSS") == std::string::npos);
}

TEST_CASE("a server that speaks only TLS 1.0 is TLS_PROTOCOL_LEGACY", "[interop][openssl]") {
  SServer server({"-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"});
  const auto r = connect_as("a-rsa", server.port, "auto", false);
  CHECK(has(r, FindingCode::TlsProtocolLegacy));
}

TEST_CASE("openssl s_client against listen: SIP over mutual TLS, no certificate, rejected certificate",
          "[interop][openssl]") {
  app::ListenOptions o = listen_as_b();
  o.count = 3;
  o.strict = true;
  std::thread thread;
  Result<std::vector<report::CheckResult>> served = internal_error("not run");
  const auto port = test::start_listener(o, thread, served);
  const std::string options = printf_options();
  const std::string connect = " openssl s_client -connect 127.0.0.1:" + std::to_string(port) +
                              " -CAfile " + tc("pki/root-ca.pem") + " -quiet -no_ign_eof";
  const std::string good = test::shell_output("(" + options + "; sleep 1) |" + connect + " -cert " +
                                              tc("cases/a-rsa.pem") + " -key " + tc("cases/a-rsa.key") +
                                              " -cert_chain " + tc("pki/issuing-ca.pem"));
  CHECK(good.find("SIP/2.0 200 OK") != std::string::npos);
  const std::string none = test::shell_output("(sleep 1) |" + connect);
  const std::string rogue = test::shell_output("(sleep 1) |" + connect + " -tls1_2 -cert " +
                                               tc("cases/untrusted-root.pem") + " -key " +
                                               tc("cases/untrusted-root.key"));
  CHECK(rogue.find("unknown ca") != std::string::npos);
  thread.join();
  REQUIRE(served.ok());
  REQUIRE(served->size() == 3);
  const auto& reports = served.value();
  CHECK(reports[0].verdict == report::Verdict::Pass);
  CHECK((reports[0].sip && reports[0].sip->status == 200));
  CHECK(has(reports[1], FindingCode::PeerSentNoCert));
  CHECK(has(reports[2], FindingCode::ChainIncomplete));  // s_client sends the leaf only: its root is unknown here
  CHECK(reports[2].tls->alert_sent == "unknown_ca (48)");
}

// Issue 19 item 4: an established TLS 1.3 server connection drops its handshake state and sends
// records of at most 2 KiB. A client that offers resumption (s_client does) leaves the server one
// step short of the end of the handshake: the connection must still answer after a pause, and an
// answer longer than one record must arrive whole.
TEST_CASE("listen answers a resuming TLS 1.3 client after a pause and sends long answers whole",
          "[interop][openssl]") {
  app::ListenOptions o = listen_as_b();
  o.count = 2;  // one client answered once and closed would be the listener being done: a second ends it
  std::thread thread;
  Result<std::vector<report::CheckResult>> served = internal_error("not run");
  const auto port = test::start_listener(o, thread, served);
  // The second request carries 60 Via headers, which the answer repeats: about 4.5 KB.
  std::string vias;
  for (int i = 0; i < 60; ++i) {
    vias += "Via: SIP/2.0/TLS proxy" + std::to_string(i) + ".contoso.test:5061;branch=z9hG4bK-long-" +
            std::to_string(i) + "\\r\\n";
  }
  const std::string long_options =
      "printf 'OPTIONS sip:sip-b.contoso.test SIP/2.0\\r\\n" + vias +
      "From: <sip:a@sip-a.contoso.test>;tag=2\\r\\nTo: <sip:sip-b.contoso.test>\\r\\nCall-ID: interop-2\\r\\n"
      "CSeq: 2 OPTIONS\\r\\nContent-Length: 0\\r\\n\\r\\n'";
  const std::string out =
      test::shell_output("(sleep 1; " + printf_options() + "; sleep 0.5; " + long_options + "; sleep 1) | openssl s_client"
                         " -tls1_3 -quiet -no_ign_eof -connect 127.0.0.1:" + std::to_string(port) + " -CAfile " +
                         tc("pki/root-ca.pem") + " -cert " + tc("cases/a-rsa.pem") + " -key " + tc("cases/a-rsa.key") +
                         " -cert_chain " + tc("pki/issuing-ca.pem") + " 2>/dev/null");
  CHECK(count_of(out, "SIP/2.0 200 OK") == 2);
  CHECK(count_of(out, "branch=z9hG4bK-long-") == 60);
  const auto second = out.find("CSeq: 2 OPTIONS");
  REQUIRE(second != std::string::npos);
  CHECK(out.size() - out.rfind("SIP/2.0 200 OK") > 4096);  // more than two 2 KiB records
  (void)test::shell_output("(sleep 0.3) | openssl s_client -quiet -connect 127.0.0.1:" + std::to_string(port) +
                           " -CAfile " + tc("pki/root-ca.pem") + " 2>&1");
  thread.join();
  REQUIRE(served.ok());
  REQUIRE(served->size() == 2);
  CHECK(served->front().verdict == report::Verdict::Pass);
  CHECK(served->front().tls->version == "TLS 1.3");
}

namespace {

/// Cases OpenSSL can serve from files: PEM certificate and a separate key that fits it.
bool openssl_can_present(const test::ManifestCase& c) {
  return c.cert.ends_with(".pem") && !c.key.empty() && c.id != "key-mismatch";
}

std::string openssl_identity(const test::Manifest& m, const test::ManifestCase& c) {
  // -cert loads the leaf, -cert_chain the CAs after it; seclevel 0 lets OpenSSL present the
  // weak-key and SHA-1 cases at all.
  std::string args = " -cert " + m.path(c.cert) + " -cert_chain " + m.path(c.cert) + " -key " + m.path(c.key) +
                     " -cipher DEFAULT:@SECLEVEL=0";
  if (c.id == "encrypted-pkcs8") args += " -pass env:" + m.password_env;
  return args;
}

}  // namespace

TEST_CASE("connect judges every manifest case served by openssl s_server", "[interop][openssl][corpus]") {
  const test::Manifest& m = test::manifest();
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
  int served = 0;
  for (const auto& c : m.cases) {
    if (!openssl_can_present(c)) continue;
    CAPTURE(c.id);
    const auto port = test::free_port();
    const std::string identity = openssl_identity(m, c);
    std::vector<std::string> argv{"sh", "-c", "exec openssl s_server -accept 127.0.0.1:" + std::to_string(port) +
                                                  identity + " -Verify 2 -CAfile " + tc("pki/root-ca.pem") + " -quiet"};
    test::Background server(argv, "/tmp/sipmtls-s_server-case.log");
    REQUIRE(test::wait_for_port(port, 5));
    app::ConnectOptions o;
    o.identity = test::judging(m, test::find_case(m, "a-rsa"), c);
    o.target = "127.0.0.1:" + std::to_string(port);
    o.names = c.fqdn;
    o.tls = "1.2";
    o.sip_options = false;
    o.timeout_s = 3;
    o.at = cert::parse_time(m.at);
    auto r = app::run_connect(o);
    REQUIRE(r.ok());
    CHECK(test::error_codes(r.value()) == test::expected_errors(c, "ocs", true));
    ++served;
  }
  CHECK(served >= 35);
}

TEST_CASE("listen judges every manifest case presented by openssl s_client", "[interop][openssl][corpus]") {
  const test::Manifest& m = test::manifest();
  ::setenv(m.password_env.c_str(), m.password.c_str(), 1);
  int presented = 0;
  for (const auto& c : m.cases) {
    if (!openssl_can_present(c)) continue;
    CAPTURE(c.id);
    app::ListenOptions o;
    o.identity = test::judging(m, test::find_case(m, "b-rsa"), c);
    std::string names;
    for (const auto& n : c.fqdn) names += (names.empty() ? "" : ",") + n;
    o.expect_names = {names};
    o.count = 1;
    o.timeout_s = 3;
    o.at = cert::parse_time(m.at);
    std::thread thread;
    Result<std::vector<report::CheckResult>> result = internal_error("not run");
    const auto port = test::start_listener(o, thread, result);
    (void)test::shell_output("openssl s_client -connect 127.0.0.1:" + std::to_string(port) + openssl_identity(m, c) +
                             " -CAfile " + tc("pki/root-ca.pem") + " -no_ign_eof </dev/null");
    thread.join();
    REQUIRE(result.ok());
    REQUIRE(result->size() == 1);
    CHECK(test::error_codes(result->front()) == test::expected_errors(c, "ocs", false));
    ++presented;
  }
  CHECK(presented >= 35);
}
