// SPDX-License-Identifier: MIT
// SIP over a stream (RFC 3261 §7, §18.3): parsing with size limits, framing by Content-Length,
// and the few messages the tool writes (OPTIONS, and the listener's answers).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sipmtls::sip {

struct Message {
  bool is_request = false;
  std::string method, uri;  ///< requests
  int status = 0;           ///< responses
  std::string reason;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names as sent, in order
  std::string body;

  /// The first value of a header, by full or compact name, case-insensitive.
  std::optional<std::string> header(std::string_view name) const;
  /// Every value of a header (Via may repeat), in order.
  std::vector<std::string> headers_named(std::string_view name) const;
};

struct Limits {
  std::size_t max_message = 64 * 1024;  ///< start line + headers + body
  std::size_t max_headers = 128;
};

/// Splits a byte stream into messages. Keep-alive CRLFs between messages are skipped.
class Framer {
 public:
  explicit Framer(Limits limits = {}) : limits_(limits) {}

  enum class Status { NeedMore, Message, TooLarge, Malformed };
  struct Next {
    Status status = Status::NeedMore;
    Message message;    ///< when status is Message
    std::string error;  ///< when TooLarge or Malformed: what was wrong
  };

  void append(std::string_view bytes);
  /// The next whole message; after TooLarge or Malformed the stream cannot be resynchronised.
  Next next();
  std::size_t buffered() const { return buffer_.size(); }

 private:
  Limits limits_;
  std::string buffer_;
  bool failed_ = false;
};

/// Parses one whole message (start line, headers, blank line, body); nullopt with a reason.
std::optional<Message> parse(std::string_view text, std::string* why = nullptr, Limits limits = {});

/// A message as text again: start line, headers as received, blank line, body.
std::string to_text(const Message& m);
/// The headers that say why a SIP peer answered as it did: ms-diagnostics, ms-diagnostics-public
/// (Lync, Skype for Business, Teams), Warning (RFC 3261 §20.43), Reason (RFC 3326), in order.
std::vector<std::pair<std::string, std::string>> diagnostic_headers(const Message& m);
/// The host of the first SIP URI in a header value ("<sip:sbc.contoso.com:5061;transport=tls>" ->
/// "sbc.contoso.com"); empty when there is none.
std::string uri_host(std::string_view value);

struct OptionsRequest {
  std::string target;  ///< host (or host:port) of the Request-URI
  std::string local_address;  ///< ip:port of our end of the connection (Via, Contact)
  std::string user_agent;
  std::string branch, tag, call_id;  ///< random tokens; made up when empty
  /// Our FQDN (Via, Contact, as an Edge or SBC sends them; Teams finds the SBC by the Contact FQDN)
  /// and SIP domain (From); empty: local_address.
  std::string local_fqdn = {}, sip_domain = {};
};
std::string build_options(OptionsRequest& request);

/// A response to `request` with the given status; copies Via, From, To (adding a tag), Call-ID
/// and CSeq, then the extra header lines (each "Name: value") and Content-Length: 0.
std::string build_response(const Message& request, int status, std::string_view reason,
                           const std::vector<std::string>& extra_headers);

/// Random lowercase hex of n characters (SIP branch, tag and Call-ID material).
std::string random_token(std::size_t n);

}  // namespace sipmtls::sip
