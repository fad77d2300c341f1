// SPDX-License-Identifier: MIT
// Servers that misbehave after (or while) the TLS handshake: a malformed or oversized SIP answer,
// a flood of provisional answers, an answer or a handshake trickled a byte at a time. connect
// ends each within its deadline with the finding that names it.
#include <catch2/catch_test_macros.hpp>

#include <asio.hpp>

#include <functional>
#include <thread>

#include "../support/manifest.hpp"
#include "../support/roles.hpp"
#include "net/link.hpp"
#include "sipmtls/app/connect.hpp"
#include "tls/config.hpp"
#include "tls/session.hpp"

using namespace sipmtls;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

/// A TLS server (server B's certificate) for one connection: it completes the handshake, reads
/// the OPTIONS request, then runs `behave`.
class TlsServer {
 public:
  using Behaviour = std::function<asio::awaitable<void>(tls::Session&, asio::steady_timer&)>;

  explicit TlsServer(Behaviour behave) : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    const auto b = test::identity_of("b-rsa");
    auto cert = cert::load_certificate_file(b.cert_path, {});
    auto key = cert::load_private_key(b.key_path, {});
    auto trust = cert::load_certificates(b.ca);
    REQUIRE(cert.ok());
    REQUIRE(key.ok());
    REQUIRE(trust.ok());
    auto config = tls::Config::make({true, tls::Versions::Auto, false, cert->certs,
                                     std::make_shared<cert::PrivateKey>(std::move(key.value())), trust.value(),
                                     nullptr});
    REQUIRE(config.ok());
    thread_ = std::thread([this, behave, config = config.value()] {
      asio::co_spawn(io_, serve(config, behave), asio::detached);
      io_.run();
    });
  }
  ~TlsServer() { thread_.join(); }
  std::string target() const { return "127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }

 private:
  asio::awaitable<void> serve(std::shared_ptr<const tls::Config> config, Behaviour behave) {
    std::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    auto link = net::Link::make(std::move(socket));
    link->arm(10s);  // a backstop: the client under test gives up long before
    tls::Session session(config, link);
    if (co_await session.handshake() != 0) co_return;
    std::string request;
    while (request.find("\r\n\r\n") == std::string::npos) {
      if (co_await session.read(request) <= 0) co_return;
    }
    asio::steady_timer timer(io_);
    co_await behave(session, timer);
    link->disarm();
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
};

report::CheckResult connect_to(const std::string& target) {
  app::ConnectOptions o;
  o.identity = test::identity_of("a-rsa");
  o.target = target;
  o.names = {"sip-b.contoso.test"};
  o.timeout_s = 1;
  auto r = app::run_connect(o);
  REQUIRE(r.ok());
  return r.value();
}

const Finding* find(const report::CheckResult& r, FindingCode code) {
  for (const auto& f : r.findings) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

// Writes the pieces `pause` apart until one fails (the client left) or all are sent.
asio::awaitable<void> send(tls::Session& s, asio::steady_timer& timer, std::vector<std::string> pieces,
                           std::chrono::milliseconds pause) {
  for (const auto& piece : pieces) {
    if (co_await s.write(piece) != 0) co_return;
    timer.expires_after(pause);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

}  // namespace

TEST_CASE("connect: a malformed SIP answer is SIP_MALFORMED", "[net][bad-server]") {
  TlsServer server([](tls::Session& s, asio::steady_timer& t) { return send(s, t, {"HELLO\r\n\r\n"}, 0ms); });
  const auto r = connect_to(server.target());
  const Finding* f = find(r, FindingCode::SipMalformed);
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::Error);
  CHECK(r.verdict == report::Verdict::Fail);
}

TEST_CASE("connect: an endless SIP header is refused at the size limit", "[net][bad-server]") {
  TlsServer server([](tls::Session& s, asio::steady_timer& t) {
    return send(s, t, {"SIP/2.0 200 OK\r\nX: ", std::string(128 * 1024, 'x')}, 0ms);
  });
  const auto r = connect_to(server.target());
  const Finding* f = find(r, FindingCode::SipMalformed);
  REQUIRE(f != nullptr);
  CHECK(f->message.find("exceed") != std::string::npos);
}

TEST_CASE("connect: a flood of provisional answers ends at the deadline", "[net][bad-server]") {
  TlsServer server([](tls::Session& s, asio::steady_timer& t) {
    // 100 Trying, again and again, for far longer than the client's 1 s deadline.
    const std::string trying = "SIP/2.0 100 Trying\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    return send(s, t, std::vector<std::string>(400, trying), 10ms);
  });
  const auto r = connect_to(server.target());
  const Finding* f = find(r, FindingCode::SipNoResponse);
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::Error);
}

TEST_CASE("connect: an answer trickled a byte at a time ends at the deadline", "[net][bad-server]") {
  TlsServer server([](tls::Session& s, asio::steady_timer& t) {
    std::vector<std::string> pieces{"SIP/2.0 200 OK\r\n"};
    for (int i = 0; i < 12; ++i) pieces.emplace_back("X");
    return send(s, t, pieces, 250ms);
  });
  const auto r = connect_to(server.target());
  CHECK(find(r, FindingCode::SipNoResponse) != nullptr);
  CHECK(r.verdict == report::Verdict::Fail);
}

TEST_CASE("connect: a handshake trickled a byte at a time is a TIMEOUT", "[net][bad-server]") {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  std::thread peer([&] {
    tcp::socket s(io);
    acceptor.accept(s);
    char hello[4096];
    std::error_code ec;
    (void)s.read_some(asio::buffer(hello), ec);
    // The start of a ServerHello record, one byte every 250 ms: each gap is shorter than 1 s.
    const unsigned char server_hello[] = {0x16, 0x03, 0x03, 0x00, 0x5a, 0x02, 0x00, 0x00, 0x56, 0x03, 0x03, 0x00};
    for (unsigned char b : server_hello) {
      if (asio::write(s, asio::buffer(&b, 1), ec) != 1) break;
      std::this_thread::sleep_for(250ms);
    }
  });
  const auto r = connect_to("127.0.0.1:" + std::to_string(acceptor.local_endpoint().port()));
  peer.join();
  const Finding* f = find(r, FindingCode::Timeout);
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::Error);
}
