// SPDX-License-Identifier: MIT
// inspect: offline check of a certificate against a profile's MTLS rules, names and chain.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sipmtls/app/endpoint.hpp"
#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::app {

struct InspectOptions {
  std::string cert_path;
  std::string key_path;  ///< empty: the key in the certificate file, if any
  cert::PasswordSource password;
  std::vector<std::string> names;  ///< expected FQDNs: pool (or server) FQDN first
  std::vector<std::string> ca;     ///< trust anchors: files or directories
  std::vector<std::string> chain;  ///< extra intermediates
  std::vector<std::string> crl;
  rules::Profile profile = rules::kDefaultProfile;
  std::optional<cert::UnixTime> at;  ///< validation time; default now
  bool x509_strict = false;          ///< rules::Context::x509_strict
  int warn_days = 30;                ///< rules::Context::warn_days
  RevocationSettings revocation;     ///< fetch status from CDPs and OCSP responders
  double timeout_s = 10;             ///< each fetch
  /// The request the certificate answers (PKCS#10 or INF): did the CA keep its key, names and EKUs?
  std::string request_path = {};
};

/// Runs the check. Bad input (unreadable file, wrong password) is an Error, not a finding.
Result<report::CheckResult> run_inspect(const InspectOptions& options);

}  // namespace sipmtls::app
