// SPDX-License-Identifier: MIT
// Handshake messages larger than the TLS stack takes: mbedTLS 3.6 reads a handshake message
// into one 16 KiB record buffer (MBEDTLS_SSL_IN_CONTENT_LEN, which it does not let be raised), so
// a CertificateRequest listing hundreds of CAs or a Certificate message with a long or large
// chain ends the handshake with "Bad input parameters". The tool reads those messages from the
// wire itself and says what was too large and why it matters to Windows peers.
#pragma once

#include <optional>
#include <string>

#include "sipmtls/finding.hpp"
#include "tls/session.hpp"

namespace sipmtls::app {

/// TLS_HANDSHAKE_FAILED naming the peer's message that did not fit (the largest, when several
/// did not), for a handshake that failed; nullopt when none was too large. `side` is the label
/// of the peer ("server sip-b (1.2.3.4:5061)").
std::optional<Finding> oversized_message_finding(const tls::Session& session, const std::string& side);

}  // namespace sipmtls::app
