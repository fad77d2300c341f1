// SPDX-License-Identifier: MIT
// The encodings other producers write: BER (BouncyCastle), PKCS#12 password forms (RFC 7292 B.1),
// PKCS#8 with attributes (Windows) and PKCS#7 bundles.
#include <catch2/catch_test_macros.hpp>

#include <cstdlib>
#include <vector>

#include "cert/der.hpp"
#include "cert/password.hpp"
#include "cert/pbe.hpp"
#include "cert/pkcs7.hpp"
#include "cert/pkcs8.hpp"

using sipmtls::cert::PbePassword;
using Bytes = std::vector<unsigned char>;

namespace {
Bytes tlv(unsigned char tag, const Bytes& contents) {
  Bytes out;
  sipmtls::cert::der::append_tlv(out, tag, contents);
  return out;
}
Bytes cat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
}  // namespace

TEST_CASE("BER indefinite lengths become definite", "[cert][ber]") {
  const Bytes ber = {0x30, 0x80, 0x04, 0x01, 0xAA, 0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x00, 0x00};
  const auto der = sipmtls::cert::der::ber_to_der(ber);
  REQUIRE(der);
  CHECK(*der == Bytes{0x30, 0x08, 0x04, 0x01, 0xAA, 0x30, 0x03, 0x02, 0x01, 0x05});
}

TEST_CASE("BER constructed OCTET STRINGs are joined and long lengths made minimal", "[cert][ber]") {
  const Bytes ber = {0x30, 0x81, 0x0B, 0x24, 0x80, 0x04, 0x01, 0xAA, 0x04, 0x02, 0xBB, 0xCC, 0x00, 0x00};
  const auto der = sipmtls::cert::der::ber_to_der(ber);
  REQUIRE(der);
  CHECK(*der == Bytes{0x30, 0x05, 0x04, 0x03, 0xAA, 0xBB, 0xCC});
}

TEST_CASE("malformed BER is refused, not guessed at", "[cert][ber]") {
  using sipmtls::cert::der::ber_to_der;
  CHECK_FALSE(ber_to_der(Bytes{0x30, 0x80, 0x04, 0x01, 0xAA}));        // no end-of-contents
  CHECK_FALSE(ber_to_der(Bytes{0x04, 0x80, 0x00, 0x00}));              // indefinite primitive
  CHECK_FALSE(ber_to_der(Bytes{0x30, 0x05, 0x04, 0x01}));              // length past the end
  CHECK_FALSE(ber_to_der(Bytes{0x24, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00}));  // a segment that is no OCTET STRING
  Bytes deep;
  for (int i = 0; i < 200; ++i) deep.insert(deep.end(), {0x30, 0x80});
  for (int i = 0; i < 200; ++i) deep.insert(deep.end(), {0x00, 0x00});
  CHECK_FALSE(ber_to_der(deep));  // nesting beyond the depth limit
}

TEST_CASE("PKCS#12 KDF passwords are UTF-16 with a terminator; absent is no bytes at all", "[cert][pkcs12]") {
  using sipmtls::cert::kdf_password;
  CHECK(kdf_password(PbePassword{"", true}).empty());
  CHECK(kdf_password(PbePassword{"", false}) == Bytes{0, 0});
  CHECK(kdf_password(PbePassword{"a", false}) == Bytes{0, 'a', 0, 0});
  CHECK(kdf_password(PbePassword{"\xC3\xA4", false}) == Bytes{0x00, 0xE4, 0, 0});        // ä
  CHECK(kdf_password(PbePassword{"\xE2\x82\xAC", false}) == Bytes{0x20, 0xAC, 0, 0});    // €
  CHECK(kdf_password(PbePassword{"\xF0\x9D\x84\x9E", false}) == Bytes{0xD8, 0x34, 0xDD, 0x1E, 0, 0});  // U+1D11E
  CHECK(kdf_password(PbePassword{"\xFF", false}) == Bytes{0x00, 0xFF, 0, 0});  // not UTF-8: Latin-1
}

TEST_CASE("PKCS#8 attributes and RFC 5958 fields are removed for mbedTLS", "[cert][pkcs8]") {
  using sipmtls::cert::plain_pkcs8;
  // version, AlgorithmIdentifier { rsaEncryption }, privateKey OCTET STRING
  const Bytes algorithm = tlv(0x30, {0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01});
  const Bytes key = tlv(0x04, {0x30, 0x00});
  const Bytes v0_fields = cat(cat(Bytes{0x02, 0x01, 0x00}, algorithm), key);
  const Bytes plain = tlv(0x30, v0_fields);
  CHECK_FALSE(plain_pkcs8(plain));  // nothing to remove

  const auto trimmed = plain_pkcs8(tlv(0x30, cat(v0_fields, tlv(0xA0, tlv(0x31, {})))));  // attributes [0]
  REQUIRE(trimmed);
  CHECK(*trimmed == plain);

  const Bytes v1_fields = cat(cat(Bytes{0x02, 0x01, 0x01}, algorithm), key);  // RFC 5958 version 1
  const auto v0 = plain_pkcs8(tlv(0x30, cat(v1_fields, tlv(0x81, {0x00, 0x01}))));  // publicKey [1]
  REQUIRE(v0);
  CHECK(*v0 == plain);

  CHECK_FALSE(plain_pkcs8(tlv(0x30, cat(v0_fields, tlv(0x82, {})))));  // a field no version defines
}

TEST_CASE("an encrypted PKCS#8 key that does not decrypt is refused", "[cert][pkcs8]") {
  // PBES2 parameters that mbedTLS reads, with 16 bytes of ciphertext no password opens as a key.
  const Bytes epki = {
      0x30, 0x5B, 0x30, 0x47, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D,  // PBES2
      0x30, 0x3A, 0x30, 0x1A, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0C,  // PBKDF2
      0x30, 0x0D, 0x04, 0x08, 1, 2, 3, 4, 5, 6, 7, 8, 0x02, 0x01, 0x01,                          // salt, 1 round
      0x30, 0x1C, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x02,              // aes128-cbc
      0x04, 0x0F, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,                             // bad IV size
      0x04, 0x10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  REQUIRE(sipmtls::cert::is_encrypted_pkcs8(epki));
  const auto plain = sipmtls::cert::decrypt_pkcs8(epki, PbePassword{"x", false});
  CHECK_FALSE(plain);
}

TEST_CASE("a PKCS#7 SignedData yields its certificates; other content is not PKCS#7", "[cert][pkcs7]") {
  using sipmtls::cert::pkcs7_certificates;
  const Bytes signed_data_oid = {0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02};
  const Bytes data_oid = {0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01};
  // SignedData { version 1, digestAlgorithms {}, encapContentInfo { data }, [0] { 2 certificates }, signerInfos {} }
  const Bytes certs = tlv(0xA0, cat(tlv(0x30, {}), tlv(0x30, {})));
  const Bytes signed_data =
      tlv(0x30, cat(cat(cat(cat(Bytes{0x02, 0x01, 0x01}, tlv(0x31, {})), tlv(0x30, data_oid)), certs), tlv(0x31, {})));
  const auto found = pkcs7_certificates(tlv(0x30, cat(signed_data_oid, tlv(0xA0, signed_data))));
  REQUIRE(found);
  CHECK(found->size() == 2);
  CHECK_FALSE(pkcs7_certificates(tlv(0x30, cat(data_oid, tlv(0xA0, signed_data)))));
}

TEST_CASE("a password read from the environment is scrubbed there and still served again", "[cert][secrets]") {
  ::setenv("SIPMTLS_UNIT_PASSWORD", "correct horse", 1);
  const sipmtls::cert::PasswordSource source{"SIPMTLS_UNIT_PASSWORD", false, ""};
  auto first = sipmtls::cert::obtain_password(source, "unit.pfx");
  REQUIRE(first);
  CHECK(first.value() == "correct horse");
  CHECK(std::getenv("SIPMTLS_UNIT_PASSWORD") == nullptr);
  auto again = sipmtls::cert::obtain_password(source, "unit.pfx");  // a pair's second identity
  REQUIRE(again);
  CHECK(again.value() == "correct horse");
}
