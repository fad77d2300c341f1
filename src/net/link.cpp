// SPDX-License-Identifier: MIT
// TCP connections with deadlines.
#include "net/link.hpp"

#include "net/resolve.hpp"

#include <algorithm>

namespace sipmtls::net {
namespace {

std::string endpoint_text(const asio::ip::tcp::endpoint& ep) {
  const auto addr = ep.address();
  const std::string host = addr.is_v6() ? "[" + addr.to_string() + "]" : addr.to_string();
  return host + ":" + std::to_string(ep.port());
}

}  // namespace

Link::Link(asio::ip::tcp::socket socket) : socket_(std::move(socket)), timer_(socket_.get_executor()) {}

std::error_code Link::prepare() {
  std::error_code ec;
  socket_.set_option(asio::ip::tcp::no_delay(true), ec);
  if (!ec) socket_.non_blocking(true, ec);
  return ec;
}

void Link::arm(Clock::duration limit) {
  const unsigned generation = ++generation_;
  expired_ = false;
  timer_.expires_after(limit);
  timer_.async_wait([self = shared_from_this(), generation](const std::error_code& ec) {
    if (ec || generation != self->generation_) return;  // disarmed, or a later step's deadline
    self->expired_ = true;
    std::error_code ignored;
    self->socket_.cancel(ignored);
  });
}

void Link::stop() {
  expired_ = true;
  ++generation_;
  timer_.cancel();
  std::error_code ignored;
  (void)socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  (void)socket_.close(ignored);
}

void Link::disarm() {
  ++generation_;
  timer_.cancel();
}

std::string Link::peer_address() const {
  std::error_code ec;
  auto ep = socket_.remote_endpoint(ec);
  return ec ? std::string() : endpoint_text(ep);
}

std::string Link::local_address() const {
  std::error_code ec;
  auto ep = socket_.local_endpoint(ec);
  return ec ? std::string() : endpoint_text(ep);
}

bool split_host_port(const std::string& text, std::string& host, std::string& port, const std::string& default_port) {
  port = default_port;
  if (text.empty()) return false;
  if (text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) return false;
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return false;
      port = text.substr(close + 2);
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    const auto colon = text.find(':');
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  } else {
    host = text;  // a name, an IPv4 address, or a bare IPv6 address
  }
  if (host.empty() || port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(port) > 65535) {
    return false;
  }
  return true;
}

asio::awaitable<std::error_code> connect(Link& link, const std::string& host, const std::string& port) {
  std::vector<asio::ip::tcp::endpoint> endpoints;
  std::error_code ec = co_await resolve(link, host, port, endpoints);
  if (ec) co_return ec;
  co_await asio::async_connect(link.socket(), endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (!ec) ec = link.prepare();
  co_return ec;
}

}  // namespace sipmtls::net
