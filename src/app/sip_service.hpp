// SPDX-License-Identifier: MIT
// The listener's SIP side: OPTIONS answered 200, other methods 405/501, malformed or oversized
// input 400/513 and closed; each request must arrive whole within one step timeout.
#pragma once

#include <asio.hpp>

#include <functional>
#include <string>

#include "app/connection.hpp"
#include "sipmtls/report/model.hpp"
#include "tls/session.hpp"

namespace sipmtls::app {

struct SipService {
  double timeout_s = 10;    ///< the step timeout: for each request, and for silence
  FailureContext failure;   ///< for an alert the client sends in the first exchange
  /// True once the listener has its --count connections or its time: a client that keeps its
  /// connection is then answered once more and closed.
  std::function<bool()> listener_done;
};

/// Answers requests until the client leaves, goes quiet for the step timeout, sends something
/// that is not SIP, or the listener is done; r gets the first request and our answer, and the
/// findings of what went wrong. Ends with close_notify unless the client sent an alert.
asio::awaitable<void> serve_sip(tls::Session& session, report::CheckResult& r, const std::string& label,
                                const SipService& service);

}  // namespace sipmtls::app
