// SPDX-License-Identifier: MIT
// RC2 (RFC 2268), only to read legacy PKCS#12 files (pbeWithSHAAnd40BitRC2-CBC): mbedTLS has no RC2.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace sipmtls::cert {

class Rc2 {
 public:
  /// Expands a key of 1..128 bytes with the given effective key bits (RFC 2268 §2).
  Rc2(std::span<const unsigned char> key, int effective_bits);
  void encrypt_block(const unsigned char in[8], unsigned char out[8]) const;
  void decrypt_block(const unsigned char in[8], unsigned char out[8]) const;
  /// CBC decryption; data must be a multiple of 8 bytes. Padding is left to the caller.
  std::vector<unsigned char> cbc_decrypt(std::span<const unsigned char> data,
                                         std::span<const unsigned char, 8> iv) const;

 private:
  std::array<std::uint16_t, 64> k_{};
};

}  // namespace sipmtls::cert
