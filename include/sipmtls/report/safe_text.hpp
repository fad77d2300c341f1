// SPDX-License-Identifier: MIT
// Text that came from a peer or a file, made safe to print: it may hold invalid UTF-8 (which a JSON
// writer must not throw on) and control characters (which would move a terminal's cursor, ring
// its bell or forge a report line).
#pragma once

#include <string>
#include <string_view>

#include "sipmtls/report/model.hpp"

namespace sipmtls::report {

/// The text with every byte that is not part of valid UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text);
/// valid_utf8, and every control character (C0 including CR and LF, DEL, C1) written as \xNN, so
/// that one field stays on one line and sends nothing to the terminal but text.
std::string terminal_safe(std::string_view text);
/// A copy of the check with terminal_safe applied to every string in it.
CheckResult terminal_safe(const CheckResult& check);

}  // namespace sipmtls::report
