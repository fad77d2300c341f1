// SPDX-License-Identifier: MIT
// CRL distribution points and authority information access: mbedTLS does not parse them.
#include <mbedtls/oid.h>

#include "der.hpp"
#include "native.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kOidCrlDistributionPoints = "2.5.29.31";
constexpr std::string_view kOidAuthorityInfoAccess = "1.3.6.1.5.5.7.1.1";
constexpr unsigned char kUriTag = 0x86;  // GeneralName uniformResourceIdentifier [6] IMPLICIT

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

}  // namespace

void extract_urls(const mbedtls_x509_crt& crt, CertFacts& facts) {
  if (crt.v3_ext.p == nullptr) return;
  // v3_ext covers the Extensions SEQUENCE (inside the [3] wrapper).
  der::Reader outer(der::Bytes(crt.v3_ext.p, crt.v3_ext.len));
  der::Tlv extensions;
  if (!outer.expect(der::kSequence, extensions)) return;
  der::Reader reader(extensions.value);
  der::Tlv ext;
  while (reader.expect(der::kSequence, ext)) {
    der::Reader fields(ext.value);
    der::Tlv oid, item;
    if (!fields.expect(der::kOid, oid)) continue;
    const std::string id = der::oid_text(oid.value);
    while (fields.next(item) && item.tag != der::kOctetString) {
    }
    if (item.tag != der::kOctetString) continue;
    if (id == kOidCrlDistributionPoints) collect_uris(item.value, facts.crl_urls, 0);
    if (id == kOidAuthorityInfoAccess) collect_uris(item.value, facts.aia_urls, 0);
  }
}

}  // namespace sipmtls::cert
