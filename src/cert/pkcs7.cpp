// SPDX-License-Identifier: MIT
// PKCS#7 SignedData: only its certificates field is read; signers and CRLs are ignored.
#include "pkcs7.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kOidSignedData = "1.2.840.113549.1.7.2";
constexpr unsigned char kCertificatesTag = 0xA0;  // certificates [0] IMPLICIT CertificateSet

}  // namespace

std::optional<std::vector<std::vector<unsigned char>>> pkcs7_certificates(der::Bytes data) {
  // Cheap test before converting: a SEQUENCE whose first element is the signedData OID.
  if (data.size() < 15 || data[0] != der::kSequence) return std::nullopt;
  auto der = der::ber_to_der(data);
  if (!der) return std::nullopt;
  // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
  der::Reader outer(*der);
  der::Tlv info, oid, wrapper, signed_data;
  if (!outer.expect(der::kSequence, info)) return std::nullopt;
  der::Reader fields(info.value);
  if (!fields.expect(der::kOid, oid) || der::oid_text(oid.value) != kOidSignedData) return std::nullopt;
  if (!fields.expect(der::kContext0, wrapper)) return std::nullopt;
  der::Reader w(wrapper.value);
  if (!w.expect(der::kSequence, signed_data)) return std::nullopt;
  // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo SEQUENCE,
  //   certificates [0] IMPLICIT OPTIONAL, crls [1] IMPLICIT OPTIONAL, signerInfos SET }
  der::Reader sd(signed_data.value);
  der::Tlv version, digests, content, field;
  if (!sd.expect(der::kInteger, version) || !sd.expect(der::kSet, digests) || !sd.expect(der::kSequence, content)) {
    return std::nullopt;
  }
  std::vector<std::vector<unsigned char>> certs;
  while (sd.next(field)) {
    if (field.tag != kCertificatesTag) continue;
    der::Reader set(field.value);
    der::Tlv cert;
    while (set.next(cert)) {
      if (cert.tag == der::kSequence) certs.emplace_back(cert.whole.begin(), cert.whole.end());
    }
    if (set.failed()) return std::nullopt;
  }
  if (sd.failed()) return std::nullopt;
  return certs;
}

}  // namespace sipmtls::cert
