// SPDX-License-Identifier: MIT
// trust-store: does an SBC's trust bundle hold the roots its Teams peers chain to?
#pragma once

#include <string>
#include <vector>

#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::app {

struct TrustStoreOptions {
  std::vector<std::string> paths;  ///< files (PEM, DER, PKCS#7) or directories
  rules::Profile profile = rules::Profile::Teams;
};

/// One check: the roots of the profile's list found in the bundle (certificates) and one
/// TRUST_STORE_MISSING_ROOT per missing root (error: used today; warning: on the 2026 list).
Result<report::CheckResult> run_trust_store(const TrustStoreOptions& options);

}  // namespace sipmtls::app
