// SPDX-License-Identifier: MIT
// libFuzzer target: SIP framing and parsing, fed in the chunks a TLS read would give, and the
// listener's answers to whatever parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sip/message.hpp"
#include "sip/responder.hpp"

using namespace sipmtls::sip;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t chunk = 1 + data[0] % 64;  // first byte: the read size
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  Framer framer(Limits{4096, 32});
  while (!rest.empty()) {
    framer.append(rest.substr(0, chunk));
    rest.remove_prefix(std::min(chunk, rest.size()));
    for (;;) {
      auto next = framer.next();
      if (next.status == Framer::Status::NeedMore) break;
      if (next.status != Framer::Status::Message) return 0;
      (void)answer(next.message, "fuzz");
    }
  }
  (void)parse(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
