// SPDX-License-Identifier: MIT
// Findings: facts about a certificate or a peer, each with a stable code (findings.def).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipmtls {

enum class Severity { Info, Warning, Error };

enum class FindingCode {
#define SIPMTLS_FINDING(id, code, hex, name, alt_hex, alt_name, event, meaning) id,
#include "sipmtls/findings.def"
#undef SIPMTLS_FINDING
};

/// A Windows HRESULT an administrator would see for the same failure.
struct WindowsError {
  std::uint32_t hex = 0;
  std::string_view name;
};

/// The fixed facts of a code: its stable name, Windows errors and LCS event (0 = none).
struct FindingInfo {
  std::string_view code;
  std::optional<WindowsError> windows;
  std::optional<WindowsError> windows_alt;
  int lcs_event = 0;
  std::string_view meaning;  ///< one phrase, as `sipmtls codes` prints it
};

const FindingInfo& finding_info(FindingCode code);
std::string_view finding_code_name(FindingCode code);
/// The code for a stable name such as "NAME_MISMATCH"; nullopt when there is none.
std::optional<FindingCode> finding_code_from_name(std::string_view name);
std::vector<FindingCode> all_finding_codes();

std::string_view severity_name(Severity severity);

struct Finding {
  FindingCode code;
  Severity severity = Severity::Error;
  /// Which certificate or side it is about, e.g. "leaf CN=sip-a.contoso.test".
  std::string subject;
  /// Plain words with the names involved.
  std::string message;
  /// The concrete fix.
  std::string remediation;
};

/// True when any finding has error severity.
bool has_errors(const std::vector<Finding>& findings);

}  // namespace sipmtls
