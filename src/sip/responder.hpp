// SPDX-License-Identifier: MIT
// The listener's answers: OPTIONS 200 with what it supports, other known methods 405, unknown
// methods 501, ACK nothing (RFC 3261 §8.2, §11.2).
#pragma once

#include <optional>
#include <string>

#include "sip/message.hpp"

namespace sipmtls::sip {

struct Answer {
  int status = 0;
  std::string reason;
  std::string text;  ///< the whole response
};

/// The answer to a request; nullopt for ACK (never answered) and for responses.
std::optional<Answer> answer(const Message& request, const std::string& server);

/// 400 Bad Request or 513 Message Too Large for a stream that cannot be parsed; no request
/// headers are known, so the answer carries none of them.
Answer refuse(int status, const std::string& server);

}  // namespace sipmtls::sip
