// SPDX-License-Identifier: MIT
// listen: the TLS server side; verifies every client as LCS would and answers SIP OPTIONS.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sipmtls/app/endpoint.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::app {

struct ListenOptions : EndpointOptions {
  std::string bind = "0.0.0.0:5061";      ///< [ADDR:]PORT; port 0 picks a free one
  std::vector<std::string> expect_names;  ///< a client passes when it answers for any; "pool,fe1" for a pool
  int count = 0;                          ///< stop after this many connections (0: no limit)
  std::optional<double> duration_s;       ///< stop accepting after this long
  int threads = 0;                        ///< 0: one per core
  bool handle_signals = true;             ///< SIGINT/SIGTERM end the listener with its summary
  /// Keep every connection's check for the result; off when they are streamed as they end, so
  /// a long-running listener does not grow.
  bool keep_results = true;
};

struct ListenEvents {
  std::function<void(std::uint16_t port)> ready;                  ///< listening (the real port)
  std::function<void(const report::CheckResult& check)> finished;  ///< one connection ended
  /// Called before ready with a function that stops accepting (safe from any thread); pair uses
  /// it when its client could not dial at all.
  std::function<void(std::function<void()> stop)> stoppable;
};

/// Serves until count, duration or a signal; returns every connection's check in the order they
/// ended. Bad input (files, address in use) is an Error; an identity without a private key is
/// one with the cause NoPrivateKey.
Result<std::vector<report::CheckResult>> run_listen(const ListenOptions& options, const ListenEvents& events);

}  // namespace sipmtls::app
