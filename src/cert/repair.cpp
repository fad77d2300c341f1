// SPDX-License-Identifier: MIT
// Re-encoding of the few certificate fields mbedTLS 3.6 cannot read (see repair.hpp).
#include "repair.hpp"

#include <cstdio>

#include "native.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned char kBitString = 0x03;
constexpr unsigned char kUtcTime = 0x17;
constexpr unsigned char kGeneralizedTime = 0x18;
constexpr unsigned char kIssuerUniqueId = 0x81;
constexpr unsigned char kSubjectUniqueId = 0x82;

// A time in the one form mbedTLS reads: UTCTime YYMMDDHHMMSSZ (1950-2049), else GeneralizedTime.
std::optional<std::vector<unsigned char>> canonical_time(const der::Tlv& t) {
  const bool canonical = (t.tag == kUtcTime && t.value.size() == 13 && t.value[12] == 'Z') ||
                         (t.tag == kGeneralizedTime && t.value.size() == 15 && t.value[14] == 'Z');
  if (canonical) return std::nullopt;
  const auto when = der_time(t.tag, t.value);
  if (!when) return std::nullopt;
  const std::string iso = format_time(*when);  // YYYY-MM-DDTHH:MM:SSZ
  const int year = std::stoi(iso.substr(0, 4));
  std::string digits = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + iso.substr(11, 2) + iso.substr(14, 2) +
                       iso.substr(17, 2) + "Z";
  const bool utc = year >= 1950 && year <= 2049;
  if (utc) digits = digits.substr(2);
  std::vector<unsigned char> out;
  der::append_tlv(out, utc ? kUtcTime : kGeneralizedTime,
                  der::Bytes(reinterpret_cast<const unsigned char*>(digits.data()), digits.size()));
  return out;
}

constexpr std::string_view kOidDsa = "1.2.840.10040.4.1";

// A P-256 public key (the curve's generator) and ecdsa-with-SHA256: stand-ins that mbedTLS parses.
std::vector<unsigned char> placeholder_key() {
  static constexpr unsigned char kSpki[] = {
      0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01, 0x06, 0x08, 0x2A, 0x86, 0x48,
      0xCE, 0x3D, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04, 0x6B, 0x17, 0xD1, 0xF2, 0xE1, 0x2C, 0x42, 0x47, 0xF8,
      0xBC, 0xE6, 0xE5, 0x63, 0xA4, 0x40, 0xF2, 0x77, 0x03, 0x7D, 0x81, 0x2D, 0xEB, 0x33, 0xA0, 0xF4, 0xA1, 0x39,
      0x45, 0xD8, 0x98, 0xC2, 0x96, 0x4F, 0xE3, 0x42, 0xE2, 0xFE, 0x1A, 0x7F, 0x9B, 0x8E, 0xE7, 0xEB, 0x4A, 0x7C,
      0x0F, 0x9E, 0x16, 0x2B, 0xCE, 0x33, 0x57, 0x6B, 0x31, 0x5E, 0xCE, 0xCB, 0xB6, 0x40, 0x68, 0x37, 0xBF, 0x51,
      0xF5};
  return {std::begin(kSpki), std::end(kSpki)};
}
constexpr unsigned char kEcdsaSha256[] = {0x30, 0x0A, 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02};

// "DSA-SHA1" / "DSA-SHA256" when the AlgorithmIdentifier names a DSA signature, else "".
std::string dsa_signature_name(der::Bytes algorithm) {
  der::Reader r(algorithm);
  der::Tlv oid;
  if (!r.expect(der::kOid, oid)) return {};
  const std::string id = der::oid_text(oid.value);
  if (id == "1.2.840.10040.4.3") return "DSA-SHA1";
  if (id == "2.16.840.1.101.3.4.3.1") return "DSA-SHA224";
  if (id == "2.16.840.1.101.3.4.3.2") return "DSA-SHA256";
  return {};
}

// The size of a DSA key's prime p, from the SPKI's parameters (0 when they are inherited).
int dsa_bits(const der::Tlv& spki) {
  der::Reader r(spki.value);
  der::Tlv algorithm, oid, params, p;
  if (!r.expect(der::kSequence, algorithm)) return -1;
  der::Reader a(algorithm.value);
  if (!a.expect(der::kOid, oid) || der::oid_text(oid.value) != kOidDsa) return -1;
  if (!a.expect(der::kSequence, params)) return 0;
  der::Reader pr(params.value);
  if (!pr.expect(der::kInteger, p)) return 0;
  std::size_t n = p.value.size();
  if (n > 0 && p.value[0] == 0) --n;
  return static_cast<int>(n * 8);
}

}  // namespace

std::optional<Repaired> repair_for_mbedtls(der::Bytes der) {
  der::Reader outer(der);
  der::Tlv cert, tbs, algorithm, signature;
  if (!outer.expect(der::kSequence, cert)) return std::nullopt;
  der::Reader parts(cert.value);
  if (!parts.expect(der::kSequence, tbs) || !parts.expect(der::kSequence, algorithm) ||
      !parts.expect(kBitString, signature) || signature.value.empty()) {
    return std::nullopt;
  }
  Repaired r;
  r.tbs_offset = static_cast<std::size_t>(tbs.whole.data() - der.data());
  r.tbs_length = tbs.whole.size();
  std::vector<unsigned char> fields;
  // Validity is the 4th field of the TBSCertificate, the 5th after a version [0].
  der::Reader peek(tbs.value);
  der::Tlv first;
  const int validity_index = peek.next(first) && first.tag == der::kContext0 ? 4 : 3;
  der::Reader f(tbs.value);
  der::Tlv field;
  int index = 0;
  while (f.next(field)) {
    if (field.tag == kIssuerUniqueId || field.tag == kSubjectUniqueId) {
      if (r.notes.empty() || r.notes.back().find("unique") == std::string::npos) {
        r.notes.push_back("it carries issuer/subject unique identifiers, which RFC 5280 §4.1.2.8 says CAs must not "
                          "generate");
      }
      continue;
    }
    if (field.tag == der::kSequence && index == validity_index - 2) {
      r.dsa_signature = dsa_signature_name(field.value);
      if (!r.dsa_signature.empty()) {
        fields.insert(fields.end(), std::begin(kEcdsaSha256), std::end(kEcdsaSha256));
        ++index;
        continue;
      }
    }
    if (field.tag == der::kSequence && index == validity_index + 2) {
      const int bits = dsa_bits(field);
      if (bits >= 0) {
        r.dsa_key = true;
        r.dsa_key_bits = bits;
        const auto key = placeholder_key();
        fields.insert(fields.end(), key.begin(), key.end());
        ++index;
        continue;
      }
    }
    if (field.tag == der::kSequence && index == validity_index) {
      der::Reader times(field.value);
      der::Tlv t;
      std::vector<unsigned char> validity;
      bool changed = false;
      while (times.next(t)) {
        if (auto fixed = canonical_time(t)) {
          validity.insert(validity.end(), fixed->begin(), fixed->end());
          changed = true;
        } else {
          validity.insert(validity.end(), t.whole.begin(), t.whole.end());
        }
      }
      if (changed) {
        r.notes.push_back("its validity is not encoded as RFC 5280 §4.1.2.5 requires (a UTC offset, or no seconds)");
        der::append_tlv(fields, der::kSequence, validity);
        ++index;
        continue;
      }
    }
    fields.insert(fields.end(), field.whole.begin(), field.whole.end());
    ++index;
  }
  if (f.failed()) return std::nullopt;
  std::vector<unsigned char> bits(signature.value.begin(), signature.value.end());
  if (bits[0] != 0) {
    r.signature_malformed = true;
    r.notes.push_back("its signature BIT STRING has unused bits, so the signature cannot be valid");
    bits[0] = 0;
  }
  if (r.notes.empty() && r.dsa_signature.empty() && !r.dsa_key) return std::nullopt;
  std::vector<unsigned char> body;
  der::append_tlv(body, der::kSequence, fields);
  if (r.dsa_signature.empty()) {
    body.insert(body.end(), algorithm.whole.begin(), algorithm.whole.end());
  } else {
    body.insert(body.end(), std::begin(kEcdsaSha256), std::end(kEcdsaSha256));
  }
  der::append_tlv(body, kBitString, bits);
  der::append_tlv(r.der, der::kSequence, body);
  return r;
}

}  // namespace sipmtls::cert
