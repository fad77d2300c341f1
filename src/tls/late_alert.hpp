// SPDX-License-Identifier: MIT
// Reading a TLS 1.3 alert mbedTLS could not: when a server rejects our client certificate, it
// sends its alert under keys mbedTLS is not using yet (OpenSSL: the application keys, while the
// client is still in its handshake) and then resets the connection. The secrets are known (the
// key export callback), so the record can be opened here.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "tls/transcript.hpp"

namespace sipmtls::tls {

struct TrafficSecret {
  std::vector<std::uint8_t> secret;  ///< zeroised by the owner
};

/// Tries every secret with sequence numbers 0..15 on each record (full records, header
/// included); the alert of the first record that opens as one. `suite` is the TLS 1.3 cipher
/// suite (0x1301..0x1303).
std::optional<Alert> open_tls13_alert(std::uint16_t suite, const std::vector<TrafficSecret>& secrets,
                                      const std::vector<std::vector<std::uint8_t>>& records);

}  // namespace sipmtls::tls
