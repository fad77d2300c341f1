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
  if (r.notes.empty()) return std::nullopt;
  std::vector<unsigned char> body;
  der::append_tlv(body, der::kSequence, fields);
  body.insert(body.end(), algorithm.whole.begin(), algorithm.whole.end());
  der::append_tlv(body, kBitString, bits);
  der::append_tlv(r.der, der::kSequence, body);
  return r;
}

}  // namespace sipmtls::cert
