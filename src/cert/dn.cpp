// SPDX-License-Identifier: MIT
// Distinguished names received as DER (TLS CertificateRequest CA lists) to text. mbedTLS's own
// Name parser is internal, so this walks the DER and hands mbedTLS the list it prints from.
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include <mbedtls/asn1.h>
#include <mbedtls/x509.h>

#include <vector>

#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {

std::optional<std::string> distinguished_name_text(std::span<const unsigned char> der) {
  unsigned char* p = const_cast<unsigned char*>(der.data());
  const unsigned char* end = p + der.size();
  std::size_t len = 0;
  if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0 ||
      p + len != end) {
    return std::nullopt;
  }
  std::vector<mbedtls_x509_name> nodes;
  nodes.reserve(16);
  while (p < end) {  // RelativeDistinguishedName: SET OF AttributeTypeAndValue
    if (mbedtls_asn1_get_tag(&p, end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET) != 0) return std::nullopt;
    const unsigned char* set_end = p + len;
    bool first_in_set = true;
    while (p < set_end) {
      if (mbedtls_asn1_get_tag(&p, set_end, &len, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) != 0) {
        return std::nullopt;
      }
      const unsigned char* atv_end = p + len;
      mbedtls_x509_name node{};
      if (mbedtls_asn1_get_tag(&p, atv_end, &len, MBEDTLS_ASN1_OID) != 0) return std::nullopt;
      node.oid = {MBEDTLS_ASN1_OID, len, p};
      p += len;
      if (p >= atv_end) return std::nullopt;
      const int tag = *p++;
      if (mbedtls_asn1_get_len(&p, atv_end, &len) != 0 || p + len != atv_end) return std::nullopt;
      node.val = {tag, len, p};
      p += len;
      if (!first_in_set && !nodes.empty()) nodes.back().next_merged = 1;  // multi-valued RDN
      first_in_set = false;
      nodes.push_back(node);
      if (nodes.size() > 64) return std::nullopt;
    }
  }
  if (nodes.empty()) return std::string();
  for (std::size_t i = 0; i + 1 < nodes.size(); ++i) nodes[i].next = &nodes[i + 1];
  char text[1024];
  const int n = mbedtls_x509_dn_gets(text, sizeof text, nodes.data());
  if (n < 0) return std::nullopt;
  return std::string(text, static_cast<std::size_t>(n));
}

}  // namespace sipmtls::cert
