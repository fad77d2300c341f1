// SPDX-License-Identifier: MIT
// The peer's SIP identity against its certificate: Teams Direct Routing finds the SBC by the FQDN
// in its Contact (or Record-Route) and requires the SBC certificate to name it (shared/docs/
// LCS-RULES.md §7); other products route by it too.
#pragma once

#include <string>

#include "sipmtls/report/model.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::app {

/// SIP_IDENTITY_MISMATCH when the Record-Route (else Contact) host of r.sip is not among the names
/// of the peer's certificate (r.peer): an error under teams, a warning elsewhere.
void check_sip_identity(report::CheckResult& r, rules::Profile profile, const std::string& label);

}  // namespace sipmtls::app
