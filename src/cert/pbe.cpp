// SPDX-License-Identifier: MIT
// Password-based decryption for PKCS#12 bags and PKCS#8 keys (RFC 7292 appendix B and C, RFC 8018).
#include "pbe.hpp"

#include <mbedtls/cipher.h>
#include <mbedtls/pkcs12.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>

#include "rc2.hpp"
#include "sipmtls/utf8.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kOidPbes2 = "1.2.840.113549.1.5.13";
constexpr std::string_view kOidPbeSha3Des = "1.2.840.113549.1.12.1.3";
constexpr std::string_view kOidPbeSha2Des = "1.2.840.113549.1.12.1.4";
constexpr std::string_view kOidPbeShaRc2_128 = "1.2.840.113549.1.12.1.5";
constexpr std::string_view kOidPbeShaRc2_40 = "1.2.840.113549.1.12.1.6";

void push_unit(std::vector<unsigned char>& out, long unit) {
  out.push_back(static_cast<unsigned char>((unit >> 8) & 0xFF));
  out.push_back(static_cast<unsigned char>(unit & 0xFF));
}

// Removes PKCS#7 padding; false when it is not valid (a wrong key, usually).
bool unpad(std::vector<unsigned char>& data) {
  if (data.empty()) return false;
  const unsigned char n = data.back();
  if (n == 0 || n > 8 || n > data.size()) return false;
  for (std::size_t i = data.size() - n; i < data.size(); ++i) {
    if (data[i] != n) return false;
  }
  data.resize(data.size() - n);
  return true;
}

Error malformed(const char* where) { return input_error(std::string("malformed encryption parameters (") + where + ")"); }

// Key and IV of a PKCS#12 PBE (RFC 7292 appendix C): SHA-1 KDF over the BMPString password
// (so an absent password can be told from an empty one, which mbedTLS's own wrapper cannot).
struct Pkcs12Secret {
  unsigned char key[24] = {};
  unsigned char iv[8] = {};
  ~Pkcs12Secret() {
    mbedtls_platform_zeroize(key, sizeof key);
    mbedtls_platform_zeroize(iv, sizeof iv);
  }
};

Result<bool> pkcs12_derive(der::Bytes params, der::Bytes data, const PbePassword& password, std::size_t key_len,
                           Pkcs12Secret& out) {
  der::Reader r(params);
  der::Tlv salt, iter;
  int iterations = 0;
  if (!r.expect(der::kOctetString, salt) || !r.expect(der::kInteger, iter) ||
      !der::small_integer(iter.value, iterations) || data.empty() || data.size() % 8 != 0) {
    return malformed("PKCS#12 PBE");
  }
  std::vector<unsigned char> pwd = kdf_password(password);
  int rc = mbedtls_pkcs12_derivation(out.key, key_len, pwd.data(), pwd.size(), salt.value.data(),
                                     salt.value.size(), MBEDTLS_MD_SHA1, MBEDTLS_PKCS12_DERIVE_KEY, iterations);
  if (rc == 0) {
    rc = mbedtls_pkcs12_derivation(out.iv, 8, pwd.data(), pwd.size(), salt.value.data(), salt.value.size(),
                                   MBEDTLS_MD_SHA1, MBEDTLS_PKCS12_DERIVE_IV, iterations);
  }
  mbedtls_platform_zeroize(pwd.data(), pwd.size());
  if (rc != 0) return internal_error("PKCS#12 key derivation failed");
  return true;
}

Result<std::vector<unsigned char>> unpadded(std::vector<unsigned char> out) {
  if (unpad(out)) return out;
  mbedtls_platform_zeroize(out.data(), out.size());
  return password_error("wrong password");
}

Result<std::vector<unsigned char>> decrypt_rc2(der::Bytes params, der::Bytes data, const PbePassword& password,
                                               std::size_t key_len, int effective_bits) {
  Pkcs12Secret secret;
  auto derived = pkcs12_derive(params, data, password, key_len, secret);
  if (!derived) return derived.error();
  Rc2 cipher(der::Bytes(secret.key, key_len), effective_bits);
  return unpadded(cipher.cbc_decrypt(data, std::span<const unsigned char, 8>(secret.iv, 8)));
}

Result<std::vector<unsigned char>> decrypt_3des(der::Bytes params, der::Bytes data, const PbePassword& password,
                                                std::size_t key_len) {
  Pkcs12Secret secret;
  auto derived = pkcs12_derive(params, data, password, key_len, secret);
  if (!derived) return derived.error();
  if (key_len == 16) std::copy(secret.key, secret.key + 8, secret.key + 16);  // two-key 3DES: K1 K2 K1
  mbedtls_cipher_context_t ctx;
  mbedtls_cipher_init(&ctx);
  std::vector<unsigned char> out(data.size() + 8);
  std::size_t out_len = 0;
  int rc = mbedtls_cipher_setup(&ctx, mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_DES_EDE3_CBC));
  if (rc == 0) rc = mbedtls_cipher_setkey(&ctx, secret.key, 192, MBEDTLS_DECRYPT);
  if (rc == 0) rc = mbedtls_cipher_set_padding_mode(&ctx, MBEDTLS_PADDING_NONE);
  if (rc == 0) rc = mbedtls_cipher_crypt(&ctx, secret.iv, 8, data.data(), data.size(), out.data(), &out_len);
  mbedtls_cipher_free(&ctx);
  if (rc != 0) return internal_error("3DES decryption failed");
  out.resize(out_len);
  return unpadded(std::move(out));
}

}  // namespace

std::vector<unsigned char> kdf_password(const PbePassword& password) {
  std::vector<unsigned char> out;
  if (password.absent) return out;
  const std::string& s = password.utf8;
  bool utf8 = true;
  for (std::size_t i = 0; i < s.size() && utf8;) {
    const auto cp = next_utf8(s, i);
    if (!cp) {
      utf8 = false;
    } else if (*cp >= 0x10000) {
      push_unit(out, 0xD800 + ((*cp - 0x10000) >> 10));
      push_unit(out, 0xDC00 + ((*cp - 0x10000) & 0x3FF));
    } else {
      push_unit(out, *cp);
    }
  }
  if (!utf8) {
    mbedtls_platform_zeroize(out.data(), out.size());
    out.clear();
    for (unsigned char c : s) push_unit(out, c);
  }
  push_unit(out, 0);
  return out;
}

Result<std::vector<unsigned char>> pbe_decrypt(der::Bytes algorithm, der::Bytes data, const PbePassword& password) {
  der::Reader r(algorithm);
  der::Tlv oid, params;
  if (!r.expect(der::kOid, oid) || !r.next(params)) return malformed("algorithm");
  const std::string id = der::oid_text(oid.value);
  if (id == kOidPbeShaRc2_40) return decrypt_rc2(params.value, data, password, 5, 40);
  if (id == kOidPbeShaRc2_128) return decrypt_rc2(params.value, data, password, 16, 128);
  if (id == kOidPbeSha3Des) return decrypt_3des(params.value, data, password, 24);
  if (id == kOidPbeSha2Des) return decrypt_3des(params.value, data, password, 16);
  if (id != kOidPbes2) return input_error("encryption " + id + " is not supported");

  mbedtls_asn1_buf p{};
  p.tag = params.tag;
  p.len = params.value.size();
  p.p = const_cast<unsigned char*>(params.value.data());
  std::vector<unsigned char> out(data.size() + 32);
  std::size_t out_len = 0;
  // PBES2 takes the password's bytes as they are (RFC 8018 §4): absent and empty are the same.
  const int rc = mbedtls_pkcs5_pbes2_ext(&p, MBEDTLS_PKCS5_DECRYPT,
                                         reinterpret_cast<const unsigned char*>(password.utf8.data()),
                                         password.utf8.size(), data.data(), data.size(), out.data(), out.size(),
                                         &out_len);
  if (rc == MBEDTLS_ERR_PKCS5_FEATURE_UNAVAILABLE) return input_error("this PBES2 cipher or PRF is not supported");
  if (rc == MBEDTLS_ERR_PKCS5_INVALID_FORMAT || rc == MBEDTLS_ERR_PKCS5_BAD_INPUT_DATA) return malformed("PBES2");
  if (rc != 0) {
    mbedtls_platform_zeroize(out.data(), out.size());
    return password_error("wrong password");
  }
  out.resize(out_len);
  return out;
}

}  // namespace sipmtls::cert
