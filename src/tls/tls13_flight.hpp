// SPDX-License-Identifier: MIT
// A peer's encrypted TLS 1.3 handshake flight (a server's EncryptedExtensions, CertificateRequest,
// Certificate, CertificateVerify, Finished; a client's Certificate, CertificateVerify, Finished),
// opened with its handshake traffic secret: for the CA names mbedTLS consumes without telling,
// and for a chain mbedTLS could not take.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "tls/transcript.hpp"

namespace sipmtls::tls {

/// What a peer's TLS 1.3 handshake flight held, as far as it was read.
struct Tls13Flight {
  std::optional<CertificateRequestFacts> certificate_request;  ///< a server's
  std::optional<CertificateMessageFacts> certificate;          ///< the peer's chain
};

/// Opens the records (whole, in the order received, the first one sequence number 0) with the
/// peer's handshake traffic secret and reads its CertificateRequest and Certificate, up to its
/// Finished. A message that did not arrive whole is given by its announced size only
/// (complete = false). Empty when the records do not open.
Tls13Flight read_tls13_flight(std::uint16_t suite, std::span<const std::uint8_t> peer_handshake_secret,
                              const std::vector<std::vector<std::uint8_t>>& records);

}  // namespace sipmtls::tls
