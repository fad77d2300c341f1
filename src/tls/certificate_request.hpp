// SPDX-License-Identifier: MIT
// The CertificateRequest message of TLS 1.2 (RFC 5246 §7.4.4) and TLS 1.3 (RFC 8446 §4.3.2,
// its certificate_authorities extension §4.2.4): the CA names a server accepts.
#pragma once

#include <cstdint>
#include <span>

#include "tls/transcript.hpp"

namespace sipmtls::tls {

/// The body of a TLS 1.2 CertificateRequest (without the handshake header).
CertificateRequestFacts parse_tls12_certificate_request(std::span<const std::uint8_t> body);
/// The body of a TLS 1.3 CertificateRequest; ca_names is empty without certificate_authorities.
CertificateRequestFacts parse_tls13_certificate_request(std::span<const std::uint8_t> body);

}  // namespace sipmtls::tls
