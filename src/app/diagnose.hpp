// SPDX-License-Identifier: MIT
// Why a connection failed, in LCS terms: from what the wire showed (alerts, versions, cleartext)
// and what mbedTLS returned, to findings with their probable cause and fix. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sipmtls/finding.hpp"
#include "tls/transcript.hpp"

namespace sipmtls::app {

enum class Phase {
  Handshake,      ///< during the TLS handshake
  FirstExchange,  ///< the first read or write after it (TLS 1.3 shows a rejection only here)
};

struct FailureFacts {
  bool we_are_client = true;
  Phase phase = Phase::Handshake;
  int rc = 0;  ///< mbedTLS code, or tls::kTimedOut
  std::string error_text;       ///< mbedTLS's words for rc
  std::string transport_error;  ///< "connection reset by peer", ...
  std::optional<tls::Alert> received;
  tls::TranscriptFacts transcript;
  std::string peer;  ///< who: "sip-b.contoso.test (127.0.0.1:5061)"
  double timeout_s = 0;
  /// The handshake state and our own verdict, for alerts whose meaning depends on them
  /// (access_denied, handshake_failure): had our certificate gone out when the alert came, and
  /// does our certificate have errors as the peer would judge it?
  bool sent_our_certificate = false;
  bool our_certificate_has_errors = false;
  bool our_key_is_rsa = false;
};

std::vector<Finding> diagnose(const FailureFacts& facts);

/// Why a peer sends this alert against our certificate, and the fix; empty when the alert is
/// not about our certificate.
struct AlertCause {
  std::string cause, fix;
};
std::optional<AlertCause> certificate_alert_cause(int alert, bool we_are_client);

}  // namespace sipmtls::app
