// SPDX-License-Identifier: MIT
// Distinguished names compared as RFC 5280 §7.1 asks (the RFC 4518 steps that matter in practice):
// string types are equivalent (PrintableString, UTF8String, BMPString, ...), case is folded and
// white space is trimmed and collapsed; multi-valued RDNs are compared as sets.
#include <algorithm>

#include "der.hpp"
#include "native.hpp"
#include "sipmtls/utf8.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned char kUtf8String = 0x0C;
constexpr unsigned char kPrintableString = 0x13;
constexpr unsigned char kTeletexString = 0x14;
constexpr unsigned char kIa5String = 0x16;
constexpr unsigned char kUniversalString = 0x1C;
constexpr unsigned char kBmpString = 0x1E;


// RFC 4518 §2.6 insignificant space handling and ASCII case folding.
std::string fold(const std::string& s) {
  std::string out;
  bool pending_space = false;
  for (unsigned char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

}  // namespace

std::optional<std::string> as_utf8(unsigned char tag, der::Bytes v) {
  std::string out;
  switch (tag) {
    case kUtf8String:
    case kPrintableString:
    case kTeletexString:
    case kIa5String:
      out.assign(v.begin(), v.end());
      return out;
    case kBmpString:
      for (std::size_t i = 0; i + 1 < v.size(); i += 2) append_utf8(out, (static_cast<unsigned long>(v[i]) << 8) | v[i + 1]);
      return out;
    case kUniversalString:
      for (std::size_t i = 0; i + 3 < v.size(); i += 4) {
        append_utf8(out, (static_cast<unsigned long>(v[i]) << 24) | (static_cast<unsigned long>(v[i + 1]) << 16) |
                             (static_cast<unsigned long>(v[i + 2]) << 8) | v[i + 3]);
      }
      return out;
    default:
      return std::nullopt;
  }
}

std::optional<std::vector<std::string>> canonical_rdns(std::span<const unsigned char> name) {
  der::Reader outer(name);
  der::Tlv seq;
  if (!outer.expect(der::kSequence, seq) || !outer.at_end()) return std::nullopt;
  std::vector<std::string> rdns;
  der::Reader sets(seq.value);
  der::Tlv set;
  while (sets.next(set)) {
    if (set.tag != der::kSet) return std::nullopt;
    std::vector<std::string> avas;
    der::Reader members(set.value);
    der::Tlv ava;
    while (members.next(ava)) {
      der::Reader fields(ava.value);
      der::Tlv oid, value;
      if (ava.tag != der::kSequence || !fields.expect(der::kOid, oid) || !fields.next(value)) return std::nullopt;
      const auto text = as_utf8(value.tag, value.value);
      avas.push_back(der::oid_text(oid.value) + (text ? "=" + fold(*text) : "#" + hex(value.whole.data(), value.whole.size(), false)));
    }
    if (members.failed()) return std::nullopt;
    std::sort(avas.begin(), avas.end());
    std::string rdn;
    for (const auto& a : avas) rdn += (rdn.empty() ? "" : "+") + a;
    rdns.push_back(std::move(rdn));
  }
  if (sets.failed()) return std::nullopt;
  return rdns;
}

std::string canonical_name(std::span<const unsigned char> name) {
  const auto rdns = canonical_rdns(name);
  if (!rdns) return "raw:" + hex(name.data(), name.size(), false);  // unparseable: compare bytes
  std::string out;
  for (const auto& r : *rdns) {
    out += std::to_string(r.size()) + ':' + r;  // length-prefixed, so no separator is ambiguous
  }
  return out;
}

}  // namespace sipmtls::cert
