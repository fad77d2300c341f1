// SPDX-License-Identifier: MIT
// Peers that misbehave: cleartext, garbage, silence, a close mid-handshake, an oversized SIP
// message. Each check ends within its timeout with a finding, and the listener keeps serving.
#include <catch2/catch_test_macros.hpp>

#include <asio.hpp>

#include <functional>
#include <thread>

#include "../support/loopback.hpp"
#include "../support/manifest.hpp"
#include "../support/roles.hpp"
#include "net/link.hpp"
#include "sip/message.hpp"
#include "tls/config.hpp"
#include "tls/session.hpp"

using namespace sipmtls;
using asio::ip::tcp;

namespace {

bool has(const report::CheckResult& r, FindingCode code) {
  for (const auto& f : r.findings) {
    if (f.code == code) return true;
  }
  return false;
}

/// A TCP server on a free loopback port that runs `behave` on its first connection.
class RawServer {
 public:
  explicit RawServer(std::function<void(tcp::socket&)> behave)
      : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    thread_ = std::thread([this, behave] {
      tcp::socket s(io_);
      std::error_code ec;
      (void)acceptor_.accept(s, ec);
      if (!ec) behave(s);
    });
  }
  ~RawServer() { thread_.join(); }
  std::string target() const { return "127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()); }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::thread thread_;
};

report::CheckResult connect_to(const std::string& target, double timeout_s = 2) {
  app::ConnectOptions o;
  o.identity = test::identity_of("a-rsa");
  o.target = target;
  o.names = {"sip-b.contoso.test"};
  o.timeout_s = timeout_s;
  auto r = app::run_connect(o);
  REQUIRE(r.ok());
  return r.value();
}

void read_some_then(tcp::socket& s) {
  char buf[4096];
  std::error_code ec;
  (void)s.read_some(asio::buffer(buf), ec);
}

/// A listener for `count` connections on a free port, in a thread.
struct TestListener {
  explicit TestListener(int count, double timeout_s = 1) {
    options.identity = test::identity_of("b-rsa");
    options.count = count;
    options.timeout_s = timeout_s;
    port = test::start_listener(options, thread, result);
  }
  std::vector<report::CheckResult> finish() {
    thread.join();
    REQUIRE(result.ok());
    return result.value();
  }
  app::ListenOptions options;
  std::thread thread;
  Result<std::vector<report::CheckResult>> result = internal_error("not run");
  std::uint16_t port = 0;
};

/// Server A dials the listener (server B) and must pass.
void connect_good_client(std::uint16_t port) {
  app::ConnectOptions good;
  good.identity = test::identity_of("a-rsa");
  good.target = "127.0.0.1:" + std::to_string(port);
  good.names = {"sip-b.contoso.test"};
  auto ok = app::run_connect(good);
  REQUIRE(ok.ok());
  CHECK(ok->verdict == report::Verdict::Pass);
}

void raw_client(std::uint16_t port, const std::function<void(tcp::socket&)>& behave) {
  asio::io_context io;
  tcp::socket s(io);
  s.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  behave(s);
}

/// A real TLS client (a-rsa) that sends the pieces after the handshake, `pause` apart, and
/// returns the answer (empty when the server closed first).
std::string tls_client(std::uint16_t port, const std::vector<std::string>& pieces,
                       std::chrono::milliseconds pause = std::chrono::milliseconds(0)) {
  const test::Manifest& m = test::manifest();
  auto cert = cert::load_certificate_file(m.path("cases/a-rsa.pem"), {});
  auto key = cert::load_private_key(m.path("cases/a-rsa.key"), {});
  REQUIRE(cert.ok());
  REQUIRE(key.ok());
  auto config = tls::Config::make({false, tls::Versions::Auto, false, cert->certs,
                                   std::make_shared<cert::PrivateKey>(std::move(key.value())), {}, nullptr});
  REQUIRE(config.ok());
  asio::io_context io;
  std::string answer;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        auto link = net::Link::make(tcp::socket(io));
        link->arm(std::chrono::seconds(5));
        const auto ec = co_await net::connect(*link, "127.0.0.1", std::to_string(port));
        if (ec) co_return;
        tls::Session session(config.value(), link);
        if (co_await session.handshake() != 0) co_return;
        asio::steady_timer timer(io);
        for (const auto& piece : pieces) {
          if (co_await session.write(piece) != 0) co_return;
          timer.expires_after(pause);
          co_await timer.async_wait(asio::use_awaitable);
        }
        while (answer.find("\r\n\r\n") == std::string::npos) {
          if (co_await session.read(answer) <= 0) break;
        }
        link->disarm();
      },
      asio::detached);
  io.run();
  return answer;
}

std::string tls_client(std::uint16_t port, const std::string& payload) {
  return tls_client(port, std::vector<std::string>{payload});
}

}  // namespace

TEST_CASE("connect: a cleartext SIP server on the TLS port is NOT_TLS", "[net][bad-peer]") {
  RawServer server([](tcp::socket& s) {
    read_some_then(s);
    asio::write(s, asio::buffer(std::string("SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n")));
  });
  const auto r = connect_to(server.target());
  CHECK(has(r, FindingCode::NotTls));
  CHECK(r.verdict == report::Verdict::Fail);
}

TEST_CASE("connect: garbage bytes are NOT_TLS", "[net][bad-peer]") {
  RawServer server([](tcp::socket& s) {
    read_some_then(s);
    const unsigned char junk[] = {0x00, 0xff, 0x13, 0x37, 0x42, 0x99, 0x01, 0x02, 0x03, 0x04};
    asio::write(s, asio::buffer(junk));
  });
  CHECK(has(connect_to(server.target()), FindingCode::NotTls));
}

TEST_CASE("connect: a silent server is a TIMEOUT", "[net][bad-peer]") {
  RawServer server([](tcp::socket& s) {
    read_some_then(s);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  });
  const auto r = connect_to(server.target(), 0.5);
  CHECK(has(r, FindingCode::Timeout));
}

TEST_CASE("connect: a server that closes after the ClientHello fails the handshake", "[net][bad-peer]") {
  RawServer server([](tcp::socket& s) { read_some_then(s); });
  const auto r = connect_to(server.target());
  CHECK(has(r, FindingCode::TlsHandshakeFailed));
}

TEST_CASE("connect: nobody listening is TCP_CONNECT_FAILED", "[net][bad-peer]") {
  std::string target;
  {
    asio::io_context io;
    tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    target = "127.0.0.1:" + std::to_string(a.local_endpoint().port());
  }  // closed again: the port refuses connections
  CHECK(has(connect_to(target), FindingCode::TcpConnectFailed));
}

TEST_CASE("listen: bad clients each get a finding and the next good client passes", "[net][bad-peer]") {
  TestListener listener(7);
  // 1. cleartext SIP on the TLS port
  raw_client(listener.port, [](tcp::socket& s) {
    asio::write(s, asio::buffer(std::string("OPTIONS sip:b SIP/2.0\r\nContent-Length: 0\r\n\r\n")));
    read_some_then(s);
  });
  // 2. a ClientHello cut short, then close
  raw_client(listener.port, [](tcp::socket& s) {
    const unsigned char partial[] = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03};
    asio::write(s, asio::buffer(partial));
  });
  // 3. silence (the listener's step timeout is 1 s)
  raw_client(listener.port, [](tcp::socket& s) { read_some_then(s); });
  // 4. a SIP message announcing 1 MB after a good handshake: 513 before the body arrives
  CHECK(tls_client(listener.port, "OPTIONS sip:sip-b.contoso.test SIP/2.0\r\nCall-ID: big\r\nCSeq: 1 OPTIONS\r\n"
                                  "Content-Length: 1048576\r\n\r\n")
            .starts_with("SIP/2.0 513"));
  // 4b. 1 MB of header without an end: refused at the limit, the connection closed
  (void)tls_client(listener.port, "OPTIONS sip:b SIP/2.0\r\nX: " + std::string(1 << 20, 'x'));
  // 5. a malformed message: 400
  CHECK(tls_client(listener.port, "HELLO\r\n\r\n").starts_with("SIP/2.0 400"));
  // 6. a good client
  connect_good_client(listener.port);

  const auto reports = listener.finish();
  REQUIRE(reports.size() == 7);
  std::map<std::string, int> seen;
  for (const auto& r : reports) {
    for (const auto& f : r.findings) seen[std::string(finding_code_name(f.code))]++;
  }
  CHECK(seen["NOT_TLS"] == 1);
  CHECK(seen["TLS_HANDSHAKE_FAILED"] == 1);
  CHECK(seen["TIMEOUT"] == 1);
  CHECK(seen["SIP_MALFORMED"] == 3);
  int passed = 0;
  for (const auto& r : reports) passed += r.verdict == report::Verdict::Pass;
  CHECK(passed == 1);
}

TEST_CASE("listen answers OPTIONS 200, other methods 405 and unknown ones 501", "[net][sip]") {
  TestListener listener(3);
  const std::string head = " sip:sip-b.contoso.test SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5099;branch=z9hG4bK1\r\n"
                           "From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\nCall-ID: c1\r\nCSeq: 1 ";
  const auto options = tls_client(listener.port, "OPTIONS" + head + "OPTIONS\r\nContent-Length: 0\r\n\r\n");
  CHECK(options.starts_with("SIP/2.0 200 OK"));
  CHECK(options.find("Allow: OPTIONS") != std::string::npos);
  CHECK(options.find("Call-ID: c1") != std::string::npos);
  CHECK(options.find("z9hG4bK1") != std::string::npos);
  CHECK(tls_client(listener.port, "INVITE" + head + "INVITE\r\nContent-Length: 0\r\n\r\n").starts_with("SIP/2.0 405"));
  CHECK(tls_client(listener.port, "FROB" + head + "FROB\r\nContent-Length: 0\r\n\r\n").starts_with("SIP/2.0 501"));
  (void)listener.finish();
}

TEST_CASE("listen: a slowloris client is cut off, a flood of keep-alives is harmless", "[net][bad-peer][fault]") {
  TestListener listener(3);  // 1 s per step
  // A request trickled a byte every 0.4 s: each gap is shorter than the step timeout, but the
  // request must be whole within 1 s of its first byte.
  std::vector<std::string> trickle{"OPTIONS sip:sip-b.contoso.test SIP/2.0\r\n"};
  for (int i = 0; i < 8; ++i) trickle.emplace_back("X");
  CHECK(tls_client(listener.port, trickle, std::chrono::milliseconds(400)).empty());
  // 1 MB of keep-alive CRLFs (RFC 5626), then a real request: answered.
  std::string flood;
  for (int i = 0; i < (1 << 19); ++i) flood += "\r\n";
  CHECK(tls_client(listener.port, {flood, "OPTIONS sip:sip-b.contoso.test SIP/2.0\r\nCall-ID: f\r\nCSeq: 1 OPTIONS\r\n"
                                          "Content-Length: 0\r\n\r\n"})
            .starts_with("SIP/2.0 200"));
  // And the next client is served.
  connect_good_client(listener.port);

  const auto reports = listener.finish();
  REQUIRE(reports.size() == 3);
  int cut_off = 0;
  for (const auto& r : reports) {
    for (const auto& f : r.findings) {
      cut_off += f.code == FindingCode::Timeout && f.severity == Severity::Error &&
                 f.message.find("did not finish it") != std::string::npos;
    }
  }
  CHECK(cut_off == 1);
  int passed = 0;
  for (const auto& r : reports) passed += r.verdict == report::Verdict::Pass;
  CHECK(passed == 2);
}
