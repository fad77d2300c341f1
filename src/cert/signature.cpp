// SPDX-License-Identifier: MIT
// Signature checks: hash the to-be-signed bytes, verify with the issuer's key (PKCS#1, PSS, ECDSA).
#include "signature.hpp"

#include "der.hpp"

#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>

#include <cstring>

namespace sipmtls::cert {
namespace {

bool verify(const mbedtls_x509_buf& tbs, const mbedtls_x509_buf& sig, mbedtls_md_type_t md_type,
            mbedtls_pk_type_t pk_type, const void* opts, const mbedtls_pk_context& key) {
  const mbedtls_md_info_t* md = mbedtls_md_info_from_type(md_type);
  if (md == nullptr) return false;
  unsigned char hash[MBEDTLS_MD_MAX_SIZE];
  if (mbedtls_md(md, tbs.p, tbs.len, hash) != 0) return false;
  if (mbedtls_pk_can_do(&key, pk_type) == 0) return false;
  return mbedtls_pk_verify_ext(pk_type, opts, const_cast<mbedtls_pk_context*>(&key), md_type, hash,
                               mbedtls_md_get_size(md), sig.p, sig.len) == 0;
}

}  // namespace

bool remembered(std::string key, const std::function<bool()>& check) {
  static std::mutex mutex;
  static std::unordered_map<std::string, bool> known;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = known.find(key); it != known.end()) return it->second;
  }
  const bool ok = check();
  std::lock_guard<std::mutex> lock(mutex);
  if (known.size() >= 4096) known.clear();
  known.emplace(std::move(key), ok);
  return ok;
}

bool signed_by_cached(const Certificate& child, const Certificate& parent) {
  return remembered(child.facts().sha256 + parent.facts().sha256, [&] {
    const mbedtls_x509_crt& c = *child.native();
    const auto tbs = child.signed_bytes();
    return !child.signature_malformed() &&
           verify({0, tbs.size(), const_cast<unsigned char*>(tbs.data())}, c.MBEDTLS_PRIVATE(sig),
                  c.MBEDTLS_PRIVATE(sig_md), c.MBEDTLS_PRIVATE(sig_pk), c.MBEDTLS_PRIVATE(sig_opts),
                  parent.native()->pk);
  });
}

bool signature_verifies(std::span<const unsigned char> tbs, std::span<const unsigned char> algorithm,
                        std::span<const unsigned char> sig, const mbedtls_x509_crt& signer) {
  return signature_verifies(tbs, algorithm, sig, signer.pk);
}

bool signature_verifies(std::span<const unsigned char> tbs, std::span<const unsigned char> algorithm,
                        std::span<const unsigned char> sig, const mbedtls_pk_context& key) {
  der::Reader r(algorithm);
  der::Tlv oid;
  if (!r.expect(der::kOid, oid)) return false;
  mbedtls_x509_buf oid_buf{MBEDTLS_ASN1_OID, oid.value.size(), const_cast<unsigned char*>(oid.value.data())};
  mbedtls_md_type_t md = MBEDTLS_MD_NONE;
  mbedtls_pk_type_t pk = MBEDTLS_PK_NONE;
  if (mbedtls_oid_get_sig_alg(&oid_buf, &md, &pk) != 0 || pk == MBEDTLS_PK_RSASSA_PSS) return false;
  const mbedtls_x509_buf tbs_buf{0, tbs.size(), const_cast<unsigned char*>(tbs.data())};
  const mbedtls_x509_buf sig_buf{0, sig.size(), const_cast<unsigned char*>(sig.data())};
  return verify(tbs_buf, sig_buf, md, pk, nullptr, key);
}

bool same_name(const mbedtls_x509_buf& a, const mbedtls_x509_buf& b) {
  return a.len == b.len && std::memcmp(a.p, b.p, a.len) == 0;
}

}  // namespace sipmtls::cert
