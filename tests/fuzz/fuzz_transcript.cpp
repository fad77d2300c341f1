// SPDX-License-Identifier: MIT
// libFuzzer target: the TLS transcript tap on arbitrary bytes in both directions, split as
// socket reads would split them.
#include <cstddef>
#include <cstdint>
#include <span>

#include "tls/transcript.hpp"

using namespace sipmtls::tls;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Transcript t;
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
  t.compact();
  return 0;
}
