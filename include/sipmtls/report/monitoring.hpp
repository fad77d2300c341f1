// SPDX-License-Identifier: MIT
// Reports for monitoring and sharing: one Nagios status line, and Markdown to paste to a partner.
#pragma once

#include <string>

#include "sipmtls/cert/facts.hpp"
#include "sipmtls/report/model.hpp"

namespace sipmtls::report {

/// Nagios plugin states, which are also the plugin's exit codes.
enum class NagiosState { Ok = 0, Warning = 1, Critical = 2, Unknown = 3 };

/// Text for a Nagios status line: one line, no '|' (Nagios reads what follows as performance data),
/// no control characters.
std::string nagios_safe(std::string text);

/// UNKNOWN when a check could not run, CRITICAL for an error finding, WARNING for a warning.
NagiosState nagios_state(const Report& report);
/// "SIPMTLS CRITICAL - connect sip.fabrikam.com:5061: CERT_EXPIRED leaf ...: ... | days_left=-3;30;0
/// handshake_ms=12.4;;;0": one line; days left of the certificates judged, counted from `now`.
std::string render_nagios(const Report& report, cert::UnixTime now);

/// Markdown an admin can paste into a ticket or a mail to a partner or an SBC vendor.
std::string render_markdown(const Report& report);

}  // namespace sipmtls::report
