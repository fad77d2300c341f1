// SPDX-License-Identifier: MIT
// UTF-8 (RFC 3629) decoding and encoding, for passwords, names and reports.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sipmtls {

/// The code point of the valid UTF-8 sequence at text[i], advancing i past it; nullopt, with i
/// unchanged, when there is none (a stray byte, a truncated sequence, an overlong form, a
/// surrogate, or a value above U+10FFFF).
std::optional<char32_t> next_utf8(std::string_view text, std::size_t& i);
/// Appends the UTF-8 encoding of a code point.
void append_utf8(std::string& out, char32_t cp);

}  // namespace sipmtls
