// SPDX-License-Identifier: MIT
// Big-endian reads of TLS wire structures with bounds checks, for the transcript tap and the
// TLS 1.3 flight reader: a failed read empties the reader and sets ok() to false, so a parser
// never reads past what arrived and stops at the first inconsistency.
#pragma once

#include <cstdint>
#include <span>

namespace sipmtls::tls {

class WireReader {
 public:
  explicit WireReader(std::span<const std::uint8_t> data) : data_(data) {}
  bool ok() const { return ok_; }
  bool empty() const { return data_.empty(); }
  /// An n-byte unsigned integer (n <= 4).
  std::uint32_t u(std::size_t n) {
    if (data_.size() < n) return fail(), 0;
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v = (v << 8) | data_[i];
    data_ = data_.subspan(n);
    return v;
  }
  std::span<const std::uint8_t> take(std::size_t n) {
    if (data_.size() < n) return fail(), std::span<const std::uint8_t>();
    auto out = data_.first(n);
    data_ = data_.subspan(n);
    return out;
  }
  /// A vector with an n-byte length prefix.
  WireReader vec(std::size_t n) { return WireReader(take(u(n))); }

 private:
  void fail() {
    ok_ = false;
    data_ = {};
  }
  std::span<const std::uint8_t> data_;
  bool ok_ = true;
};

}  // namespace sipmtls::tls
