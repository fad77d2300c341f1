// SPDX-License-Identifier: MIT
// A minimal DER reader: tag-length-value walking with bounds checks (definite lengths only).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <optional>
#include <string>
#include <vector>

namespace sipmtls::cert::der {

inline constexpr unsigned char kInteger = 0x02;
inline constexpr unsigned char kOctetString = 0x04;
inline constexpr unsigned char kOid = 0x06;
inline constexpr unsigned char kSequence = 0x30;
inline constexpr unsigned char kSet = 0x31;
inline constexpr unsigned char kContext0 = 0xA0;  // [0] constructed

using Bytes = std::span<const unsigned char>;

struct Tlv {
  unsigned char tag = 0;
  Bytes value;  ///< the contents
  Bytes whole;  ///< tag, length and contents
};

/// Reads consecutive TLVs from a byte range; stops (returns false) at the end or on bad input.
class Reader {
 public:
  explicit Reader(Bytes data) : data_(data) {}
  bool at_end() const { return pos_ >= data_.size(); }
  bool failed() const { return failed_; }
  /// The next element; false at the end or when it is malformed (then failed() is true).
  bool next(Tlv& out);
  /// The next element, which must have the given tag.
  bool expect(unsigned char tag, Tlv& out) { return next(out) && (out.tag == tag || fail()); }

 private:
  bool fail() {
    failed_ = true;
    return false;
  }
  Bytes data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

/// Dotted text of an OBJECT IDENTIFIER's contents ("1.2.840.113549.1.12.10.1.2").
std::string oid_text(Bytes oid_value);
/// A non-negative INTEGER's value; false when negative or larger than 2^31-1.
bool small_integer(Bytes value, int& out);

/// Appends one DER element (tag, minimal length, contents) to out.
void append_tlv(std::vector<unsigned char>& out, unsigned char tag, Bytes contents);

/// The DER form of a BER element and what follows it at the same level: indefinite lengths
/// made definite, long-form lengths made minimal, constructed OCTET STRINGs joined into one
/// (as BouncyCastle and Java write PKCS#12 and PKCS#7). Primitive contents, such as a
/// certificate inside an OCTET STRING, are copied unchanged. nullopt when the input is not BER.
std::optional<std::vector<unsigned char>> ber_to_der(Bytes ber);

}  // namespace sipmtls::cert::der
