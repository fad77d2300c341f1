// SPDX-License-Identifier: MIT
// The server's encrypted TLS 1.3 handshake flight (EncryptedExtensions, CertificateRequest,
// Certificate, CertificateVerify, Finished), opened with its handshake traffic secret to read
// the CertificateRequest mbedTLS consumes without telling its CA names.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "tls/transcript.hpp"

namespace sipmtls::tls {

/// The CertificateRequest of the flight (records whole, in the order received, the first one
/// sequence number 0). nullopt when the server sent none or the records do not open. When the
/// message did not arrive whole, only its announced size is known (complete = false).
std::optional<CertificateRequestFacts> read_tls13_certificate_request(
    std::uint16_t suite, std::span<const std::uint8_t> server_handshake_secret,
    const std::vector<std::vector<std::uint8_t>>& records);

}  // namespace sipmtls::tls
