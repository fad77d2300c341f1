// SPDX-License-Identifier: MIT
// The server's CA list as real servers send it (issue 20 items 2 and 9): read on TLS 1.2 and on
// TLS 1.3 (certificate_authorities, encrypted), and a CertificateRequest over 16 KB, which a
// server trusting hundreds of CAs sends, diagnosed instead of "Bad input parameters".
#include <catch2/catch_test_macros.hpp>

#include <mbedtls/base64.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "../support/loopback.hpp"
#include "../support/process.hpp"
#include "peers.hpp"

using namespace sipmtls;
using test::connect_as;
using test::has;
using test::has_message;
using test::tc;

namespace {

/// A CA file with every PKITS certificate (NIST's, 400 distinct names) and our test root last:
/// a trust store whose CA names take about 40 KB, as a server trusting hundreds of roots has.
std::string large_ca_file() {
  const std::string path = "/tmp/sipmtls-large-ca-" + std::to_string(::getpid()) + ".pem";
  std::ofstream out(path);
  std::size_t written = 0;
  for (const auto& e : std::filesystem::directory_iterator(SIPMTLS_PKITS_DATA "/certs")) {
    std::ifstream in(e.path(), std::ios::binary);
    const std::string der((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string b64(der.size() * 2 + 8, '\0');
    std::size_t len = 0;
    REQUIRE(mbedtls_base64_encode(reinterpret_cast<unsigned char*>(b64.data()), b64.size(), &len,
                                  reinterpret_cast<const unsigned char*>(der.data()), der.size()) == 0);
    out << "-----BEGIN CERTIFICATE-----\n";
    for (std::size_t i = 0; i < len; i += 64) out << b64.substr(i, std::min<std::size_t>(64, len - i)) << '\n';
    out << "-----END CERTIFICATE-----\n";
    ++written;
  }
  std::ifstream root(tc("pki/root-ca.pem"));
  out << root.rdbuf();
  REQUIRE(written > 300);
  return path;
}

}  // namespace

TEST_CASE("the server's CA list is read on TLS 1.2 and from TLS 1.3's certificate_authorities",
          "[interop][openssl][ca-list]") {
  test::SServer server({"-Verify", "2", "-CAfile", tc("pki/root-ca.pem")});
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    const auto good = connect_as("a-rsa", server.port, tls, false);
    REQUIRE(good.tls);
    CHECK(good.tls->version == std::string("TLS ") + tls);
    REQUIRE(good.tls->peer_ca_list.size() == 1);
    CHECK(good.tls->peer_ca_list[0].find("Contoso Test Root CA") != std::string::npos);
    CHECK(good.tls->peer_ca_list_bytes > 0);
    CHECK_FALSE(has(good, FindingCode::IssuerNotInCaList));
    // A certificate from a CA the list does not name: ISSUER_NOT_IN_CA_LIST on either version.
    const auto rogue = connect_as("untrusted-root", server.port, tls, false);
    CHECK(has(rogue, FindingCode::IssuerNotInCaList));
  }
}

TEST_CASE("a CertificateRequest over 16 KB is diagnosed as the server's oversized CA list",
          "[interop][openssl][ca-list]") {
  const std::string cafile = large_ca_file();
  test::SServer server({"-Verify", "2", "-CAfile", cafile});
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    const auto r = connect_as("a-rsa", server.port, tls, false);
    CHECK(r.verdict == report::Verdict::Fail);
    CHECK(has_message(r, FindingCode::TlsHandshakeFailed, "CertificateRequest is"));
    bool fix_cites_kb = false;
    for (const auto& f : r.findings) fix_cites_kb |= f.remediation.find("KB 2464556") != std::string::npos;
    CHECK(fix_cites_kb);
    // The whole list was read: its size, every name, and our root among them.
    REQUIRE(r.tls);
    CHECK(r.tls->peer_ca_list_bytes > 16384);
    CHECK(r.tls->peer_ca_list.size() > 300);
    CHECK_FALSE(has(r, FindingCode::IssuerNotInCaList));
    // mbedTLS's own error text is not the diagnosis.
    for (const auto& f : r.findings) CHECK(f.message.find("Bad input parameters") == std::string::npos);
  }
  std::filesystem::remove(cafile);
}

// The listener cannot send certificate_authorities on TLS 1.3 (mbedTLS 3.6): a client without a
// certificate is told so there, and not on TLS 1.2, where the list goes out.
TEST_CASE("a listener's no-certificate finding says when it sent no CA list (TLS 1.3)", "[interop][openssl][ca-list]") {
  for (const char* tls : {"1.2", "1.3"}) {
    CAPTURE(tls);
    app::ListenOptions o = test::listen_as_b();
    o.count = 1;
    o.tls = tls;
    std::thread thread;
    Result<std::vector<report::CheckResult>> served = internal_error("not run");
    const auto port = test::start_listener(o, thread, served);
    (void)test::shell_output("sleep 0.5 | openssl s_client -connect 127.0.0.1:" + std::to_string(port) + " -CAfile " +
                             tc("pki/root-ca.pem") + " -quiet 2>&1");
    thread.join();
    REQUIRE(served.ok());
    REQUIRE(served->size() == 1);
    const auto& r = served->front();
    CHECK(has(r, FindingCode::PeerSentNoCert));
    CHECK(has_message(r, FindingCode::PeerSentNoCert, "certificate_authorities") == (std::string(tls) == "1.3"));
  }
}
