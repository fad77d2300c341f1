// SPDX-License-Identifier: MIT
// Runs `listen` and `connect` against each other over loopback in one process.
#pragma once

#include <cstdint>
#include <thread>
#include <vector>

#include "sipmtls/app/connect.hpp"
#include "sipmtls/app/listen.hpp"
#include "sipmtls/app/pair.hpp"

namespace sipmtls::test {

using Loopback = app::Exchange;

/// app::run_exchange (listen on a free loopback port for one connection, connect to it), with
/// std::runtime_error when either side could not run.
Loopback run_loopback(app::ListenOptions server, app::ConnectOptions client);

/// Starts a listener on a free port in a thread and returns the port; the caller joins.
std::uint16_t start_listener(app::ListenOptions& options, std::thread& thread,
                             Result<std::vector<report::CheckResult>>& result);

}  // namespace sipmtls::test
