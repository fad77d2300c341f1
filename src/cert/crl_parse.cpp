// SPDX-License-Identifier: MIT
// CRL parsing with the DER reader: every field and extension RFC 5280 §5 defines.
#include "crl_parse.hpp"

#include <array>

#include "distribution_point.hpp"
#include "native.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kOidCrlNumber = "2.5.29.20";
constexpr std::string_view kOidDeltaCrlIndicator = "2.5.29.27";
constexpr std::string_view kOidIssuingDistributionPoint = "2.5.29.28";
constexpr std::string_view kOidReasonCode = "2.5.29.21";
constexpr std::string_view kOidCertificateIssuer = "2.5.29.29";
constexpr std::string_view kOidAuthorityKeyIdentifier = "2.5.29.35";
// Understood (or harmless to ignore) when critical: issuerAltName, freshestCRL, AIA, invalidityDate.
constexpr std::string_view kOtherCrlExtensions[] = {"2.5.29.18", "2.5.29.46", "1.3.6.1.5.5.7.1.1"};
constexpr std::string_view kOtherEntryExtensions[] = {"2.5.29.24"};
constexpr unsigned char kBitString = 0x03;
constexpr unsigned char kEnumerated = 0x0A;
constexpr unsigned char kBoolean = 0x01;

Error malformed(const std::string& what) { return input_error("not a well-formed CRL (" + what + ")"); }

std::string integer_hex(der::Bytes v) {
  std::size_t i = 0;
  while (i + 1 < v.size() && v[i] == 0) ++i;
  return hex(v.data() + i, v.size() - i, false);
}

template <std::size_t N>
bool listed(const std::string_view (&list)[N], const std::string& oid) {
  for (auto o : list) {
    if (o == oid) return true;
  }
  return false;
}

// Extensions ::= SEQUENCE OF Extension; calls visit(oid, critical, value) for each.
template <class Visit>
bool each_extension(der::Bytes seq_contents, Visit visit) {
  der::Reader r(seq_contents);
  der::Tlv ext;
  while (r.next(ext)) {
    der::Reader f(ext.value);
    der::Tlv oid, item;
    if (ext.tag != der::kSequence || !f.expect(der::kOid, oid) || !f.next(item)) return false;
    bool critical = false;
    if (item.tag == kBoolean) {
      critical = item.value.size() == 1 && item.value[0] != 0;
      if (!f.next(item)) return false;
    }
    if (item.tag != der::kOctetString) return false;
    visit(der::oid_text(oid.value), critical, item.value);
  }
  return !r.failed();
}

void read_idp(der::Bytes value, ParsedCrl& crl) {
  crl.has_idp = true;
  der::Reader outer(value);
  der::Tlv seq, field;
  if (!outer.expect(der::kSequence, seq)) {
    crl.unknown_critical = "a malformed issuingDistributionPoint";
    return;
  }
  der::Reader fields(seq.value);
  const auto flag = [](const der::Tlv& t) { return t.value.size() == 1 && t.value[0] != 0; };
  while (fields.next(field)) {
    switch (field.tag) {
      case 0xA0: crl.idp_names = distribution_point_names(field.value, crl.issuer_canonical); break;
      case 0x81: crl.only_user = flag(field); break;
      case 0x82: crl.only_ca = flag(field); break;
      case 0x83: crl.only_reasons = reason_bits(field.value); break;
      case 0x84: crl.indirect = flag(field); break;
      case 0x85: crl.only_attribute = flag(field); break;
      default: crl.unknown_critical = "an issuingDistributionPoint field that is not understood"; break;
    }
  }
}

bool read_entries(der::Bytes list, ParsedCrl& crl) {
  der::Reader r(list);
  der::Tlv entry;
  std::string issuer = crl.issuer_canonical;  // an indirect CRL's certificateIssuer carries over
  while (r.next(entry)) {
    der::Reader f(entry.value);
    der::Tlv serial, date, exts;
    if (entry.tag != der::kSequence || !f.expect(der::kInteger, serial) || !f.next(date)) return false;
    const auto when = der_time(date.tag, date.value);
    if (!when) return false;
    CrlEntry e{hex(serial.value.data(), serial.value.size(), true), *when, -1, {}};
    if (f.next(exts)) {
      if (exts.tag != der::kSequence) return false;
      const bool ok = each_extension(exts.value, [&](const std::string& oid, bool critical, der::Bytes value) {
        if (oid == kOidReasonCode) {
          der::Reader v(value);
          der::Tlv code;
          if (v.expect(kEnumerated, code) && code.value.size() == 1) e.reason = code.value[0];
        } else if (oid == kOidCertificateIssuer) {
          der::Reader v(value);
          der::Tlv names;
          if (v.expect(der::kSequence, names)) {
            for (const auto& k : general_name_keys(names.value)) {
              if (k.starts_with("DN:")) issuer = k.substr(3);
            }
          }
        } else if (critical && !listed(kOtherEntryExtensions, oid)) {
          crl.unknown_critical = "the critical entry extension " + oid;
        }
      });
      if (!ok) return false;
    }
    e.issuer_canonical = issuer;
    crl.entries.push_back(std::move(e));
  }
  return !r.failed();
}

}  // namespace

std::string crl_reason_name(int reason) {
  static constexpr std::array<const char*, 11> kNames{
      "unspecified", "keyCompromise", "cACompromise", "affiliationChanged", "superseded", "cessationOfOperation",
      "certificateHold", "reason 7", "removeFromCRL", "privilegeWithdrawn", "aACompromise"};
  if (reason >= 0 && reason < static_cast<int>(kNames.size())) return kNames[static_cast<std::size_t>(reason)];
  return "reason " + std::to_string(reason);
}

int compare_crl_numbers(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

Result<ParsedCrl> parse_crl(der::Bytes der) {
  // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
  der::Reader outer(der);
  der::Tlv list, tbs, algorithm, signature;
  if (!outer.expect(der::kSequence, list)) return malformed("no SEQUENCE");
  der::Reader parts(list.value);
  if (!parts.expect(der::kSequence, tbs) || !parts.expect(der::kSequence, algorithm) ||
      !parts.expect(kBitString, signature) || signature.value.empty()) {
    return malformed("tbsCertList, signatureAlgorithm, signatureValue");
  }
  ParsedCrl crl;
  crl.sha256 = sha256_hex(list.whole);
  crl.tbs.assign(tbs.whole.begin(), tbs.whole.end());
  crl.signature_algorithm.assign(algorithm.value.begin(), algorithm.value.end());
  crl.signature.assign(signature.value.begin() + 1, signature.value.end());
  crl.signature_well_formed = signature.value[0] == 0;

  // TBSCertList ::= SEQUENCE { version OPTIONAL, signature, issuer, thisUpdate, nextUpdate OPTIONAL,
  //   revokedCertificates OPTIONAL, crlExtensions [0] EXPLICIT OPTIONAL }
  der::Reader f(tbs.value);
  der::Tlv field, inner_algorithm, issuer;
  if (!f.next(field)) return malformed("empty tbsCertList");
  if (field.tag == der::kInteger) {
    int v = 0;
    if (!der::small_integer(field.value, v) || v != 1) return malformed("version");
    crl.version = 2;
    if (!f.next(field)) return malformed("signature");
  }
  inner_algorithm = field;
  if (inner_algorithm.tag != der::kSequence || !f.expect(der::kSequence, issuer)) return malformed("issuer");
  if (!std::equal(inner_algorithm.value.begin(), inner_algorithm.value.end(), algorithm.value.begin(),
                  algorithm.value.end())) {
    crl.signature_well_formed = false;  // RFC 5280 §5.1.1.2: both must name the same algorithm
  }
  crl.issuer_canonical = canonical_name(issuer.whole);
  crl.issuer = distinguished_name_text(issuer.whole).value_or("(unprintable name)");
  if (!f.next(field)) return malformed("thisUpdate");
  const auto this_update = der_time(field.tag, field.value);
  if (!this_update) return malformed("thisUpdate");
  crl.this_update = *this_update;
  bool have = f.next(field);
  if (have && (field.tag == 0x17 || field.tag == 0x18)) {
    crl.next_update = der_time(field.tag, field.value);
    if (!crl.next_update) return malformed("nextUpdate");
    have = f.next(field);
  }
  if (have && field.tag == der::kSequence) {
    if (!read_entries(field.value, crl)) return malformed("revokedCertificates");
    have = f.next(field);
  }
  if (have && field.tag == der::kContext0) {
    der::Reader w(field.value);
    der::Tlv exts;
    if (!w.expect(der::kSequence, exts)) return malformed("crlExtensions");
    const bool ok = each_extension(exts.value, [&](const std::string& oid, bool critical, der::Bytes value) {
      der::Reader v(value);
      der::Tlv t;
      if (oid == kOidCrlNumber) {
        if (v.expect(der::kInteger, t)) crl.number = integer_hex(t.value);
        if (critical) crl.nonconformity = "a critical CRL Number, which RFC 5280 §5.2.3 forbids";
      } else if (oid == kOidDeltaCrlIndicator) {
        if (v.expect(der::kInteger, t)) crl.base_number = integer_hex(t.value);
      } else if (oid == kOidIssuingDistributionPoint) {
        read_idp(value, crl);
      } else if (oid == kOidAuthorityKeyIdentifier) {
        der::Tlv seq, id;
        if (v.expect(der::kSequence, seq)) {
          der::Reader ids(seq.value);
          if (ids.next(id) && id.tag == 0x80) crl.authority_key_id = hex(id.value.data(), id.value.size(), false);
        }
      } else if (critical && !listed(kOtherCrlExtensions, oid)) {
        crl.unknown_critical = "the critical CRL extension " + oid;
      }
    });
    if (!ok) return malformed("crlExtensions");
    have = f.next(field);
  }
  if (have || f.failed()) return malformed("trailing data in tbsCertList");
  return crl;
}

}  // namespace sipmtls::cert
