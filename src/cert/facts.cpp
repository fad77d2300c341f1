// SPDX-License-Identifier: MIT
// Fact extraction: mbedTLS's parsed certificate turned into the plain CertFacts the rules read.
#include <mbedtls/ecp.h>
#include <mbedtls/oid.h>
#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>

#include <cstdio>
#include <cstring>

#include "native.hpp"

namespace sipmtls::cert {
namespace {

UnixTime to_unix(const mbedtls_x509_time& t) {
  return unix_time(t.year, t.mon, t.day, t.hour, t.min, t.sec);
}

std::string dn_string(const mbedtls_x509_name& name) {
  char buf[1024];
  const int n = mbedtls_x509_dn_gets(buf, sizeof buf, &name);
  return n < 0 ? std::string("(unprintable name)") : std::string(buf, static_cast<std::size_t>(n));
}

std::string last_cn(const mbedtls_x509_name* name) {
  std::string cn;
  for (; name != nullptr; name = name->next) {
    if (MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &name->oid) == 0) {
      cn.assign(reinterpret_cast<const char*>(name->val.p), name->val.len);
    }
  }
  return cn;
}


void extract_san(const mbedtls_x509_crt& crt, CertFacts& f) {
  f.has_san = mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_SUBJECT_ALT_NAME) != 0;
  for (const mbedtls_x509_sequence* cur = &crt.subject_alt_names; cur != nullptr && cur->buf.p != nullptr;
       cur = cur->next) {
    mbedtls_x509_subject_alternative_name san;
    if (mbedtls_x509_parse_subject_alt_name(&cur->buf, &san) != 0) {
      f.san_other.push_back("unsupported");
      continue;
    }
    const auto& u = san.san.unstructured_name;
    std::string text(reinterpret_cast<const char*>(u.p), u.len);
    switch (san.type) {
      case MBEDTLS_X509_SAN_DNS_NAME: f.san_dns.push_back(text); break;
      case MBEDTLS_X509_SAN_UNIFORM_RESOURCE_IDENTIFIER: f.san_uri.push_back(text); break;
      case MBEDTLS_X509_SAN_IP_ADDRESS: f.san_ip.push_back(ip_text({u.p, u.len})); break;
      case MBEDTLS_X509_SAN_RFC822_NAME: f.san_other.push_back("email:" + text); break;
      case MBEDTLS_X509_SAN_DIRECTORY_NAME: f.san_other.push_back("dirName"); break;
      default: f.san_other.push_back("otherName"); break;
    }
    mbedtls_x509_free_subject_alt_name(&san);
  }
}

void extract_eku(const mbedtls_x509_crt& crt, CertFacts& f) {
  f.has_eku = mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE) != 0;
  for (const mbedtls_x509_sequence* cur = &crt.ext_key_usage; cur != nullptr && cur->buf.p != nullptr;
       cur = cur->next) {
    char buf[128];
    if (mbedtls_oid_get_numeric_string(buf, sizeof buf, &cur->buf) > 0) f.eku.emplace_back(buf);
  }
}

void extract_key(const mbedtls_x509_crt& crt, CertFacts& f) {
  const mbedtls_pk_type_t type = mbedtls_pk_get_type(&crt.pk);
  f.key_bits = static_cast<int>(mbedtls_pk_get_bitlen(&crt.pk));
  if (type == MBEDTLS_PK_RSA) {
    f.key_type = KeyType::Rsa;
  } else if (type == MBEDTLS_PK_ECKEY || type == MBEDTLS_PK_ECDSA || type == MBEDTLS_PK_ECKEY_DH) {
    f.key_type = KeyType::Ec;
    const mbedtls_ecp_curve_info* info =
        mbedtls_ecp_curve_info_from_grp_id(mbedtls_ecp_keypair_get_group_id(mbedtls_pk_ec(crt.pk)));
    if (info != nullptr) f.key_curve = info->name;
  }
}

void extract_signature(const mbedtls_x509_crt& crt, CertFacts& f) {
  const char* desc = nullptr;
  if (mbedtls_oid_get_sig_alg_desc(&crt.sig_oid, &desc) == 0 && desc != nullptr) {
    f.signature_algorithm = desc;
  } else {
    char buf[128];
    mbedtls_oid_get_numeric_string(buf, sizeof buf, &crt.sig_oid);
    f.signature_algorithm = buf;
  }
  f.signature_pss = crt.MBEDTLS_PRIVATE(sig_pk) == MBEDTLS_PK_RSASSA_PSS;
  switch (crt.MBEDTLS_PRIVATE(sig_md)) {
    case MBEDTLS_MD_MD5: f.signature_hash = "MD5"; break;
    case MBEDTLS_MD_SHA1: f.signature_hash = "SHA1"; break;
    case MBEDTLS_MD_SHA224: f.signature_hash = "SHA224"; break;
    case MBEDTLS_MD_SHA256: f.signature_hash = "SHA256"; break;
    case MBEDTLS_MD_SHA384: f.signature_hash = "SHA384"; break;
    case MBEDTLS_MD_SHA512: f.signature_hash = "SHA512"; break;
    default: f.signature_hash = "unknown"; break;
  }
}

}  // namespace

std::string ip_text(std::span<const unsigned char> ip) {
  char buf[64];
  if (ip.size() == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
    return buf;
  }
  std::string out;
  for (std::size_t i = 0; i + 1 < ip.size(); i += 2) {
    if (i != 0) out += ':';
    std::snprintf(buf, sizeof buf, "%x", (ip[i] << 8) | ip[i + 1]);
    out += buf;
  }
  return out;
}

std::string sha256_hex(std::span<const unsigned char> data) {
  unsigned char digest[32];
  if (mbedtls_sha256(data.data(), data.size(), digest, 0) != 0) return {};
  return hex(digest, 32, false);
}

std::string sha1_hex(std::span<const unsigned char> data) {
  unsigned char digest[20];
  if (mbedtls_sha1(data.data(), data.size(), digest) != 0) return {};
  return hex(digest, 20, false);
}

std::string hex(const unsigned char* p, std::size_t n, bool colons) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (colons && i != 0) out += ':';
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

CertFacts extract_facts(const mbedtls_x509_crt& crt) {
  CertFacts f;
  f.version = crt.version;
  f.subject = dn_string(crt.subject);
  f.issuer = dn_string(crt.issuer);
  f.subject_cn = last_cn(&crt.subject);
  f.subject_empty = crt.subject_raw.len <= 2;  // the SEQUENCE tag and a zero length
  f.serial = hex(crt.serial.p, crt.serial.len, true);
  f.serial_octets = crt.serial.len;
  f.serial_negative = crt.serial.len > 0 && (crt.serial.p[0] & 0x80) != 0;
  f.serial_zero = true;
  for (std::size_t i = 0; i < crt.serial.len; ++i) f.serial_zero = f.serial_zero && crt.serial.p[i] == 0;
  f.not_before = to_unix(crt.valid_from);
  f.not_after = to_unix(crt.valid_to);
  extract_san(crt, f);
  extract_eku(crt, f);
  f.has_key_usage = mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_KEY_USAGE) != 0;
  if (f.has_key_usage) f.key_usage = crt.MBEDTLS_PRIVATE(key_usage) & 0xFFu;
  f.has_basic_constraints = mbedtls_x509_crt_has_ext_type(&crt, MBEDTLS_X509_EXT_BASIC_CONSTRAINTS) != 0;
  f.is_ca = crt.MBEDTLS_PRIVATE(ca_istrue) != 0;
  // mbedTLS stores pathLenConstraint + 1, and 0 when absent.
  f.path_len = crt.MBEDTLS_PRIVATE(max_pathlen) > 0 ? crt.MBEDTLS_PRIVATE(max_pathlen) - 1 : -1;
  extract_key(crt, f);
  extract_signature(crt, f);
  f.subject_canonical = canonical_name({crt.subject_raw.p, crt.subject_raw.len});
  f.subject_der_size = crt.subject_raw.len;
  f.issuer_canonical = canonical_name({crt.issuer_raw.p, crt.issuer_raw.len});
  f.subject_rdns = canonical_rdns({crt.subject_raw.p, crt.subject_raw.len}).value_or(std::vector<std::string>{});
  for (const mbedtls_x509_name* n = &crt.subject; n != nullptr; n = n->next) {
    if (n->oid.p != nullptr && MBEDTLS_OID_CMP(MBEDTLS_OID_PKCS9_EMAIL, &n->oid) == 0) {
      f.subject_emails.emplace_back(reinterpret_cast<const char*>(n->val.p), n->val.len);
    }
  }
  extract_extensions(crt, f);
  f.self_issued = f.subject_canonical == f.issuer_canonical;
  f.sha256 = sha256_hex({crt.raw.p, crt.raw.len});
  f.sha1 = sha1_hex({crt.raw.p, crt.raw.len});
  return f;
}

}  // namespace sipmtls::cert
