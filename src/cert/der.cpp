// SPDX-License-Identifier: MIT
// A minimal DER reader (definite-length encodings only, as DER requires).
#include "der.hpp"

namespace sipmtls::cert::der {

bool Reader::next(Tlv& out) {
  if (failed_ || at_end()) return false;
  const std::size_t start = pos_;
  if (data_.size() - pos_ < 2) return fail();
  const unsigned char tag = data_[pos_++];
  if ((tag & 0x1F) == 0x1F) return fail();  // high tag numbers are not used by what we read
  std::size_t len = data_[pos_++];
  if (len & 0x80) {
    const std::size_t n = len & 0x7F;
    if (n == 0 || n > 4 || data_.size() - pos_ < n) return fail();  // 0: indefinite (BER)
    len = 0;
    for (std::size_t i = 0; i < n; ++i) len = (len << 8) | data_[pos_++];
  }
  if (data_.size() - pos_ < len) return fail();
  out.tag = tag;
  out.value = data_.subspan(pos_, len);
  out.whole = data_.subspan(start, pos_ + len - start);
  pos_ += len;
  return true;
}

std::string oid_text(Bytes v) {
  std::string out;
  unsigned long value = 0;
  bool first = true;
  for (unsigned char b : v) {
    value = (value << 7) | (b & 0x7F);
    if (b & 0x80) continue;
    if (first) {
      const unsigned long top = value < 40 ? 0 : value < 80 ? 1 : 2;
      out = std::to_string(top) + "." + std::to_string(value - top * 40);
      first = false;
    } else {
      out += "." + std::to_string(value);
    }
    value = 0;
  }
  return out;
}

bool small_integer(Bytes v, int& out) {
  if (v.empty() || v.size() > 4 || (v[0] & 0x80)) return false;
  long long value = 0;
  for (unsigned char b : v) value = (value << 8) | b;
  if (value > 0x7FFFFFFF) return false;
  out = static_cast<int>(value);
  return true;
}

}  // namespace sipmtls::cert::der
