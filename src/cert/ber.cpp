// SPDX-License-Identifier: MIT
// BER to DER (X.690 §8 to §10): what other producers write, in the form the DER reader takes.
#include "der.hpp"

namespace sipmtls::cert::der {
namespace {

constexpr int kMaxDepth = 64;
constexpr unsigned char kConstructed = 0x20;
constexpr unsigned char kConstructedOctetString = 0x24;

class Converter {
 public:
  explicit Converter(Bytes in) : in_(in) {}

  // Converts the elements from pos_ up to end (or up to an end-of-contents marker when
  // indefinite) and appends their DER to out.
  bool elements(std::size_t end, bool indefinite, std::vector<unsigned char>& out, int depth) {
    if (depth > kMaxDepth) return false;
    while (pos_ < end) {
      if (indefinite && end - pos_ >= 2 && in_[pos_] == 0 && in_[pos_ + 1] == 0) {
        pos_ += 2;
        return true;
      }
      if (!element(end, out, depth)) return false;
    }
    return !indefinite;  // an indefinite length needs its end-of-contents marker
  }

 private:
  bool element(std::size_t end, std::vector<unsigned char>& out, int depth) {
    if (end - pos_ < 2) return false;
    const unsigned char tag = in_[pos_++];
    if ((tag & 0x1F) == 0x1F) return false;
    std::size_t len = in_[pos_++];
    const bool indefinite = len == 0x80;
    if (indefinite) {
      if ((tag & kConstructed) == 0) return false;
      len = end - pos_;
    } else if (len & 0x80) {
      const std::size_t n = len & 0x7F;
      if (n > 4 || end - pos_ < n) return false;
      len = 0;
      for (std::size_t i = 0; i < n; ++i) len = (len << 8) | in_[pos_++];
    }
    if (end - pos_ < len) return false;
    if ((tag & kConstructed) == 0) {
      append_tlv(out, tag, in_.subspan(pos_, len));
      pos_ += len;
      return true;
    }
    std::vector<unsigned char> inner;
    if (!elements(pos_ + len, indefinite, inner, depth + 1)) return false;
    if (tag == kConstructedOctetString) return join_octet_strings(inner, out);
    append_tlv(out, tag, inner);
    return true;
  }

  // The segments of a constructed OCTET STRING, already DER (so each is a primitive one).
  static bool join_octet_strings(Bytes segments, std::vector<unsigned char>& out) {
    std::vector<unsigned char> joined;
    Reader r(segments);
    Tlv segment;
    while (r.next(segment)) {
      if (segment.tag != kOctetString) return false;
      joined.insert(joined.end(), segment.value.begin(), segment.value.end());
    }
    if (r.failed()) return false;
    append_tlv(out, kOctetString, joined);
    return true;
  }

  Bytes in_;
  std::size_t pos_ = 0;
};

}  // namespace

void append_tlv(std::vector<unsigned char>& out, unsigned char tag, Bytes contents) {
  out.push_back(tag);
  const std::size_t len = contents.size();
  if (len < 0x80) {
    out.push_back(static_cast<unsigned char>(len));
  } else {
    unsigned char digits[sizeof(std::size_t)];
    std::size_t n = 0;
    for (std::size_t v = len; v != 0; v >>= 8) digits[n++] = static_cast<unsigned char>(v & 0xFF);
    out.push_back(static_cast<unsigned char>(0x80 | n));
    while (n > 0) out.push_back(digits[--n]);
  }
  out.insert(out.end(), contents.begin(), contents.end());
}

std::optional<std::vector<unsigned char>> ber_to_der(Bytes ber) {
  std::vector<unsigned char> out;
  out.reserve(ber.size());
  Converter converter(ber);
  if (!converter.elements(ber.size(), false, out, 0)) return std::nullopt;
  return out;
}

}  // namespace sipmtls::cert::der
