// SPDX-License-Identifier: MIT
// connect to a SIP domain through DNS discovery (see discovery.hpp).
#pragma once

#include <asio.hpp>

#include <memory>
#include <string>

#include "app/connect_flow.hpp"
#include "app/discovery.hpp"
#include "net/dns.hpp"

namespace sipmtls::app {

struct DiscoveryRequest {
  std::string domain;
  std::string sni;      ///< --sni, else the reference name
  bool no_sni = false;
};

/// Discovers request.domain's servers and runs connect_check on the first one that accepts TCP.
/// base.names empty: each server is judged for the profile's reference name (discovery.hpp).
asio::awaitable<report::CheckResult> discover_and_connect(ConnectPlan base, std::shared_ptr<net::Dns> dns,
                                                          DiscoveryRequest request);

}  // namespace sipmtls::app
