// SPDX-License-Identifier: MIT
// Certificate message parsing for both TLS versions.
#include "tls/certificate_message.hpp"

#include "tls/wire_reader.hpp"

namespace sipmtls::tls {
namespace {

constexpr std::size_t kMaxCertificates = 64;  // more is no chain anyone sends

CertificateMessageFacts read_list(std::span<const std::uint8_t> body, bool tls13) {
  CertificateMessageFacts out;
  out.size = body.size();
  WireReader b(body);
  if (tls13) b.vec(1);  // certificate_request_context
  WireReader list = b.vec(3);
  while (list.ok() && !list.empty() && out.certificates.size() < kMaxCertificates) {
    auto der = list.take(list.u(3));
    if (tls13) list.vec(2);  // the entry's extensions
    if (!list.ok() || der.empty()) break;
    out.certificates.emplace_back(der.begin(), der.end());
  }
  return out;
}

}  // namespace

CertificateMessageFacts parse_tls12_certificate(std::span<const std::uint8_t> body) { return read_list(body, false); }

CertificateMessageFacts parse_tls13_certificate(std::span<const std::uint8_t> body) { return read_list(body, true); }

}  // namespace sipmtls::tls
