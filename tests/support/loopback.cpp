// SPDX-License-Identifier: MIT
#include "loopback.hpp"

#include <future>
#include <stdexcept>
#include <thread>

namespace sipmtls::test {

std::uint16_t start_listener(app::ListenOptions& options, std::thread& thread,
                             Result<std::vector<report::CheckResult>>& result) {
  options.bind = "127.0.0.1:0";
  options.handle_signals = false;
  if (options.threads == 0) options.threads = 1;
  auto ready = std::make_shared<std::promise<std::uint16_t>>();
  auto port = ready->get_future();
  thread = std::thread([&options, &result, ready] {
    app::ListenEvents events;
    bool told = false;
    events.ready = [&](std::uint16_t p) {
      told = true;
      ready->set_value(p);
    };
    result = app::run_listen(options, events);
    if (!told) ready->set_value(0);
  });
  const std::uint16_t p = port.get();
  if (p == 0) {
    thread.join();
    throw std::runtime_error("listen could not start: " + (result.ok() ? std::string("?") : result.error().message));
  }
  return p;
}

Loopback run_loopback(app::ListenOptions server, app::ConnectOptions client) {
  auto exchange = app::run_exchange(std::move(server), std::move(client));
  if (!exchange) throw std::runtime_error("loopback could not run: " + exchange.error().message);
  return std::move(exchange.value());
}

}  // namespace sipmtls::test
