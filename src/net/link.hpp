// SPDX-License-Identifier: MIT
// A TCP connection with a watchdog: every network step runs under a deadline, and when it
// passes the socket's pending operations are cancelled. TCP_NODELAY is always on: mbedTLS
// writes each handshake message with its own send(), and Nagle plus delayed ACK would stall
// every handshake by 40-100 ms (docs/TOOLCHAIN.md).
#pragma once

#include <asio.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace sipmtls::net {

using Clock = std::chrono::steady_clock;

/// A timeout given in (fractional) seconds, as options carry them.
inline Clock::duration seconds(double s) { return std::chrono::milliseconds(static_cast<long long>(s * 1000)); }

class Link : public std::enable_shared_from_this<Link> {
 public:
  explicit Link(asio::ip::tcp::socket socket);
  static std::shared_ptr<Link> make(asio::ip::tcp::socket socket) {
    return std::make_shared<Link>(std::move(socket));
  }

  asio::ip::tcp::socket& socket() { return socket_; }
  /// Sets TCP_NODELAY and non-blocking mode; call once connected or accepted.
  std::error_code prepare();

  /// Starts a deadline for the next step; a passing deadline cancels pending operations.
  void arm(Clock::duration limit);
  void disarm();
  bool expired() const { return expired_; }
  /// Ends the connection now (the listener is stopping): pending and later operations fail at
  /// once and expired() is true. Call on the link's executor.
  void stop();

  std::string peer_address() const;   ///< "ip:port", or "" when unknown
  std::string local_address() const;  ///< "ip:port", or ""

 private:
  asio::ip::tcp::socket socket_;
  asio::steady_timer timer_;
  unsigned generation_ = 0;
  bool expired_ = false;
};

/// "host" and "port" of "host[:port]", "[v6]:port" or "v6"; the port defaults to `port`.
bool split_host_port(const std::string& text, std::string& host, std::string& port, const std::string& default_port);

/// Resolves and connects under the link's watchdog (armed by the caller).
asio::awaitable<std::error_code> connect(Link& link, const std::string& host, const std::string& port);

}  // namespace sipmtls::net
