// SPDX-License-Identifier: MIT
// GnuTLS (Debian's gnutls-bin) as the real peer, in both roles and on both TLS versions:
// gnutls-serv for connect, gnutls-cli for listen. GnuTLS names a certificate it cannot verify
// with access_denied (server) or bad_certificate (client): the verdict must still say that the
// peer refused our certificate, and why (issue 20, item 5).
#include <catch2/catch_test_macros.hpp>

#include <fstream>
#include <thread>

#include "../support/loopback.hpp"
#include "../support/process.hpp"
#include "../support/roles.hpp"
#include "peers.hpp"

using namespace sipmtls;
using test::has;
using test::tc;

namespace {

void need_gnutls() {
  if (!test::have_program("gnutls-serv") || !test::have_program("gnutls-cli")) {
    SKIP("gnutls-bin is not installed (scripts/bootstrap installs it)");
  }
}

/// A certificate file with the case's certificate followed by the issuing CA (GnuTLS sends the
/// chain it is given in one file).
std::string with_chain(const std::string& id) {
  const std::string path = "/tmp/sipmtls-gnutls-" + id + "-" + std::to_string(::getpid()) + ".pem";
  std::ofstream out(path);
  std::ifstream leaf(tc("cases/" + id + ".pem")), ca(tc("pki/issuing-ca.pem"));
  out << leaf.rdbuf() << ca.rdbuf();
  return path;
}

/// gnutls-serv with B's certificate, verifying client certificates against the test root.
struct GServer {
  GServer() : port(test::free_port()) {
    process = std::make_unique<test::Background>(
        std::vector<std::string>{"gnutls-serv", "--echo", "-p", std::to_string(port), "--x509certfile",
                                 with_chain("b-rsa"), "--x509keyfile", tc("cases/b-rsa.key"), "--x509cafile",
                                 tc("pki/root-ca.pem"), "--verify-client-cert"},
        "/tmp/sipmtls-gnutls-serv-" + std::to_string(port) + ".log");
    REQUIRE(test::wait_for_port(port, 5));
  }
  std::uint16_t port;
  std::unique_ptr<test::Background> process;
};

bool has_our(const report::CheckResult& r, FindingCode code) {
  for (const auto& f : r.findings) {
    if (f.code == code && f.subject.starts_with("our ")) return true;
  }
  return false;
}

/// gnutls-cli with a certificate (or none) against a listener on `port`, sending one OPTIONS;
/// what it printed.
std::string gnutls_cli(std::uint16_t port, const std::string& id, const std::string& tls) {
  const std::string priority = tls == "1.2" ? "NORMAL:-VERS-ALL:+VERS-TLS1.2" : "NORMAL:-VERS-ALL:+VERS-TLS1.3";
  const std::string request =
      "printf 'OPTIONS sip:sip-b.contoso.test SIP/2.0\\r\\nVia: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK-g1\\r\\n"
      "From: <sip:a@sip-a.contoso.test>;tag=1\\r\\nTo: <sip:sip-b.contoso.test>\\r\\nCall-ID: gnutls-1\\r\\n"
      "CSeq: 1 OPTIONS\\r\\nContent-Length: 0\\r\\n\\r\\n'";
  std::string cmd = "(" + request + "; sleep 1) | gnutls-cli --port " + std::to_string(port) + " --priority " +
                    priority + " --x509cafile " + tc("pki/root-ca.pem") +
                    " --sni-hostname sip-b.contoso.test --verify-hostname sip-b.contoso.test";
  if (!id.empty()) cmd += " --x509certfile " + with_chain(id) + " --x509keyfile " + tc("cases/" + id + ".key");
  return test::shell_output(cmd + " 127.0.0.1 2>&1");
}

/// A listener with `server_id`'s certificate for one connection, and gnutls-cli as `client_id`.
report::CheckResult listen_for_gnutls(const std::string& server_id, const std::string& client_id,
                                      const std::string& tls, std::string& client_output) {
  app::ListenOptions o = test::listen_as_b();
  o.identity.cert_path = tc("cases/" + server_id + ".pem");
  o.identity.key_path = tc("cases/" + server_id + ".key");
  o.identity.chain = {tc("pki/issuing-ca.pem")};
  o.count = 1;
  o.tls = tls;
  std::thread thread;
  Result<std::vector<report::CheckResult>> served = internal_error("not run");
  const auto port = test::start_listener(o, thread, served);
  client_output = gnutls_cli(port, client_id, tls);
  thread.join();
  REQUIRE(served.ok());
  REQUIRE(served->size() == 1);
  return served->front();
}

}  // namespace

TEST_CASE("connect to gnutls-serv verifying client certificates", "[interop][gnutls]") {
  need_gnutls();
  GServer server;
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    const auto good = test::connect_as("a-rsa", server.port, tls, false);
    CHECK(test::error_codes(good).empty());
    REQUIRE(good.tls);
    CHECK(good.tls->version == std::string("TLS ") + tls);
    CHECK(good.tls->certificate_requested);
    CHECK(good.peer->chain == "trusted");
    // GnuTLS refuses an expired or untrusted client certificate with access_denied (49), and logs
    // "Error in the certificate": a rejection of our certificate, not of this server.
    for (const char* id : {"expired", "untrusted-root"}) {
      CAPTURE(id);
      const auto r = test::connect_as(id, server.port, tls, false);
      CHECK(r.verdict == report::Verdict::Fail);
      CHECK(has(r, FindingCode::PeerRejectedOurCert));
      CHECK(r.tls->alert_received == "access_denied (49)");
      CHECK_FALSE(test::mentions(r, "refuses this server"));
      CHECK(has_our(r, std::string(id) == "expired" ? FindingCode::CertExpired : FindingCode::ChainUntrustedRoot));
    }
  }
}

TEST_CASE("gnutls-cli against listen: SIP over mutual TLS, and its refusal of our certificate", "[interop][gnutls]") {
  need_gnutls();
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    std::string out;
    const auto good = listen_for_gnutls("b-rsa", "a-rsa", tls, out);
    CHECK(good.verdict == report::Verdict::Pass);
    CHECK((good.sip && good.sip->status == 200));
    CHECK(out.find("SIP/2.0 200 OK") != std::string::npos);
    REQUIRE(good.tls);
    CHECK(good.tls->version == std::string("TLS ") + tls);

    // Our expired server certificate: gnutls-cli sends bad_certificate (42); our own errors say why.
    const auto refused = listen_for_gnutls("expired", "a-rsa", tls, out);
    CHECK(out.find("verification of server certificate failed") != std::string::npos);
    CHECK(has(refused, FindingCode::PeerRejectedOurCert));
    CHECK(has_our(refused, FindingCode::CertExpired));
    CHECK(test::mentions(refused, "has errors"));

    // A client certificate from a CA we do not trust: our verdict on it.
    const auto rogue = listen_for_gnutls("b-rsa", "untrusted-root", tls, out);
    CHECK(rogue.verdict == report::Verdict::Fail);
    CHECK((has(rogue, FindingCode::ChainUntrustedRoot) || has(rogue, FindingCode::ChainIncomplete)));
  }
}
