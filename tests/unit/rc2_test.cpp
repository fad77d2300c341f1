// SPDX-License-Identifier: MIT
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include <array>
#include <vector>

#include "cert/rc2.hpp"

using sipmtls::cert::Rc2;
using Block = std::array<unsigned char, 8>;

TEST_CASE("RC2 matches the RFC 2268 test vectors", "[rc2]") {
  struct Vector { std::vector<unsigned char> key; int bits; Block plain, cipher; };
  const Vector v = GENERATE(
      Vector{{0, 0, 0, 0, 0, 0, 0, 0}, 63, {0, 0, 0, 0, 0, 0, 0, 0}, {0xeb, 0xb7, 0x73, 0xf9, 0x93, 0x27, 0x8e, 0xff}},
      Vector{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 64, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
             {0x27, 0x8b, 0x27, 0xe4, 0x2e, 0x2f, 0x0d, 0x49}},
      Vector{{0x30, 0, 0, 0, 0, 0, 0, 0}, 64, {0x10, 0, 0, 0, 0, 0, 0, 1}, {0x30, 0x64, 0x9e, 0xdf, 0x9b, 0xe7, 0xd2, 0xc2}},
      Vector{{0x88}, 64, {0, 0, 0, 0, 0, 0, 0, 0}, {0x61, 0xa8, 0xa2, 0x44, 0xad, 0xac, 0xcc, 0xf0}});
  Rc2 rc2(v.key, v.bits);
  Block out{}, back{};
  rc2.encrypt_block(v.plain.data(), out.data());
  CHECK(out == v.cipher);
  rc2.decrypt_block(out.data(), back.data());
  CHECK(back == v.plain);
}

TEST_CASE("RC2 with another key does not decrypt", "[rc2]") {
  const std::vector<unsigned char> key{1, 2, 3, 4, 5};
  const std::vector<unsigned char> other{1, 2, 3, 4, 6};
  Block plain{1, 2, 3, 4, 5, 6, 7, 8}, cipher{}, back{};
  Rc2(key, 40).encrypt_block(plain.data(), cipher.data());
  Rc2(other, 40).decrypt_block(cipher.data(), back.data());
  CHECK(back != plain);
}
