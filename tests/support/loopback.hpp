// SPDX-License-Identifier: MIT
// Runs `listen` and `connect` against each other over loopback in one process.
#pragma once

#include <cstdint>
#include <optional>
#include <thread>
#include <vector>

#include "sipmtls/app/connect.hpp"
#include "sipmtls/app/listen.hpp"

namespace sipmtls::test {

struct Loopback {
  report::CheckResult client;                ///< what connect reported
  std::optional<report::CheckResult> server;  ///< what listen reported for the connection
};

/// Listens on 127.0.0.1 (a free port) for one connection, connects to it, and returns both
/// reports. Throws std::runtime_error when either side could not run.
Loopback run_loopback(app::ListenOptions server, app::ConnectOptions client);

/// Starts a listener on a free port in a thread and returns the port; the caller joins.
std::uint16_t start_listener(app::ListenOptions& options, std::thread& thread,
                             Result<std::vector<report::CheckResult>>& result);

}  // namespace sipmtls::test
