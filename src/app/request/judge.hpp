// SPDX-License-Identifier: MIT
// Requests judged before the CA sees them, and issued certificates against their request.
#pragma once

#include <string>
#include <vector>

#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/cert/request.hpp"
#include "sipmtls/app/inspect.hpp"
#include "sipmtls/finding.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::app {

/// The profile's usage, name and key rules on what the request asks for, with "request" as the
/// subject of each finding; names: the FQDNs it must answer for (pool first), may be empty.
std::vector<Finding> judge_request(const cert::CertRequest& request, rules::Profile profile,
                                   const std::vector<std::string>& names, bool x509_strict);

/// What the CA dropped or changed from the request (key, subject CN, SAN entries, EKUs, key
/// usage), each with the CA-side setting that does it (CA_DROPPED_REQUEST, PRIVATE_KEY_MISMATCH).
std::vector<Finding> compare_with_request(const cert::Certificate& issued, const cert::CertRequest& request,
                                          const std::string& request_path, rules::Profile profile);

/// The request as reports show a certificate: no issuer, dates or serial (the CA adds them).
report::CertSummary summarize_request(const cert::CertRequest& request);

/// inspect of a request file (PKCS#10 or INF) instead of a certificate.
Result<report::CheckResult> run_inspect_request(const InspectOptions& options);

}  // namespace sipmtls::app
