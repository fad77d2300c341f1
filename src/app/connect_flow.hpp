// SPDX-License-Identifier: MIT
// One client check as a coroutine, so that pair and suite can run many in one io_context.
#pragma once

#include <asio.hpp>

#include <memory>
#include <string>
#include <vector>

#include "app/identity.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/rules/evaluate.hpp"
#include "tls/config.hpp"

namespace sipmtls::app {

struct ConnectPlan {
  std::shared_ptr<const Identity> us;
  std::shared_ptr<const tls::Config> config;  ///< client side
  std::string host, port;
  std::vector<std::string> names;  ///< the server must answer for these (first: the FQDN dialled)
  std::string sni;                 ///< empty: none
  rules::Profile profile = rules::kDefaultProfile;
  bool x509_strict = false;
  int warn_days = 30;
  cert::UnixTime at = 0;
  double timeout_s = 10;
  bool sip_options = true;
  std::string local_fqdn;  ///< Via and Contact of our OPTIONS; empty: our certificate's first DNS SAN
  std::string sip_domain;  ///< From of our OPTIONS; empty: local_fqdn
};

asio::awaitable<report::CheckResult> connect_check(ConnectPlan plan);

struct ConnectOptions;
/// The whole of `connect` (a HOST[:PORT] or a SIP domain's servers) as a coroutine to run on any
/// io_context: the identity is loaded and the plan made here, the network waits in the coroutine.
/// An input error (bad target, unreadable identity) stops it before it starts.
Result<asio::awaitable<report::CheckResult>> connect_coroutine(const ConnectOptions& options);

}  // namespace sipmtls::app
