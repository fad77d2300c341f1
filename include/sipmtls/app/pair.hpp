// SPDX-License-Identifier: MIT
// pair: the pre-deployment check of two servers. Both directions over loopback in one process,
// each side with its own certificate, trust store, FQDN and profile; per direction what the
// client saw and what the server saw.
#pragma once

#include <optional>
#include <string>

#include "sipmtls/app/connect.hpp"
#include "sipmtls/app/identity_file.hpp"
#include "sipmtls/app/listen.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::app {

/// One connection: `listen` on a free loopback port for it, `connect` to it.
struct Exchange {
  report::CheckResult client;                 ///< what connect reported
  std::optional<report::CheckResult> server;  ///< what listen reported (none if never reached)
};
/// Runs one exchange; listen's bind, count and signals are set here.
Result<Exchange> run_exchange(ListenOptions server, ConnectOptions client);

struct PairOptions {
  ServerIdentity a, b;
  std::optional<cert::UnixTime> at;
  std::string tls = "auto";
  double timeout_s = 10;
  std::string keylog;
  bool x509_strict = false;
  int warn_days = 30;
  RevocationSettings revocation;
};

struct PairDirection {
  std::string label;  ///< "A -> B"
  std::string from, to;
  report::CheckResult client;  ///< the dialling server's view of the other
  report::CheckResult server;  ///< the answering server's view of the dialler
  report::Verdict verdict() const;
};

struct PairResult {
  PairDirection ab, ba;
  /// The four views as checks (kind "pair"), A -> B first.
  std::vector<report::CheckResult> checks() const;
};

Result<PairResult> run_pair(const PairOptions& options);

/// The side-by-side table: one row per direction, the client's and the server's verdict and
/// error codes, then the details of every failing view.
std::string render_pair_text(const PairResult& pair, bool colour);

}  // namespace sipmtls::app
