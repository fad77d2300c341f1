// SPDX-License-Identifier: MIT
// Name resolution under the link's deadline. getaddrinfo cannot be cancelled, and Asio's resolver
// completes (even when cancelled) only when getaddrinfo returns, which a resolver that never
// answers delays far beyond --timeout. So getaddrinfo runs on a detached thread that shares
// nothing with Asio but a small state, and the coroutine stops waiting when the deadline passes.
#include "net/resolve.hpp"

#include <netdb.h>

#include <cstring>

#include <mutex>
#include <thread>

namespace sipmtls::net {
namespace {

struct Lookup {
  std::mutex mutex;
  bool done = false;
  int status = 0;
  std::vector<asio::ip::tcp::endpoint> endpoints;
};

void run_lookup(const std::shared_ptr<Lookup>& lookup, const std::string& host, const std::string& port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  const int status = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &result);
  std::vector<asio::ip::tcp::endpoint> endpoints;
  for (addrinfo* ai = result; status == 0 && ai != nullptr; ai = ai->ai_next) {
    asio::ip::tcp::endpoint endpoint;
    if (ai->ai_addrlen <= endpoint.capacity()) {
      std::memcpy(endpoint.data(), ai->ai_addr, ai->ai_addrlen);
      endpoint.resize(ai->ai_addrlen);
      endpoints.push_back(endpoint);
    }
  }
  if (result != nullptr) ::freeaddrinfo(result);
  std::lock_guard<std::mutex> lock(lookup->mutex);
  lookup->status = status;
  lookup->endpoints = std::move(endpoints);
  lookup->done = true;
}

}  // namespace

asio::awaitable<std::error_code> resolve(Link& link, const std::string& host, const std::string& port,
                                         std::vector<asio::ip::tcp::endpoint>& out) {
  // An address needs no lookup (and no thread).
  std::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  const bool numeric_port = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
  if (!ec && numeric_port) {
    out = {asio::ip::tcp::endpoint(address, static_cast<unsigned short>(std::stoul(port)))};
    co_return std::error_code{};
  }
  auto lookup = std::make_shared<Lookup>();
  std::thread([lookup, host, port] { run_lookup(lookup, host, port); }).detach();
  asio::steady_timer poll(co_await asio::this_coro::executor);
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(lookup->mutex);
      if (lookup->done) {
        if (lookup->status != 0) co_return asio::error::host_not_found;
        out = std::move(lookup->endpoints);
        co_return out.empty() ? std::error_code(asio::error::host_not_found) : std::error_code{};
      }
    }
    if (link.expired()) co_return asio::error::timed_out;
    poll.expires_after(std::chrono::milliseconds(10));
    co_await poll.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

}  // namespace sipmtls::net
