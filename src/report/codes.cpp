// SPDX-License-Identifier: MIT
// `sipmtls codes`: findings.def and the profile table as text and JSON.
#include "sipmtls/report/codes.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sipmtls/rules/code_profiles.hpp"

namespace sipmtls::report {
namespace {

std::string hex_name(const WindowsError& w) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08X", w.hex);
  return std::string(hex) + ' ' + std::string(w.name);
}

std::vector<FindingCode> selected(std::optional<FindingCode> only) {
  return only ? std::vector<FindingCode>{*only} : all_finding_codes();
}

/// "all profiles" when every profile raises it alike, else "ocs (error), teams (warning)".
std::string profiles_text(const std::vector<rules::ProfileUse>& uses) {
  bool alike = uses.size() == rules::all_profiles().size();
  for (const auto& u : uses) alike = alike && u.severity == uses.front().severity && u.when == uses.front().when;
  if (alike) {
    std::string out = "all profiles (" + std::string(severity_name(uses.front().severity));
    if (!uses.front().when.empty()) out += ", " + std::string(uses.front().when);
    return out + ')';
  }
  std::string out;
  for (const auto& u : uses) {
    out += (out.empty() ? "" : ", ") + std::string(rules::profile_name(u.profile)) + " (" +
           std::string(severity_name(u.severity));
    if (!u.when.empty()) out += ", " + std::string(u.when);
    out += ')';
  }
  return out;
}

}  // namespace

std::string windows_text(const FindingInfo& info) {
  if (!info.windows) return {};
  std::string out = hex_name(*info.windows);
  if (info.windows_alt) out += " / " + hex_name(*info.windows_alt);
  return out;
}

std::string render_codes_text(std::optional<FindingCode> only) {
  std::ostringstream o;
  for (FindingCode code : selected(only)) {
    const FindingInfo& info = finding_info(code);
    o << info.code << "\n  " << info.meaning << '\n';
    if (const auto win = windows_text(info); !win.empty()) {
      o << "  windows:  " << win;
      if (info.lcs_event != 0) o << "  (LCS event " << info.lcs_event << " on the dialling server)";
      o << '\n';
    }
    o << "  profiles: " << profiles_text(rules::profiles_raising(code)) << "\n\n";
  }
  o << "Severities are without --x509-strict, which makes encoding flaws, weak keys and unknown "
       "revocation errors.\n";
  return o.str();
}

std::string render_codes_json(std::optional<FindingCode> only) {
  nlohmann::json codes = nlohmann::json::array();
  for (FindingCode code : selected(only)) {
    const FindingInfo& info = finding_info(code);
    nlohmann::json windows = nlohmann::json::array();
    for (const auto& w : {info.windows, info.windows_alt}) {
      if (!w) continue;
      char hex[16];
      std::snprintf(hex, sizeof hex, "0x%08X", w->hex);
      windows.push_back({{"hex", hex}, {"name", std::string(w->name)}});
    }
    nlohmann::json profiles = nlohmann::json::array();
    for (const auto& u : rules::profiles_raising(code)) {
      nlohmann::json p = {{"profile", std::string(rules::profile_name(u.profile))},
                          {"severity", std::string(severity_name(u.severity))}};
      if (!u.when.empty()) p["when"] = std::string(u.when);
      profiles.push_back(p);
    }
    nlohmann::json entry = {{"code", std::string(info.code)}, {"meaning", std::string(info.meaning)},
                            {"windows", windows}, {"profiles", profiles}};
    if (info.lcs_event != 0) entry["lcs_event"] = info.lcs_event;
    codes.push_back(entry);
  }
  return nlohmann::json{{"codes", codes}}.dump(2) + "\n";
}

}  // namespace sipmtls::report
