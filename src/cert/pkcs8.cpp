// SPDX-License-Identifier: MIT
// PKCS#8: decryption with our PBE code and removal of the fields mbedTLS cannot read.
#include "pkcs8.hpp"

#include <mbedtls/platform_util.h>

namespace sipmtls::cert {
namespace {

constexpr unsigned char kAttributesTag = 0xA0;  // attributes [0] IMPLICIT SET OF Attribute
constexpr unsigned char kPublicKeyTag = 0x81;   // publicKey [1] IMPLICIT BIT STRING (RFC 5958)
constexpr unsigned char kPublicKeyTagConstructed = 0xA1;

}  // namespace

bool is_encrypted_pkcs8(der::Bytes der) {
  // EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
  der::Reader outer(der);
  der::Tlv seq, algorithm, data;
  if (!outer.expect(der::kSequence, seq) || !outer.at_end()) return false;
  der::Reader fields(seq.value);
  return fields.expect(der::kSequence, algorithm) && fields.expect(der::kOctetString, data) && fields.at_end();
}

Result<std::vector<unsigned char>> decrypt_pkcs8(der::Bytes der, const PbePassword& password) {
  der::Reader outer(der);
  der::Tlv seq, algorithm, data;
  if (!outer.expect(der::kSequence, seq)) return input_error("malformed encrypted PKCS#8 key");
  der::Reader fields(seq.value);
  if (!fields.expect(der::kSequence, algorithm) || !fields.expect(der::kOctetString, data)) {
    return input_error("malformed encrypted PKCS#8 key");
  }
  auto plain = pbe_decrypt(algorithm.value, data.value, password);
  if (!plain) {
    if (plain.error().cause == ErrorCause::Password) return password_error("wrong password for the encrypted key");
    return input_error("the encrypted key: " + plain.error().message);
  }
  // A wrong password can still yield valid padding by chance: the result must be a key.
  der::Reader check(plain.value());
  der::Tlv key;
  if (!check.expect(der::kSequence, key) || !check.at_end()) {
    mbedtls_platform_zeroize(plain->data(), plain->size());
    return password_error("wrong password for the encrypted key");
  }
  return plain;
}

std::optional<std::vector<unsigned char>> plain_pkcs8(der::Bytes der) {
  // PrivateKeyInfo ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
  //   privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL, publicKey [1] OPTIONAL }
  der::Reader outer(der);
  der::Tlv seq, version, algorithm, key, extra;
  if (!outer.expect(der::kSequence, seq)) return std::nullopt;
  der::Reader fields(seq.value);
  int v = -1;
  if (!fields.expect(der::kInteger, version) || !der::small_integer(version.value, v) || v > 1 ||
      !fields.expect(der::kSequence, algorithm) || !fields.expect(der::kOctetString, key)) {
    return std::nullopt;
  }
  bool changed = v != 0;
  while (fields.next(extra)) {
    if (extra.tag != kAttributesTag && extra.tag != kPublicKeyTag && extra.tag != kPublicKeyTagConstructed) {
      return std::nullopt;
    }
    changed = true;
  }
  if (fields.failed() || !changed) return std::nullopt;
  std::vector<unsigned char> body;
  static constexpr unsigned char kZero[] = {0};
  der::append_tlv(body, der::kInteger, kZero);
  body.insert(body.end(), algorithm.whole.begin(), algorithm.whole.end());
  body.insert(body.end(), key.whole.begin(), key.whole.end());
  std::vector<unsigned char> out;
  der::append_tlv(out, der::kSequence, body);
  mbedtls_platform_zeroize(body.data(), body.size());
  return out;
}

}  // namespace sipmtls::cert
