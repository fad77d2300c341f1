// SPDX-License-Identifier: MIT
// TLS 1.3 alerts under keys mbedTLS is not using yet.
#include "tls/late_alert.hpp"

#include "tls/tls13_record.hpp"

namespace sipmtls::tls {

std::optional<Alert> open_tls13_alert(std::uint16_t suite, const std::vector<TrafficSecret>& secrets,
                                      const std::vector<std::vector<std::uint8_t>>& records) {
  constexpr std::uint8_t kAlertType = 21;
  for (const auto& secret : secrets) {
    const Tls13Opener opener(suite, secret.secret);
    if (!opener.usable()) return std::nullopt;
    for (const auto& record : records) {
      for (std::uint64_t seq = 0; seq < 16; ++seq) {
        const auto opened = opener.open(seq, record);
        if (opened && opened->type == kAlertType && opened->content.size() == 2) {
          return Alert{opened->content[0], opened->content[1]};
        }
      }
    }
  }
  return std::nullopt;
}

}  // namespace sipmtls::tls
