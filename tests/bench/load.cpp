// SPDX-License-Identifier: MIT
// sipmtls_load: the load generator scripts/bench drives against `sipmtls listen` and mbedTLS's
// ssl_server2 alike. Full mutual TLS handshakes from N concurrent loops for S seconds, or N
// connections held open (idle) to measure a listener's memory per connection.
//
//   sipmtls_load HOST:PORT CERT KEY CA [--tls 1.2|1.3|auto] [--concurrency N] [--seconds S]
//                [--threads T] [--hold N]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "net/link.hpp"
#include "sipmtls/cert/certificate.hpp"
#include "tls/config.hpp"
#include "tls/session.hpp"

using namespace sipmtls;
using Clock = std::chrono::steady_clock;

namespace {

struct Args {
  std::string host, port, cert, key, ca, tls = "auto";
  int concurrency = 8, threads = 1, hold = 0;
  double seconds = 5;
};

std::atomic<long> ok{0}, failed{0};

/// Connects and completes a mutual handshake; the session (or null) and the link.
asio::awaitable<std::unique_ptr<tls::Session>> handshake_once(std::shared_ptr<const tls::Config> config, const Args& a,
                                                              std::chrono::seconds limit) {
  auto ex = co_await asio::this_coro::executor;
  auto link = net::Link::make(asio::ip::tcp::socket(ex));
  link->arm(limit);
  if (co_await net::connect(*link, a.host, a.port)) co_return nullptr;
  auto session = std::make_unique<tls::Session>(config, link);
  const int rc = co_await session->handshake();
  link->disarm();
  co_return rc == 0 ? std::move(session) : nullptr;
}

asio::awaitable<void> loop(std::shared_ptr<const tls::Config> config, const Args& a, Clock::time_point until) {
  while (Clock::now() < until) {
    auto session = co_await handshake_once(config, a, std::chrono::seconds(10));
    if (!session) {
      ++failed;
      continue;
    }
    ++ok;
    co_await session->close();
  }
}

asio::awaitable<void> hold_one(std::shared_ptr<const tls::Config> config, const Args& a, Clock::time_point until) {
  auto session = co_await handshake_once(config, a, std::chrono::seconds(30));
  if (!session) {
    ++failed;
    co_return;
  }
  ++ok;
  asio::steady_timer idle(co_await asio::this_coro::executor, until);
  co_await idle.async_wait(asio::use_awaitable);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: sipmtls_load HOST:PORT CERT KEY CA [--tls V] [--concurrency N] [--seconds S] [--threads T] "
                 "[--hold N]\n";
    return 2;
  }
  Args a;
  if (!net::split_host_port(argv[1], a.host, a.port, "5061")) return 2;
  a.cert = argv[2];
  a.key = argv[3];
  a.ca = argv[4];
  for (int i = 5; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--tls") a.tls = v;
    else if (k == "--concurrency") a.concurrency = std::stoi(v);
    else if (k == "--seconds") a.seconds = std::stod(v);
    else if (k == "--threads") a.threads = std::stoi(v);
    else if (k == "--hold") a.hold = std::stoi(v);
    else return 2;
  }
  auto file = cert::load_certificate_file(a.cert, {});
  auto key = cert::load_private_key(a.key, {});
  auto trust = cert::load_certificates({a.ca});
  if (!file || !key || !trust) {
    std::cerr << "sipmtls_load: cannot load the certificate, key or CA\n";
    return 2;
  }
  auto config = tls::Config::make({false, *tls::parse_versions(a.tls), false, file->certs,
                                   std::make_shared<cert::PrivateKey>(std::move(key.value())), trust.value(), nullptr});
  if (!config) return 3;
  asio::io_context io;
  const auto start = Clock::now();
  const auto until = start + std::chrono::milliseconds(static_cast<long>(a.seconds * 1000));
  const int n = a.hold > 0 ? a.hold : a.concurrency;
  for (int i = 0; i < n; ++i) {
    if (a.hold > 0) {
      asio::co_spawn(io, hold_one(config.value(), a, until), asio::detached);
    } else {
      asio::co_spawn(io, loop(config.value(), a, until), asio::detached);
    }
  }
  if (a.hold > 0) {
    // Report once every connection is up, so the caller can measure the listener then.
    std::thread reporter([n] {
      while (ok + failed < n) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::printf("held=%ld failed=%ld\n", ok.load(), failed.load());
      std::fflush(stdout);
    });
    io.run();
    reporter.join();
    return failed == 0 ? 0 : 1;
  }
  std::vector<std::thread> pool;
  for (int i = 1; i < a.threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("handshakes=%ld failed=%ld seconds=%.2f rate=%.1f\n", ok.load(), failed.load(), secs, ok / secs);
  return 0;
}
