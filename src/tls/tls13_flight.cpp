// SPDX-License-Identifier: MIT
// Reading the server's TLS 1.3 handshake flight.
#include "tls/tls13_flight.hpp"

#include "tls/certificate_request.hpp"
#include "tls/tls13_record.hpp"

namespace sipmtls::tls {
namespace {

constexpr std::uint8_t kHandshakeType = 22;
constexpr std::uint8_t kCertificateRequest = 13;
constexpr std::uint8_t kFinished = 20;

}  // namespace

std::optional<CertificateRequestFacts> read_tls13_certificate_request(
    std::uint16_t suite, std::span<const std::uint8_t> server_handshake_secret,
    const std::vector<std::vector<std::uint8_t>>& records) {
  const Tls13Opener opener(suite, server_handshake_secret);
  std::vector<std::uint8_t> pending;  // handshake bytes not yet a whole message
  std::uint64_t seq = 0;
  for (const auto& record : records) {
    auto opened = opener.open(seq++, record);
    if (!opened) break;  // the end of the handshake epoch, or not ours to read
    if (opened->type != kHandshakeType) continue;
    pending.insert(pending.end(), opened->content.begin(), opened->content.end());
    while (pending.size() >= 4) {
      const std::size_t length = (std::size_t{pending[1]} << 16) | (std::size_t{pending[2]} << 8) | pending[3];
      if (pending.size() < 4 + length) break;
      const std::uint8_t type = pending[0];
      if (type == kCertificateRequest) {
        return parse_tls13_certificate_request(std::span<const std::uint8_t>(pending).subspan(4, length));
      }
      if (type == kFinished) return std::nullopt;  // the flight ended without one
      pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(4 + length));
    }
  }
  if (pending.size() >= 4 && pending[0] == kCertificateRequest) {
    CertificateRequestFacts cr;
    cr.size = (std::size_t{pending[1]} << 16) | (std::size_t{pending[2]} << 8) | pending[3];
    cr.complete = false;
    cr.tls13 = true;
    return cr;
  }
  return std::nullopt;
}

}  // namespace sipmtls::tls
