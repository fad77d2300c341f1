// SPDX-License-Identifier: MIT
// The extensions mbedTLS does not expose: criticality, key identifiers, CRL distribution points and
// authority information access.
#include <functional>

#include "der.hpp"
#include "distribution_point.hpp"
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

// The URIs of the AIA's access descriptions with this access method.
std::vector<std::string> aia_uris(der::Bytes value, std::string_view method_oid) {
  std::vector<std::string> out;
  der::Reader outer(value);
  der::Tlv list;
  if (!outer.expect(der::kSequence, list)) return out;
  der::Reader items(list.value);
  der::Tlv item;
  while (items.next(item)) {
    der::Reader fields(item.value);
    der::Tlv method, location;
    if (item.tag != der::kSequence || !fields.expect(der::kOid, method) || !fields.next(location)) continue;
    if (location.tag == kUriTag && der::oid_text(method.value) == method_oid) {
      out.emplace_back(reinterpret_cast<const char*>(location.value.data()), location.value.size());
    }
  }
  return out;
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

// GeneralName tags (RFC 5280 §4.2.1.6), context-specific.
constexpr unsigned char kOtherNameTag = 0xA0;
constexpr unsigned char kRfc822Tag = 0x81;
constexpr unsigned char kDnsTag = 0x82;
constexpr unsigned char kX400Tag = 0xA3;
constexpr unsigned char kDirectoryNameTag = 0xA4;
constexpr unsigned char kEdiPartyTag = 0xA5;
constexpr unsigned char kIpTag = 0x87;

// The SAN entries mbedTLS leaves out or gives only as text.
void read_subject_alt_names(der::Bytes value, CertFacts& facts) {
  der::Reader outer(value);
  der::Tlv seq;
  if (!outer.expect(der::kSequence, seq)) return;
  der::Reader names(seq.value);
  der::Tlv name;
  while (names.next(name)) {
    const std::string text(name.value.begin(), name.value.end());
    if (name.tag == kRfc822Tag) facts.san_email.push_back(text);
    if (name.tag == kIpTag) facts.san_ip_raw.push_back(text);
    if (name.tag == kDirectoryNameTag) {
      if (auto rdns = canonical_rdns(name.value)) facts.san_dirnames.push_back(std::move(*rdns));
    }
    if (name.tag == kOtherNameTag || name.tag == kX400Tag || name.tag == kEdiPartyTag) facts.san_other_name = true;
  }
}

// GeneralSubtrees ::= SEQUENCE OF GeneralSubtree { base GeneralName, minimum [0], maximum [1] }
bool read_subtrees(der::Bytes list, std::vector<GeneralSubtree>& out) {
  der::Reader subtrees(list);
  der::Tlv subtree;
  while (subtrees.next(subtree)) {
    der::Reader fields(subtree.value);
    der::Tlv base;
    if (subtree.tag != der::kSequence || !fields.next(base)) return false;
    GeneralSubtree s;
    s.value.assign(base.value.begin(), base.value.end());
    switch (base.tag) {
      case kDnsTag: s.form = NameForm::Dns; break;
      case kRfc822Tag: s.form = NameForm::Email; break;
      case 0x86: s.form = NameForm::Uri; break;
      case kIpTag:
        if (base.value.size() != 8 && base.value.size() != 32) return false;
        s.form = NameForm::Ip;
        break;
      case kDirectoryNameTag: {
        auto rdns = canonical_rdns(base.value);
        if (!rdns) return false;
        s.form = NameForm::DirectoryName;
        s.rdns = std::move(*rdns);
        break;
      }
      default: s.form = NameForm::Other; break;
    }
    out.push_back(std::move(s));
  }
  return !subtrees.failed();
}

// NameConstraints ::= SEQUENCE { permittedSubtrees [0] OPTIONAL, excludedSubtrees [1] OPTIONAL }
void read_name_constraints(der::Bytes value, CertFacts& facts) {
  NameConstraints& nc = facts.name_constraints;
  nc.present = true;
  der::Reader outer(value);
  der::Tlv seq;
  if (!outer.expect(der::kSequence, seq)) {
    nc.malformed = true;
    return;
  }
  der::Reader parts(seq.value);
  der::Tlv part;
  while (parts.next(part)) {
    if (part.tag == 0xA0) {
      nc.malformed = nc.malformed || !read_subtrees(part.value, nc.permitted);
    } else if (part.tag == 0xA1) {
      nc.malformed = nc.malformed || !read_subtrees(part.value, nc.excluded);
    } else {
      nc.malformed = true;
    }
  }
  nc.malformed = nc.malformed || parts.failed() || (nc.permitted.empty() && nc.excluded.empty());
}

void read_subject_key_id(der::Bytes value, CertFacts& facts) {
  der::Reader outer(value);
  der::Tlv id;
  if (outer.expect(der::kOctetString, id)) facts.subject_key_id = hex(id.value.data(), id.value.size(), false);
}

}  // namespace

bool for_each_extension(der::Bytes extensions, const std::function<void(const ExtensionFacts&, der::Bytes)>& visit) {
  der::Reader outer(extensions);
  der::Tlv list;
  if (!outer.expect(der::kSequence, list)) return false;
  der::Reader reader(list.value);
  der::Tlv ext;
  bool well_formed = true;
  // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
  while (reader.expect(der::kSequence, ext)) {
    der::Reader fields(ext.value);
    der::Tlv oid, item;
    if (!fields.expect(der::kOid, oid) || !fields.next(item)) {
      well_formed = false;
      continue;
    }
    ExtensionFacts info{der::oid_text(oid.value), false};
    if (item.tag == kBoolean) {
      info.critical = item.value.size() == 1 && item.value[0] != 0;
      if (!fields.next(item)) {
        well_formed = false;
        continue;
      }
    }
    if (item.tag == der::kOctetString) {
      visit(info, item.value);
    } else {
      well_formed = false;
    }
  }
  return well_formed && !reader.failed();
}

void for_each_extension(const mbedtls_x509_buf& extensions,
                        const std::function<void(const ExtensionFacts&, der::Bytes)>& visit) {
  // The buffer covers the Extensions SEQUENCE (inside the [0] or [3] wrapper).
  if (extensions.p != nullptr) (void)for_each_extension(der::Bytes(extensions.p, extensions.len), visit);
}

void extract_extensions(const mbedtls_x509_crt& crt, CertFacts& facts) {
  for_each_extension(crt.v3_ext, [&](const ExtensionFacts& info, der::Bytes value) {
    const std::string& id = info.oid;
    if (id == kOidCrlDistributionPoints) {
      collect_uris(value, facts.crl_urls, 0);
      facts.distribution_points = parse_distribution_points(value, facts.issuer_canonical);
    }
    if (id == kOidAuthorityInfoAccess) {
      collect_uris(value, facts.aia_urls, 0);
      facts.aia_malformed = !aia_well_formed(value);
      facts.ocsp_urls = aia_uris(value, "1.3.6.1.5.5.7.48.1");
      facts.ca_issuer_urls = aia_uris(value, "1.3.6.1.5.5.7.48.2");
    }
    if (id == kOidAuthorityKeyId) read_authority_key_id(value, facts);
    if (id == kOidSubjectKeyId) read_subject_key_id(value, facts);
    if (id == kOidSubjectAltName) read_subject_alt_names(value, facts);
    if (id == kOidNameConstraints) read_name_constraints(value, facts);
    facts.extensions.push_back(info);
  });
}

}  // namespace sipmtls::cert
