// SPDX-License-Identifier: MIT
// The listener's SIP answers.
#include "sip/responder.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace sipmtls::sip {
namespace {

constexpr std::array<std::string_view, 14> kKnownMethods = {
    "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "SUBSCRIBE",
    "NOTIFY", "MESSAGE", "INFO", "PRACK", "UPDATE", "REFER", "PUBLISH"};

}  // namespace

std::optional<Answer> answer(const Message& request, const std::string& server) {
  if (!request.is_request || request.method == "ACK") return std::nullopt;
  Answer a;
  std::vector<std::string> extra{"Server: " + server};
  if (request.method == "OPTIONS") {
    a.status = 200;
    a.reason = "OK";
    extra.push_back("Allow: OPTIONS");
    extra.push_back("Accept: application/sdp");
    extra.push_back("Supported: ");
  } else {
    const bool known = std::find(kKnownMethods.begin(), kKnownMethods.end(), request.method) != kKnownMethods.end();
    a.status = known ? 405 : 501;
    a.reason = known ? "Method Not Allowed" : "Not Implemented";
    extra.push_back("Allow: OPTIONS");
  }
  a.text = build_response(request, a.status, a.reason, extra);
  return a;
}

Answer refuse(int status, const std::string& server) {
  Answer a;
  a.status = status;
  a.reason = status == 513 ? "Message Too Large" : "Bad Request";
  a.text = "SIP/2.0 " + std::to_string(status) + " " + a.reason + "\r\nServer: " + server + "\r\nContent-Length: 0\r\n\r\n";
  return a;
}

}  // namespace sipmtls::sip
