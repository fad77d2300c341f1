// SPDX-License-Identifier: MIT
// Reading a peer's TLS 1.3 handshake flight.
#include "tls/tls13_flight.hpp"

#include "tls/certificate_request.hpp"
#include "tls/tls13_record.hpp"

namespace sipmtls::tls {
namespace {

constexpr std::uint8_t kHandshakeType = 22;
constexpr std::uint8_t kCertificate = 11;
constexpr std::uint8_t kCertificateRequest = 13;
constexpr std::uint8_t kFinished = 20;

std::size_t announced_length(const std::vector<std::uint8_t>& pending) {
  return (std::size_t{pending[1]} << 16) | (std::size_t{pending[2]} << 8) | pending[3];
}

/// A message that did not arrive whole: only its size is known.
void note_partial(const std::vector<std::uint8_t>& pending, Tls13Flight& flight) {
  if (pending.size() < 4) return;
  if (pending[0] == kCertificateRequest && !flight.certificate_request) {
    CertificateRequestFacts cr;
    cr.size = announced_length(pending);
    cr.complete = false;
    cr.tls13 = true;
    flight.certificate_request = cr;
  } else if (pending[0] == kCertificate && !flight.certificate) {
    flight.certificate = CertificateMessageFacts{{}, announced_length(pending), false};
  }
}

}  // namespace

Tls13Flight read_tls13_flight(std::uint16_t suite, std::span<const std::uint8_t> peer_handshake_secret,
                              const std::vector<std::vector<std::uint8_t>>& records) {
  Tls13Flight flight;
  const Tls13Opener opener(suite, peer_handshake_secret);
  std::vector<std::uint8_t> pending;  // handshake bytes not yet a whole message
  std::uint64_t seq = 0;
  for (const auto& record : records) {
    auto opened = opener.open(seq++, record);
    if (!opened) break;  // the end of the handshake epoch, or not ours to read
    if (opened->type != kHandshakeType) continue;
    pending.insert(pending.end(), opened->content.begin(), opened->content.end());
    while (pending.size() >= 4) {
      const std::size_t length = announced_length(pending);
      if (pending.size() < 4 + length) break;
      const auto body = std::span<const std::uint8_t>(pending).subspan(4, length);
      if (pending[0] == kCertificateRequest) flight.certificate_request = parse_tls13_certificate_request(body);
      if (pending[0] == kCertificate) flight.certificate = parse_tls13_certificate(body);
      if (pending[0] == kFinished) return flight;
      pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(4 + length));
    }
  }
  note_partial(pending, flight);
  return flight;
}

}  // namespace sipmtls::tls
