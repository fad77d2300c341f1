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
  server.count = 1;
  std::thread thread;
  Result<std::vector<report::CheckResult>> served = internal_error("not run");
  const std::uint16_t port = start_listener(server, thread, served);
  client.target = "127.0.0.1:" + std::to_string(port);
  auto connected = app::run_connect(client);
  thread.join();
  if (!connected) throw std::runtime_error("connect could not run: " + connected.error().message);
  if (!served) throw std::runtime_error("listen could not run: " + served.error().message);
  Loopback out{std::move(connected.value()), std::nullopt};
  if (!served->empty()) out.server = served->front();
  return out;
}

}  // namespace sipmtls::test
