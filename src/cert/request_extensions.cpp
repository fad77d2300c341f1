// SPDX-License-Identifier: MIT
// Requested extensions read from their DER (RFC 2986 §4.1, PKCS#9 extensionRequest).
#include "request_extensions.hpp"

#include "native.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned char kBoolean = 0x01;
constexpr unsigned char kBitString = 0x03;
constexpr std::string_view kOidTemplateNameExt = "1.3.6.1.4.1.311.20.2";  // V1 template name
constexpr std::string_view kOidTemplateExt = "1.3.6.1.4.1.311.21.7";      // V2 template OID

void read_san(der::Bytes value, CertFacts& f) {
  der::Reader outer(value);
  der::Tlv seq;
  if (!outer.expect(der::kSequence, seq)) return;
  f.has_san = true;
  der::Reader names(seq.value);
  der::Tlv name;
  while (names.next(name)) {
    const std::string text(name.value.begin(), name.value.end());
    switch (name.tag) {
      case 0x81: f.san_email.push_back(text); f.san_other.push_back("email:" + text); break;
      case 0x82: f.san_dns.push_back(text); break;
      case 0x86: f.san_uri.push_back(text); break;
      case 0x87: f.san_ip.push_back(ip_text(name.value)); f.san_ip_raw.push_back(text); break;
      case 0xA4: f.san_other.push_back("dirName"); break;
      default: f.san_other.push_back("otherName"); f.san_other_name = true; break;
    }
  }
}

void read_eku(der::Bytes value, CertFacts& f) {
  der::Reader outer(value);
  der::Tlv seq;
  if (!outer.expect(der::kSequence, seq)) return;
  f.has_eku = true;
  der::Reader oids(seq.value);
  der::Tlv oid;
  while (oids.expect(der::kOid, oid)) f.eku.push_back(der::oid_text(oid.value));
}

void read_key_usage(der::Bytes value, CertFacts& f) {
  der::Reader outer(value);
  der::Tlv bits;
  if (!outer.expect(kBitString, bits) || bits.value.empty()) return;
  f.has_key_usage = true;
  f.key_usage = bits.value.size() > 1 ? bits.value[1] : 0;
}

void read_basic_constraints(der::Bytes value, CertFacts& f) {
  der::Reader outer(value);
  der::Tlv seq;
  if (!outer.expect(der::kSequence, seq)) return;
  f.has_basic_constraints = true;
  der::Reader fields(seq.value);
  der::Tlv item;
  if (fields.next(item) && item.tag == kBoolean) f.is_ca = item.value.size() == 1 && item.value[0] != 0;
}

// The template a Windows request names: the V1 template's name (1.3.6.1.4.1.311.20.2), else the
// V2 template's OID (1.3.6.1.4.1.311.21.7, CertificateTemplate ::= SEQUENCE { templateID OID, ... }).
void read_template(const std::string& id, der::Bytes value, std::string& name) {
  der::Reader r(value);
  der::Tlv inner, oid;
  if (id == kOidTemplateNameExt && r.next(inner)) {
    name = as_utf8(inner.tag, inner.value).value_or(std::string(inner.value.begin(), inner.value.end()));
  }
  if (id == kOidTemplateExt && r.expect(der::kSequence, inner) && der::Reader(inner.value).expect(der::kOid, oid)) {
    name = der::oid_text(oid.value);
  }
}

}  // namespace

bool read_requested_extensions(der::Bytes extensions, CertFacts& f, std::string& template_name) {
  return for_each_extension(extensions, [&](const ExtensionFacts& info, der::Bytes value) {
    if (info.oid == kOidSubjectAltName) read_san(value, f);
    if (info.oid == kOidExtendedKeyUsage) read_eku(value, f);
    if (info.oid == kOidKeyUsage) read_key_usage(value, f);
    if (info.oid == kOidBasicConstraints) read_basic_constraints(value, f);
    if (template_name.empty()) read_template(info.oid, value, template_name);
    f.extensions.push_back(info);
  });
}

}  // namespace sipmtls::cert
