// SPDX-License-Identifier: MIT
// PKCS#10 certification requests (RFC 2986) read with our DER reader: mbedTLS's request parser
// refuses a critical EKU and ignores the attributes Windows writes (template, SAN pairs).
#include <mbedtls/ecp.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>

#include "der.hpp"
#include "native.hpp"
#include "request_extensions.hpp"
#include "signature.hpp"
#include "sipmtls/ascii.hpp"
#include "sipmtls/cert/request.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned char kBitString = 0x03;
constexpr unsigned char kBmpString = 0x1E;
constexpr unsigned char kAttributesTag = 0xA0;  // [0] IMPLICIT SET OF Attribute
constexpr std::string_view kOidCommonName = "2.5.4.3";
constexpr std::string_view kOidExtensionRequest = "1.2.840.113549.1.9.14";
constexpr std::string_view kOidMsExtensionRequest = "1.3.6.1.4.1.311.2.1.14";   // Windows XP/2003
constexpr std::string_view kOidEnrollmentNameValue = "1.3.6.1.4.1.311.13.2.1";  // "SAN", "CertificateTemplate"

// The most specific CN of a Name.
std::string common_name(der::Bytes name) {
  std::string cn;
  der::Reader rdns(name);
  der::Tlv rdn;
  while (rdns.expect(der::kSet, rdn)) {
    der::Reader atvs(rdn.value);
    der::Tlv atv;
    while (atvs.expect(der::kSequence, atv)) {
      der::Reader fields(atv.value);
      der::Tlv oid, value;
      if (!fields.expect(der::kOid, oid) || !fields.next(value)) continue;
      if (der::oid_text(oid.value) != kOidCommonName) continue;
      cn = as_utf8(value.tag, value.value).value_or(std::string(value.value.begin(), value.value.end()));
    }
  }
  return cn;
}

void read_key(der::Bytes spki, CertRequest& r) {
  r.public_key.assign(spki.begin(), spki.end());
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  if (mbedtls_pk_parse_public_key(&pk, spki.data(), spki.size()) == 0) {
    r.facts.key_bits = static_cast<int>(mbedtls_pk_get_bitlen(&pk));
    const mbedtls_pk_type_t type = mbedtls_pk_get_type(&pk);
    if (type == MBEDTLS_PK_RSA) r.facts.key_type = KeyType::Rsa;
    if (type == MBEDTLS_PK_ECKEY || type == MBEDTLS_PK_ECDSA) {
      r.facts.key_type = KeyType::Ec;
      const mbedtls_ecp_curve_info* info =
          mbedtls_ecp_curve_info_from_grp_id(mbedtls_ecp_keypair_get_group_id(mbedtls_pk_ec(pk)));
      if (info != nullptr) r.facts.key_curve = info->name;
    }
  }
  mbedtls_pk_free(&pk);
}

bool check_signature(der::Bytes cri, der::Bytes algorithm, der::Bytes bits, der::Bytes spki) {
  if (bits.empty() || bits[0] != 0) return false;
  mbedtls_pk_context pk;
  mbedtls_pk_init(&pk);
  const bool ok = mbedtls_pk_parse_public_key(&pk, spki.data(), spki.size()) == 0 &&
                  signature_verifies(cri, algorithm, bits.subspan(1), pk);
  mbedtls_pk_free(&pk);
  return ok;
}

void read_signature_algorithm(der::Bytes algorithm, CertFacts& f) {
  der::Reader r(algorithm);
  der::Tlv oid;
  if (!r.expect(der::kOid, oid)) return;
  mbedtls_x509_buf buf{MBEDTLS_ASN1_OID, oid.value.size(), const_cast<unsigned char*>(oid.value.data())};
  const char* desc = nullptr;
  f.signature_algorithm = mbedtls_oid_get_sig_alg_desc(&buf, &desc) == 0 && desc ? desc : der::oid_text(oid.value);
  // The request's own signature only proves possession of the key; the certificate's signature
  // is the CA's choice, so the strength rules get no hash from here.
}

// EnrollmentNameValuePair ::= SEQUENCE { name BMPString, value BMPString }
void read_name_value_pairs(der::Bytes values, CertRequest& r) {
  der::Reader pairs(values);
  der::Tlv pair;
  while (pairs.expect(der::kSequence, pair)) {
    der::Reader fields(pair.value);
    der::Tlv name, value;
    if (!fields.expect(kBmpString, name) || !fields.expect(kBmpString, value)) continue;
    const std::string key = ascii_lower(as_utf8(name.tag, name.value).value_or(""));
    const std::string text = as_utf8(value.tag, value.value).value_or("");
    if (key == "san") r.san_attribute.push_back(text);
    if (key == "certificatetemplate") r.template_name = text;
  }
}

bool read_attributes(der::Bytes attributes, CertRequest& r) {
  der::Reader reader(attributes);
  der::Tlv attribute;
  while (reader.expect(der::kSequence, attribute)) {
    der::Reader fields(attribute.value);
    der::Tlv type, values, first;
    if (!fields.expect(der::kOid, type) || !fields.expect(der::kSet, values)) return false;
    const std::string id = der::oid_text(type.value);
    if (id == kOidExtensionRequest || id == kOidMsExtensionRequest) {
      der::Reader set(values.value);
      if (!set.next(first) || !read_requested_extensions(first.whole, r.facts, r.template_name)) return false;
    }
    if (id == kOidEnrollmentNameValue) read_name_value_pairs(values.value, r);
  }
  return !reader.failed();
}

}  // namespace

Result<CertRequest> parse_pkcs10(std::span<const unsigned char> data) {
  ensure_crypto_initialised();
  const Error bad = input_error("not a PKCS#10 certificate request (RFC 2986)");
  der::Reader outer(data);
  der::Tlv request, cri, algorithm, signature;
  if (!outer.expect(der::kSequence, request)) return bad;
  der::Reader parts(request.value);
  if (!parts.expect(der::kSequence, cri) || !parts.expect(der::kSequence, algorithm) ||
      !parts.expect(kBitString, signature)) {
    return bad;
  }
  der::Reader fields(cri.value);
  der::Tlv version, subject, spki, attributes;
  int v = 0;
  if (!fields.expect(der::kInteger, version) || !der::small_integer(version.value, v) ||
      !fields.expect(der::kSequence, subject) || !fields.expect(der::kSequence, spki)) {
    return bad;
  }
  CertRequest r;
  r.facts.version = 3;
  if (v != 0) return input_error("a PKCS#10 request of version " + std::to_string(v + 1) + "; only version 1 exists");
  if (fields.next(attributes)) {
    if (attributes.tag != kAttributesTag || !read_attributes(attributes.value, r)) {
      return input_error("the request's attributes or requested extensions are malformed");
    }
  }
  r.facts.subject = distinguished_name_text(subject.whole).value_or("(unprintable name)");
  r.facts.subject_empty = subject.value.empty();
  r.facts.subject_cn = common_name(subject.value);
  if (auto rdns = canonical_rdns(subject.whole)) r.facts.subject_rdns = std::move(*rdns);
  read_key(spki.whole, r);
  read_signature_algorithm(algorithm.value, r.facts);
  r.signature_ok = check_signature(cri.whole, algorithm.value, signature.value, spki.whole);
  r.facts.sha256 = sha256_hex(request.whole);
  return r;
}

}  // namespace sipmtls::cert
