// SPDX-License-Identifier: MIT
// What connect and listen do alike once a TLS session exists: summarise it, and turn a failed
// handshake or first exchange into findings.
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "app/diagnose.hpp"
#include "app/peer_check.hpp"
#include "sipmtls/report/model.hpp"
#include "tls/session.hpp"

namespace sipmtls::app {

/// Our side, ready to connect or listen: the loaded identity and its TLS configuration.
struct Side {
  std::shared_ptr<const Identity> us;
  std::shared_ptr<const tls::Config> config;
};
/// Loads the identity and key log and builds the configuration; input errors name the file or
/// option.
Result<Side> prepare_side(const EndpointOptions& options, bool server);

/// A connect or listen check before anything happened: our side filled in, our local findings.
report::CheckResult start_check(const std::string& kind, const std::string& role, const Identity& us,
                                rules::Profile profile, const std::vector<std::string>& names);
/// Sets the verdict from the findings and the duration since `started`.
report::CheckResult finish_check(report::CheckResult& check, std::chrono::steady_clock::time_point started);
/// finish_check in place: the verdict and the duration.
void close_check(report::CheckResult& check, std::chrono::steady_clock::time_point started);

report::TlsSummary tls_summary(const tls::Session& session);
/// Sets r.tls from the session, and adds KEYLOG_WRITE_FAILED when its secrets could not be
/// written to --keylog.
void summarize_session(report::CheckResult& r, const tls::Session& session);

struct FailureContext {
  bool we_are_client = true;
  Phase phase = Phase::Handshake;
  std::string peer;  ///< label for findings
  double timeout_s = 0;
  const PeerCheck* peer_check = nullptr;  ///< our verdict on the peer, if its chain arrived
  const Identity* us = nullptr;
  rules::Context our_context;  ///< how the peer would judge our certificate
};

/// NOT_CHECKED (a warning) when the peer sent a post-handshake message mbedTLS cannot process
/// (a TLS 1.3 KeyUpdate): the connection ended for our stack's limit, not for a fault.
std::optional<Finding> refused_message_finding(const tls::Session& session, const std::string& label);

/// Findings for a session that failed with rc: our own verdict when we ended it (strict), else
/// the peer's reason with, when it rejected our certificate, what our certificate has wrong.
std::vector<Finding> failure_findings(const tls::Session& session, int rc, const FailureContext& context);

}  // namespace sipmtls::app
