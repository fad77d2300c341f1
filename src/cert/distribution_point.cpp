// SPDX-License-Identifier: MIT
// Distribution point names, reasons and CRL issuers, read from the DER.
#include "distribution_point.hpp"

#include "native.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned char kUriTag = 0x86;
constexpr unsigned char kDnsTag = 0x82;
constexpr unsigned char kDirectoryNameTag = 0xA4;
constexpr unsigned char kFullNameTag = 0xA0;
constexpr unsigned char kRelativeNameTag = 0xA1;

}  // namespace

std::vector<std::string> general_name_keys(der::Bytes names) {
  std::vector<std::string> out;
  der::Reader r(names);
  der::Tlv name;
  while (r.next(name)) {
    const std::string text(name.value.begin(), name.value.end());
    if (name.tag == kUriTag) {
      out.push_back("URI:" + text);
    } else if (name.tag == kDnsTag) {
      std::string lower = text;
      for (auto& ch : lower) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
      out.push_back("DNS:" + lower);
    } else if (name.tag == kDirectoryNameTag) {
      out.push_back("DN:" + canonical_name(name.value));
    } else {
      out.push_back("X:" + hex(name.whole.data(), name.whole.size(), false));
    }
  }
  return out;
}

std::uint16_t reason_bits(der::Bytes bits) {
  std::uint16_t out = 0;
  if (bits.size() < 2) return out;
  for (std::size_t byte = 1; byte < bits.size() && byte <= 2; ++byte) {
    for (int bit = 0; bit < 8; ++bit) {
      if (bits[byte] & (0x80 >> bit)) out |= static_cast<std::uint16_t>(1u << ((byte - 1) * 8 + bit));
    }
  }
  return out;
}

std::vector<std::string> distribution_point_names(der::Bytes wrapper, const std::string& crl_issuer) {
  der::Reader r(wrapper);
  der::Tlv choice;
  if (!r.next(choice)) return {};
  if (choice.tag == kFullNameTag) return general_name_keys(choice.value);
  if (choice.tag != kRelativeNameTag) return {};
  // nameRelativeToCRLIssuer: one more RDN below the CRL issuer's name.
  std::vector<unsigned char> rdn_set, name;
  der::append_tlv(rdn_set, der::kSet, choice.value);
  der::append_tlv(name, der::kSequence, rdn_set);
  const auto rdns = canonical_rdns(name);
  if (!rdns || rdns->size() != 1) return {};
  return {"DN:" + crl_issuer + std::to_string(rdns->front().size()) + ':' + rdns->front()};
}

std::vector<DistributionPoint> parse_distribution_points(der::Bytes value, const std::string& issuer) {
  std::vector<DistributionPoint> out;
  der::Reader outer(value);
  der::Tlv list;
  if (!outer.expect(der::kSequence, list)) return out;
  der::Reader points(list.value);
  der::Tlv point;
  while (points.next(point)) {
    if (point.tag != der::kSequence) continue;
    DistributionPoint dp;
    der::Tlv name_field;
    der::Tlv field;
    bool have_name = false;
    der::Reader fields(point.value);
    while (fields.next(field)) {
      if (field.tag == 0xA0) {
        name_field = field;
        have_name = true;
      } else if (field.tag == 0x81) {
        dp.reasons = reason_bits(field.value);
      } else if (field.tag == 0xA2) {
        for (auto& k : general_name_keys(field.value)) {
          if (k.starts_with("DN:")) dp.crl_issuers.push_back(k.substr(3));
        }
      }
    }
    // A relative name is relative to the cRLIssuer when there is one, else to the issuer.
    const std::string& base = dp.crl_issuers.empty() ? issuer : dp.crl_issuers.front();
    if (have_name) dp.names = distribution_point_names(name_field.value, base);
    out.push_back(std::move(dp));
  }
  return out;
}

}  // namespace sipmtls::cert
