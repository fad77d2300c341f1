// SPDX-License-Identifier: MIT
// The Certificate handshake message of TLS 1.2 (RFC 5246 §7.4.2) and TLS 1.3 (RFC 8446 §4.4.2):
// the chain a peer sent, read from the wire for when mbedTLS cannot hand it over (a message over
// its 16 KB buffer, a chain its own verification refused as too long).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace sipmtls::tls {

struct CertificateMessageFacts {
  std::vector<std::vector<std::uint8_t>> certificates;  ///< DER, in the order sent (leaf first)
  std::size_t size = 0;   ///< the message's length as its header gives it
  bool complete = true;   ///< false: only the header arrived
};

/// The body of a TLS 1.2 Certificate message.
CertificateMessageFacts parse_tls12_certificate(std::span<const std::uint8_t> body);
/// The body of a TLS 1.3 Certificate message (each entry's extensions skipped).
CertificateMessageFacts parse_tls13_certificate(std::span<const std::uint8_t> body);

}  // namespace sipmtls::tls
