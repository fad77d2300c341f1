// SPDX-License-Identifier: MIT
// PKCS#12 / PFX parsing (RFC 7292): DER or BER, MAC check, bags decrypted by pbe.cpp.
#include "pkcs12.hpp"

#include <mbedtls/asn1.h>
#include <mbedtls/md.h>
#include <mbedtls/pkcs12.h>
extern "C" {
#include <mbedtls/constant_time.h>  // this header has no extern "C" guard of its own
}
#include <mbedtls/platform_util.h>

#include "der.hpp"
#include "password.hpp"
#include "pbe.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kOidData = "1.2.840.113549.1.7.1";
constexpr std::string_view kOidEncryptedData = "1.2.840.113549.1.7.6";
constexpr std::string_view kOidKeyBag = "1.2.840.113549.1.12.10.1.1";
constexpr std::string_view kOidShroudedKeyBag = "1.2.840.113549.1.12.10.1.2";
constexpr std::string_view kOidCertBag = "1.2.840.113549.1.12.10.1.3";
constexpr std::string_view kOidSafeContentsBag = "1.2.840.113549.1.12.10.1.6";
constexpr std::string_view kOidX509Certificate = "1.2.840.113549.1.9.22.1";

using Bytes = der::Bytes;
Error malformed(const char* where) { return input_error(std::string("malformed PKCS#12 (") + where + ")"); }

mbedtls_md_type_t md_of_oid(const std::string& oid) {
  if (oid == "1.3.14.3.2.26") return MBEDTLS_MD_SHA1;
  if (oid == "2.16.840.1.101.3.4.2.1") return MBEDTLS_MD_SHA256;
  if (oid == "2.16.840.1.101.3.4.2.2") return MBEDTLS_MD_SHA384;
  if (oid == "2.16.840.1.101.3.4.2.3") return MBEDTLS_MD_SHA512;
  if (oid == "2.16.840.1.101.3.4.2.4") return MBEDTLS_MD_SHA224;
  return MBEDTLS_MD_NONE;
}

// MacData: HMAC over the authSafe content with a key from the PKCS#12 KDF (id 3).
Result<bool> verify_mac(Bytes mac_data, Bytes content, const PbePassword& password) {
  der::Reader r(mac_data);
  der::Tlv digest_info, salt, iterations_tlv;
  if (!r.expect(der::kSequence, digest_info) || !r.expect(der::kOctetString, salt)) {
    return malformed("MacData");
  }
  int iterations = 1;
  if (r.next(iterations_tlv) && !der::small_integer(iterations_tlv.value, iterations)) {
    return malformed("MAC iterations");
  }
  der::Reader di(digest_info.value);
  der::Tlv alg, digest, oid;
  if (!di.expect(der::kSequence, alg) || !di.expect(der::kOctetString, digest)) return malformed("DigestInfo");
  der::Reader ar(alg.value);
  if (!ar.expect(der::kOid, oid)) return malformed("MAC algorithm");
  const mbedtls_md_type_t md = md_of_oid(der::oid_text(oid.value));
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(md);
  if (info == nullptr) return input_error("PKCS#12 MAC algorithm " + der::oid_text(oid.value) + " is not supported");
  const std::size_t size = mbedtls_md_get_size(info);
  std::vector<unsigned char> pwd = kdf_password(password);
  unsigned char key[MBEDTLS_MD_MAX_SIZE];
  unsigned char mac[MBEDTLS_MD_MAX_SIZE];
  int rc = mbedtls_pkcs12_derivation(key, size, pwd.data(), pwd.size(), salt.value.data(), salt.value.size(),
                                     md, MBEDTLS_PKCS12_DERIVE_MAC_KEY, iterations);
  mbedtls_platform_zeroize(pwd.data(), pwd.size());
  if (rc == 0) rc = mbedtls_md_hmac(info, key, size, content.data(), content.size(), mac);
  mbedtls_platform_zeroize(key, sizeof key);
  if (rc != 0) return internal_error("PKCS#12 MAC computation failed");
  return digest.value.size() == size && mbedtls_ct_memcmp(mac, digest.value.data(), size) == 0;
}

class BagCollector {
 public:
  explicit BagCollector(Pkcs12Content& out) : out_(out) {}

  Result<bool> safe_contents(Bytes data, int depth) {
    if (depth > 4) return malformed("nested SafeContents");
    der::Reader outer(data);
    der::Tlv seq;
    if (!outer.expect(der::kSequence, seq)) return malformed("SafeContents");
    der::Reader bags(seq.value);
    der::Tlv bag;
    while (bags.next(bag)) {
      if (bag.tag != der::kSequence) return malformed("SafeBag");
      der::Reader fields(bag.value);
      der::Tlv oid, value;
      if (!fields.expect(der::kOid, oid) || !fields.expect(der::kContext0, value)) return malformed("SafeBag");
      const std::string id = der::oid_text(oid.value);
      if (id == kOidCertBag) {
        auto r = cert_bag(value.value);
        if (!r) return r.error();
      } else if (id == kOidKeyBag || id == kOidShroudedKeyBag) {
        der::Reader inner(value.value);
        der::Tlv key;
        if (!inner.expect(der::kSequence, key)) return malformed("key bag");
        if (out_.key_der.empty()) {
          out_.key_der.assign(key.whole.begin(), key.whole.end());
          out_.key_encrypted = id == kOidShroudedKeyBag;
        }
      } else if (id == kOidSafeContentsBag) {
        auto r = safe_contents(value.value, depth + 1);
        if (!r) return r.error();
      }
    }
    if (bags.failed()) return malformed("SafeContents");
    return true;
  }

 private:
  Result<bool> cert_bag(Bytes data) {
    der::Reader r(data);
    der::Tlv seq, oid, wrapper, octets;
    if (!r.expect(der::kSequence, seq)) return malformed("CertBag");
    der::Reader f(seq.value);
    if (!f.expect(der::kOid, oid) || !f.expect(der::kContext0, wrapper)) return malformed("CertBag");
    if (der::oid_text(oid.value) != kOidX509Certificate) return true;  // SDSI certificates: ignored
    der::Reader w(wrapper.value);
    if (!w.expect(der::kOctetString, octets)) return malformed("CertBag value");
    out_.certificates.emplace_back(octets.value.begin(), octets.value.end());
    return true;
  }

  Pkcs12Content& out_;
};

// One ContentInfo of the AuthenticatedSafe: plain data, or encryptedData to decrypt first.
Result<bool> content_info(Bytes info, const PbePassword& password, BagCollector& bags) {
  der::Reader r(info);
  der::Tlv oid, wrapper;
  if (!r.expect(der::kOid, oid) || !r.expect(der::kContext0, wrapper)) return malformed("ContentInfo");
  const std::string type = der::oid_text(oid.value);
  der::Reader w(wrapper.value);
  if (type == kOidData) {
    der::Tlv octets;
    if (!w.expect(der::kOctetString, octets)) return malformed("data ContentInfo");
    return bags.safe_contents(octets.value, 0);
  }
  if (type != kOidEncryptedData) return input_error("PKCS#12 content type " + type + " is not supported");
  der::Tlv encrypted_data, version, eci, content_type, algorithm, content;
  if (!w.expect(der::kSequence, encrypted_data)) return malformed("EncryptedData");
  der::Reader ed(encrypted_data.value);
  if (!ed.expect(der::kInteger, version) || !ed.expect(der::kSequence, eci)) return malformed("EncryptedData");
  der::Reader e(eci.value);
  if (!e.expect(der::kOid, content_type) || !e.expect(der::kSequence, algorithm) || !e.next(content)) {
    return malformed("EncryptedContentInfo");
  }
  // encryptedContent [0] IMPLICIT OCTET STRING: primitive, or constructed from segments (BER).
  std::vector<unsigned char> joined;
  if (content.tag == 0xA0) {
    der::Reader segments(content.value);
    der::Tlv segment;
    while (segments.next(segment)) {
      if (segment.tag != der::kOctetString) return malformed("encryptedContent");
      joined.insert(joined.end(), segment.value.begin(), segment.value.end());
    }
    if (segments.failed()) return malformed("encryptedContent");
  } else if (content.tag == 0x80) {
    joined.assign(content.value.begin(), content.value.end());
  } else {
    return malformed("EncryptedContentInfo");
  }
  auto plain = pbe_decrypt(algorithm.value, joined, password);
  if (!plain) {
    if (plain.error().cause == ErrorCause::Password) return password_error("wrong password for the PKCS#12 file");
    return input_error("PKCS#12 " + plain.error().message);
  }
  auto der = der::ber_to_der(plain.value());
  mbedtls_platform_zeroize(plain->data(), plain->size());
  if (!der) return password_error("wrong password for the PKCS#12 file (its contents do not decrypt)");
  auto result = bags.safe_contents(*der, 0);
  mbedtls_platform_zeroize(der->data(), der->size());
  return result;
}

}  // namespace

bool looks_like_pkcs12(const std::vector<unsigned char>& data) {
  // PFX ::= SEQUENCE { version INTEGER {v3(3)}, ... }, the SEQUENCE's length maybe indefinite (BER).
  if (data.size() < 5 || data[0] != der::kSequence) return false;
  std::size_t pos = 2;
  if (data[1] > 0x80) pos += data[1] & 0x7F;
  return data.size() >= pos + 3 && data[pos] == der::kInteger && data[pos + 1] == 1 && data[pos + 2] == 3;
}

Result<Pkcs12Content> parse_pkcs12(const std::vector<unsigned char>& ber, const PbePassword& password) {
  auto data = der::ber_to_der(ber);
  if (!data) return input_error("the PKCS#12 file is damaged: truncated, or not DER or BER");
  // A copy of everything, an unencrypted key bag too (exports "without a password"): wiped at the end.
  WipeOnExit wipe_data(*data);
  der::Reader r(*data);
  der::Tlv pfx, version, auth_safe, mac_data;
  if (!r.expect(der::kSequence, pfx)) return malformed("PFX");
  der::Reader f(pfx.value);
  if (!f.expect(der::kInteger, version) || !f.expect(der::kSequence, auth_safe)) return malformed("PFX");
  const bool has_mac = f.next(mac_data);
  if (f.failed()) return malformed("PFX");

  der::Reader ai(auth_safe.value);
  der::Tlv oid, wrapper, octets;
  if (!ai.expect(der::kOid, oid) || !ai.expect(der::kContext0, wrapper)) return malformed("authSafe");
  if (der::oid_text(oid.value) != kOidData) return input_error("public-key protected PKCS#12 is not supported");
  der::Reader w(wrapper.value);
  if (!w.expect(der::kOctetString, octets)) return malformed("authSafe content");

  if (has_mac) {
    auto ok = verify_mac(mac_data.value, octets.value, password);
    if (!ok) return ok.error();
    if (!ok.value()) return password_error("wrong password for the PKCS#12 file (the MAC does not verify)");
  }

  // The AuthenticatedSafe inside the OCTET STRING may be BER too (BouncyCastle).
  auto auth_safe_der = der::ber_to_der(octets.value);
  if (!auth_safe_der) return malformed("AuthenticatedSafe");
  WipeOnExit wipe_auth_safe(*auth_safe_der);
  Pkcs12Content content;
  BagCollector bags(content);
  der::Reader safe(*auth_safe_der);
  der::Tlv seq, info;
  if (!safe.expect(der::kSequence, seq)) return malformed("AuthenticatedSafe");
  der::Reader infos(seq.value);
  while (infos.next(info)) {
    if (info.tag != der::kSequence) return malformed("AuthenticatedSafe");
    auto r2 = content_info(info.value, password, bags);
    if (!r2) return r2.error();
  }
  if (infos.failed()) return malformed("AuthenticatedSafe");
  return content;
}

}  // namespace sipmtls::cert
