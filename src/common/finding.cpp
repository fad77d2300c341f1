// SPDX-License-Identifier: MIT
// The finding table (findings.def) as data: names, Windows errors, LCS events.
#include "sipmtls/finding.hpp"

#include <array>

namespace sipmtls {
namespace {

std::optional<WindowsError> win(std::uint32_t hex, std::string_view name) {
  if (hex == 0) return std::nullopt;
  return WindowsError{hex, name};
}

const std::vector<FindingInfo>& table() {
  static const std::vector<FindingInfo> infos = {
#define SIPMTLS_FINDING(id, code, hex, name, alt_hex, alt_name, event, meaning) \
  FindingInfo{code, win(hex, name), win(alt_hex, alt_name), event, meaning},
#include "sipmtls/findings.def"
#undef SIPMTLS_FINDING
  };
  return infos;
}

}  // namespace

const FindingInfo& finding_info(FindingCode code) { return table().at(static_cast<std::size_t>(code)); }

std::string_view finding_code_name(FindingCode code) { return finding_info(code).code; }

std::optional<FindingCode> finding_code_from_name(std::string_view name) {
  const auto& t = table();
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].code == name) return static_cast<FindingCode>(i);
  }
  return std::nullopt;
}

std::vector<FindingCode> all_finding_codes() {
  std::vector<FindingCode> codes;
  for (std::size_t i = 0; i < table().size(); ++i) codes.push_back(static_cast<FindingCode>(i));
  return codes;
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "error";
}

bool has_errors(const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    if (f.severity == Severity::Error) return true;
  }
  return false;
}

}  // namespace sipmtls
