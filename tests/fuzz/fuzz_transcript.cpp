// SPDX-License-Identifier: MIT
// libFuzzer target: the TLS transcript tap on arbitrary bytes in both directions, split as
// socket reads would split them; and the TLS 1.3 message parsers the flight reader uses on
// decrypted bytes (a peer controls those too).
#include <cstddef>
#include <cstdint>
#include <span>

#include "tls/certificate_message.hpp"
#include "tls/certificate_request.hpp"
#include "tls/transcript.hpp"

using namespace sipmtls::tls;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Transcript t;
  t.keep_tls13_flight();
  std::size_t at = 0;
  while (at < size) {
    const std::uint8_t control = data[at++];  // direction bit and chunk length
    const std::size_t n = std::min<std::size_t>(1 + (control >> 1), size - at);
    const std::span<const std::uint8_t> piece(data + at, n);
    if (control & 1) {
      t.on_received(piece);
    } else {
      t.on_sent(piece);
    }
    at += n;
  }
  (void)t.facts();
  t.end_handshake();
  t.on_received(std::span<const std::uint8_t>(data, size));  // after the handshake: alerts, renegotiation
  t.compact();
  const std::span<const std::uint8_t> all(data, size);
  (void)parse_tls13_certificate_request(all);
  (void)parse_tls13_certificate(all);
  return 0;
}
