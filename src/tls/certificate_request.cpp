// SPDX-License-Identifier: MIT
// CertificateRequest parsing for both TLS versions.
#include "tls/certificate_request.hpp"

#include "tls/wire_reader.hpp"

namespace sipmtls::tls {
namespace {

constexpr std::uint16_t kExtCertificateAuthorities = 47;

/// DistinguishedName certificate_authorities<0..2^16-1> (TLS 1.2) or <3..2^16-1> (TLS 1.3).
void read_ca_names(WireReader& b, CertificateRequestFacts& cr) {
  const std::uint32_t list = b.u(2);
  cr.ca_list_bytes = list;
  WireReader names(b.take(list));
  while (names.ok() && !names.empty()) {
    auto dn = names.take(names.u(2));
    if (names.ok()) cr.ca_names.emplace_back(dn.begin(), dn.end());
  }
}

}  // namespace

CertificateRequestFacts parse_tls12_certificate_request(std::span<const std::uint8_t> body) {
  CertificateRequestFacts cr;
  cr.size = body.size();
  WireReader b(body);
  WireReader types = b.vec(1);
  while (types.ok() && !types.empty()) cr.certificate_types.push_back(static_cast<std::uint8_t>(types.u(1)));
  WireReader algorithms = b.vec(2);
  while (algorithms.ok() && !algorithms.empty()) {
    cr.signature_algorithms.push_back(static_cast<std::uint16_t>(algorithms.u(2)));
  }
  read_ca_names(b, cr);
  return cr;
}

CertificateRequestFacts parse_tls13_certificate_request(std::span<const std::uint8_t> body) {
  CertificateRequestFacts cr;
  cr.size = body.size();
  cr.tls13 = true;
  WireReader b(body);
  b.vec(1);  // certificate_request_context
  WireReader exts = b.vec(2);
  while (exts.ok() && !exts.empty()) {
    const auto type = exts.u(2);
    WireReader ext = exts.vec(2);
    if (type == kExtCertificateAuthorities) read_ca_names(ext, cr);
  }
  return cr;
}

}  // namespace sipmtls::tls
