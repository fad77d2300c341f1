// SPDX-License-Identifier: MIT
// Requested extensions read from their DER (RFC 2986 §4.1, PKCS#9 extensionRequest).
#include "request_extensions.hpp"

#include <cstdio>

#include "sipmtls/utf8.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned char kBoolean = 0x01;
constexpr unsigned char kBitString = 0x03;

std::string ip_text(der::Bytes ip) {
  char buf[64];
  if (ip.size() == 4) {
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
    return buf;
  }
  std::string out;
  for (std::size_t i = 0; i + 1 < ip.size(); i += 2) {
    std::snprintf(buf, sizeof buf, "%s%x", i == 0 ? "" : ":", (ip[i] << 8) | ip[i + 1]);
    out += buf;
  }
  return out;
}

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

}  // namespace

bool read_requested_extensions(der::Bytes extensions, CertFacts& f) {
  der::Reader outer(extensions);
  der::Tlv list;
  if (!outer.expect(der::kSequence, list)) return false;
  der::Reader reader(list.value);
  der::Tlv ext;
  // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
  while (reader.expect(der::kSequence, ext)) {
    der::Reader fields(ext.value);
    der::Tlv oid, item;
    if (!fields.expect(der::kOid, oid) || !fields.next(item)) return false;
    ExtensionFacts info{der::oid_text(oid.value), false};
    if (item.tag == kBoolean) {
      info.critical = item.value.size() == 1 && item.value[0] != 0;
      if (!fields.next(item)) return false;
    }
    if (item.tag != der::kOctetString) return false;
    if (info.oid == kOidSubjectAltName) read_san(item.value, f);
    if (info.oid == kOidExtendedKeyUsage) read_eku(item.value, f);
    if (info.oid == kOidKeyUsage) read_key_usage(item.value, f);
    if (info.oid == kOidBasicConstraints) read_basic_constraints(item.value, f);
    f.extensions.push_back(std::move(info));
  }
  return !reader.failed();
}

std::string bmp_to_utf8(der::Bytes bmp) {
  std::string out;
  for (std::size_t i = 0; i + 1 < bmp.size(); i += 2) {
    append_utf8(out, static_cast<char32_t>((static_cast<unsigned>(bmp[i]) << 8) | bmp[i + 1]));
  }
  return out;
}

}  // namespace sipmtls::cert
