// SPDX-License-Identifier: MIT
// One suite item run to its result, blocking or as a coroutine (app/suite_schedule.cpp decides).
#pragma once

#include <asio.hpp>

#include "sipmtls/app/suite.hpp"

namespace sipmtls::app {

/// connect items wait on the network and hold no thread while they do.
bool waits_on_network(const SuiteItem& item);
/// Runs an item on the calling thread (inspect, listen, pair; connect on its own io_context).
SuiteItemResult run_suite_item(const Suite& suite, const SuiteItem& item);
/// Runs a connect item as a coroutine on the caller's io_context.
asio::awaitable<SuiteItemResult> run_suite_item_async(const Suite& suite, const SuiteItem& item);

}  // namespace sipmtls::app
