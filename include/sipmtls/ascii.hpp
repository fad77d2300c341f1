// SPDX-License-Identifier: MIT
// ASCII case folding for protocol names (DNS names, SIP header names), independent of the locale.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace sipmtls {

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace sipmtls
