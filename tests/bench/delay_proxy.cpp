// SPDX-License-Identifier: MIT
// sipmtls_delay_proxy: a WAN in user space for scripts/bench (this kernel has no netem). Every
// chunk is held DELAY_MS in each direction before it is passed on, in order, so a round trip
// costs twice the delay; connections to the black-hole port are accepted and never answered.
//
//   sipmtls_delay_proxy LISTEN_PORT UPSTREAM_PORT DELAY_MS [BLACK_HOLE_PORT]   (all on 127.0.0.1)
#include <asio.hpp>

#include <chrono>
#include <cstdio>
#include <deque>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

namespace {

using asio::ip::tcp;
using Clock = std::chrono::steady_clock;
std::chrono::milliseconds g_delay{50};

// One direction: chunks read from `from`, each written to `to` once its delay has passed.
struct Pipe {
  explicit Pipe(asio::any_io_executor ex) : wake(ex), hold(ex) {}
  std::deque<std::pair<Clock::time_point, std::string>> queue;
  asio::steady_timer wake, hold;
  bool closed = false;
};

struct Session : std::enable_shared_from_this<Session> {
  Session(tcp::socket client, tcp::socket server)
      : a(std::move(client)), b(std::move(server)), up(a.get_executor()), down(a.get_executor()) {}
  tcp::socket a, b;
  Pipe up, down;
};

asio::awaitable<void> reader(std::shared_ptr<Session> keep, tcp::socket& from, Pipe& pipe) {
  (void)keep;  // the session lives while any of its coroutines does
  std::vector<char> buf(16384);
  for (;;) {
    std::error_code ec;
    const std::size_t n = co_await from.async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    pipe.queue.emplace_back(Clock::now() + g_delay, std::string(buf.data(), n));
    pipe.wake.cancel();
  }
  pipe.closed = true;
  pipe.wake.cancel();
}

asio::awaitable<void> writer(std::shared_ptr<Session> keep, tcp::socket& to, Pipe& pipe) {
  (void)keep;
  for (;;) {
    while (pipe.queue.empty() && !pipe.closed) {
      pipe.wake.expires_at(Clock::time_point::max());
      std::error_code woken;
      co_await pipe.wake.async_wait(asio::redirect_error(asio::use_awaitable, woken));
    }
    if (pipe.queue.empty()) break;  // closed and drained
    pipe.hold.expires_at(pipe.queue.front().first);
    std::error_code ec;
    co_await pipe.hold.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    co_await asio::async_write(to, asio::buffer(pipe.queue.front().second), asio::redirect_error(asio::use_awaitable, ec));
    pipe.queue.pop_front();
    if (ec) break;
  }
  std::error_code ignored;
  to.shutdown(tcp::socket::shutdown_send, ignored);
}

asio::awaitable<void> relay(tcp::acceptor& acceptor, unsigned short upstream) {
  auto ex = co_await asio::this_coro::executor;
  for (;;) {
    std::error_code ec;
    tcp::socket client = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) continue;
    client.set_option(tcp::no_delay(true));
    tcp::socket server(ex);
    co_await server.async_connect({asio::ip::make_address("127.0.0.1"), upstream},
                                  asio::redirect_error(asio::use_awaitable, ec));
    if (ec) continue;
    server.set_option(tcp::no_delay(true));
    auto s = std::make_shared<Session>(std::move(client), std::move(server));
    asio::co_spawn(ex, reader(s, s->a, s->up), asio::detached);
    asio::co_spawn(ex, writer(s, s->b, s->up), asio::detached);
    asio::co_spawn(ex, reader(s, s->b, s->down), asio::detached);
    asio::co_spawn(ex, writer(s, s->a, s->down), asio::detached);
  }
}

asio::awaitable<void> hold_silently(tcp::socket socket) {
  std::vector<char> buf(4096);
  for (;;) {  // read and drop until the client gives up
    std::error_code ec;
    co_await socket.async_read_some(asio::buffer(buf), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
  }
}

asio::awaitable<void> black_hole(tcp::acceptor& acceptor) {
  auto ex = co_await asio::this_coro::executor;
  for (;;) {
    std::error_code ec;
    tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) asio::co_spawn(ex, hold_silently(std::move(socket)), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: sipmtls_delay_proxy LISTEN_PORT UPSTREAM_PORT DELAY_MS [BLACK_HOLE_PORT]\n";
    return 2;
  }
  const auto port = static_cast<unsigned short>(std::stoi(argv[1]));
  const auto upstream = static_cast<unsigned short>(std::stoi(argv[2]));
  g_delay = std::chrono::milliseconds(std::stoi(argv[3]));
  asio::io_context io;
  const auto loopback = asio::ip::make_address("127.0.0.1");
  tcp::acceptor relay_acceptor(io, {loopback, port});
  relay_acceptor.listen(4096);
  asio::co_spawn(io, relay(relay_acceptor, upstream), asio::detached);
  std::unique_ptr<tcp::acceptor> hole;
  if (argc > 4) {
    hole = std::make_unique<tcp::acceptor>(io, tcp::endpoint{loopback, static_cast<unsigned short>(std::stoi(argv[4]))});
    hole->listen(4096);
    asio::co_spawn(io, black_hole(*hole), asio::detached);
  }
  std::printf("listening\n");
  std::fflush(stdout);
  io.run();
}
