// SPDX-License-Identifier: MIT
// PKCS#8 PEM writing: PrivateKeyInfo around mbedTLS's PKCS#1/SEC1 key, and its PBES2 encryption.
#include "pkcs8_write.hpp"

#include <mbedtls/base64.h>
#include <mbedtls/cipher.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>

#include <vector>

#include "der.hpp"
#include "native.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned kIterations = 100000;  // OWASP's floor for PBKDF2-HMAC-SHA256 is higher; OpenSSL 3 writes 2048
// DER OIDs (contents only).
constexpr unsigned char kOidPbes2[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D};
constexpr unsigned char kOidPbkdf2[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0C};
constexpr unsigned char kOidHmacSha256[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x09};
constexpr unsigned char kOidAes256Cbc[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A};

struct Wiped : std::vector<unsigned char> {
  using std::vector<unsigned char>::vector;
  ~Wiped() { mbedtls_platform_zeroize(data(), size()); }
};

using Bytes = std::vector<unsigned char>;

Bytes tlv(unsigned char tag, der::Bytes contents) {
  Bytes out;
  der::append_tlv(out, tag, contents);
  return out;
}

Bytes cat(std::initializer_list<der::Bytes> parts) {
  Bytes out;
  for (auto p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier (from the public key's SPKI), OCTET STRING key }
Result<Wiped> private_key_info(const mbedtls_pk_context& key) {
  Wiped buf(8192);
  int n = mbedtls_pk_write_key_der(&key, buf.data(), buf.size());
  if (n <= 0) return internal_error("cannot encode the private key");
  const der::Bytes inner(buf.data() + buf.size() - n, static_cast<std::size_t>(n));
  Bytes spki(4096);
  const int m = mbedtls_pk_write_pubkey_der(&key, spki.data(), spki.size());
  if (m <= 0) return internal_error("cannot encode the public key");
  der::Reader r(der::Bytes(spki.data() + spki.size() - m, static_cast<std::size_t>(m)));
  der::Tlv seq, algorithm;
  if (!r.expect(der::kSequence, seq) || !der::Reader(seq.value).expect(der::kSequence, algorithm)) {
    return internal_error("cannot encode the public key");
  }
  static constexpr unsigned char kVersion0[] = {0x00};
  const Bytes version = tlv(der::kInteger, kVersion0);
  Wiped octets;
  der::append_tlv(octets, der::kOctetString, inner);
  Wiped body;
  for (der::Bytes part : {der::Bytes(version), algorithm.whole, der::Bytes(octets)}) body.insert(body.end(), part.begin(), part.end());
  Wiped out;
  der::append_tlv(out, der::kSequence, body);
  return out;
}

Result<Bytes> encrypt(const Wiped& plain, const std::string& password) {
  unsigned char salt[16], iv[16];
  if (random_bytes(nullptr, salt, sizeof salt) != 0 || random_bytes(nullptr, iv, sizeof iv) != 0) {
    return internal_error("no randomness for the key encryption");
  }
  unsigned char key[32];
  if (mbedtls_pkcs5_pbkdf2_hmac_ext(MBEDTLS_MD_SHA256, reinterpret_cast<const unsigned char*>(password.data()),
                                    password.size(), salt, sizeof salt, kIterations, sizeof key, key) != 0) {
    return internal_error("PBKDF2 failed");
  }
  Bytes cipher(plain.size() + 16);
  std::size_t len = 0;
  mbedtls_cipher_context_t ctx;
  mbedtls_cipher_init(&ctx);
  int rc = mbedtls_cipher_setup(&ctx, mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_256_CBC));
  if (rc == 0) rc = mbedtls_cipher_setkey(&ctx, key, 256, MBEDTLS_ENCRYPT);
  if (rc == 0) rc = mbedtls_cipher_set_padding_mode(&ctx, MBEDTLS_PADDING_PKCS7);
  if (rc == 0) rc = mbedtls_cipher_crypt(&ctx, iv, sizeof iv, plain.data(), plain.size(), cipher.data(), &len);
  mbedtls_cipher_free(&ctx);
  mbedtls_platform_zeroize(key, sizeof key);
  if (rc != 0) return internal_error("AES-256-CBC failed");
  cipher.resize(len);
  static constexpr unsigned char kNull[] = {0x05, 0x00};
  static_assert(kIterations >= 0x10000 && kIterations < 0x800000, "three octets, minimal DER");
  const unsigned char iterations[] = {static_cast<unsigned char>(kIterations >> 16),
                                      static_cast<unsigned char>(kIterations >> 8), static_cast<unsigned char>(kIterations)};
  const Bytes prf = tlv(der::kSequence, cat({tlv(der::kOid, kOidHmacSha256), der::Bytes(kNull)}));
  const Bytes kdf_params = tlv(der::kSequence, cat({tlv(der::kOctetString, salt), tlv(der::kInteger, iterations), prf}));
  const Bytes kdf = tlv(der::kSequence, cat({tlv(der::kOid, kOidPbkdf2), kdf_params}));
  const Bytes scheme = tlv(der::kSequence, cat({tlv(der::kOid, kOidAes256Cbc), tlv(der::kOctetString, iv)}));
  const Bytes algorithm = tlv(der::kSequence, cat({tlv(der::kOid, kOidPbes2), tlv(der::kSequence, cat({kdf, scheme}))}));
  return tlv(der::kSequence, cat({algorithm, tlv(der::kOctetString, cipher)}));
}

std::string pem(std::string_view label, der::Bytes der) {
  std::size_t len = 0;
  mbedtls_base64_encode(nullptr, 0, &len, der.data(), der.size());
  std::string b64(len, '\0');
  mbedtls_base64_encode(reinterpret_cast<unsigned char*>(b64.data()), b64.size(), &len, der.data(), der.size());
  b64.resize(len);
  std::string out = "-----BEGIN " + std::string(label) + "-----\n";
  for (std::size_t i = 0; i < b64.size(); i += 64) out += b64.substr(i, 64) + "\n";
  mbedtls_platform_zeroize(b64.data(), b64.size());
  return out + "-----END " + std::string(label) + "-----\n";
}

}  // namespace

Result<std::string> pkcs8_pem(const mbedtls_pk_context& key, const std::string* password) {
  auto info = private_key_info(key);
  if (!info) return info.error();
  if (password == nullptr) return pem("PRIVATE KEY", *info);
  auto encrypted = encrypt(*info, *password);
  if (!encrypted) return encrypted.error();
  return pem("ENCRYPTED PRIVATE KEY", *encrypted);
}

}  // namespace sipmtls::cert
