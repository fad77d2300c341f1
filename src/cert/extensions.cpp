// SPDX-License-Identifier: MIT
// The extensions mbedTLS does not expose: criticality, key identifiers, CRL distribution points and
// authority information access.
#include <functional>

#include "der.hpp"
#include "native.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kOidCrlDistributionPoints = "2.5.29.31";
constexpr std::string_view kOidAuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";
constexpr unsigned char kUriTag = 0x86;           // GeneralName uniformResourceIdentifier [6] IMPLICIT
constexpr unsigned char kKeyIdentifierTag = 0x80;  // AuthorityKeyIdentifier keyIdentifier [0] IMPLICIT
constexpr unsigned char kBoolean = 0x01;

// Collects every URI GeneralName below an element, descending into constructed ones.
void collect_uris(der::Bytes data, std::vector<std::string>& out, int depth) {
  if (depth > 8) return;
  der::Reader reader(data);
  der::Tlv tlv;
  while (reader.next(tlv)) {
    if (tlv.tag == kUriTag) {
      out.emplace_back(reinterpret_cast<const char*>(tlv.value.data()), tlv.value.size());
    } else if (tlv.tag & 0x20) {
      collect_uris(tlv.value, out, depth + 1);
    }
  }
}

// AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF SEQUENCE { accessMethod OID, accessLocation GeneralName }
bool aia_well_formed(der::Bytes value) {
  der::Reader outer(value);
  der::Tlv list;
  if (!outer.expect(der::kSequence, list) || !outer.at_end() || list.value.empty()) return false;
  der::Reader items(list.value);
  der::Tlv item;
  while (items.next(item)) {
    if (item.tag != der::kSequence) return false;
    der::Reader fields(item.value);
    der::Tlv method, location;
    if (!fields.expect(der::kOid, method) || !fields.next(location) || !fields.at_end()) return false;
  }
  return !items.failed();
}

// AuthorityKeyIdentifier ::= SEQUENCE { [0] keyIdentifier, [1] authorityCertIssuer, [2] serialNumber }
void read_authority_key_id(der::Bytes value, CertFacts& facts) {
  der::Reader outer(value);
  der::Tlv seq;
  if (!outer.expect(der::kSequence, seq)) return;
  der::Reader fields(seq.value);
  der::Tlv field;
  while (fields.next(field)) {
    if (field.tag == kKeyIdentifierTag) {
      facts.authority_key_id = hex(field.value.data(), field.value.size(), false);
    } else {
      facts.authority_key_id_names_issuer = true;
    }
  }
}

void read_subject_key_id(der::Bytes value, CertFacts& facts) {
  der::Reader outer(value);
  der::Tlv id;
  if (outer.expect(der::kOctetString, id)) facts.subject_key_id = hex(id.value.data(), id.value.size(), false);
}

}  // namespace

void for_each_extension(const mbedtls_x509_buf& extensions,
                        const std::function<void(const ExtensionFacts&, der::Bytes)>& visit) {
  if (extensions.p == nullptr) return;
  // The buffer covers the Extensions SEQUENCE (inside the [0] or [3] wrapper).
  der::Reader outer(der::Bytes(extensions.p, extensions.len));
  der::Tlv list;
  if (!outer.expect(der::kSequence, list)) return;
  der::Reader reader(list.value);
  der::Tlv ext;
  // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
  while (reader.expect(der::kSequence, ext)) {
    der::Reader fields(ext.value);
    der::Tlv oid, item;
    if (!fields.expect(der::kOid, oid) || !fields.next(item)) continue;
    ExtensionFacts info{der::oid_text(oid.value), false};
    if (item.tag == kBoolean) {
      info.critical = item.value.size() == 1 && item.value[0] != 0;
      if (!fields.next(item)) continue;
    }
    if (item.tag == der::kOctetString) visit(info, item.value);
  }
}

void extract_extensions(const mbedtls_x509_crt& crt, CertFacts& facts) {
  for_each_extension(crt.v3_ext, [&](const ExtensionFacts& info, der::Bytes value) {
    const std::string& id = info.oid;
    if (id == kOidCrlDistributionPoints) collect_uris(value, facts.crl_urls, 0);
    if (id == kOidAuthorityInfoAccess) {
      collect_uris(value, facts.aia_urls, 0);
      facts.aia_malformed = !aia_well_formed(value);
    }
    if (id == kOidAuthorityKeyId) read_authority_key_id(value, facts);
    if (id == kOidSubjectKeyId) read_subject_key_id(value, facts);
    facts.extensions.push_back(info);
  });
}

}  // namespace sipmtls::cert
