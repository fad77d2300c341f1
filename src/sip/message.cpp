// SPDX-License-Identifier: MIT
// SIP parsing, framing and message building.
#include "sip/message.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <random>

#include "sipmtls/ascii.hpp"

namespace sipmtls::sip {
namespace {

constexpr std::pair<std::string_view, std::string_view> kCompact[] = {
    {"i", "call-id"}, {"l", "content-length"}, {"f", "from"}, {"t", "to"}, {"v", "via"},
    {"m", "contact"}, {"k", "supported"}, {"c", "content-type"}, {"s", "subject"}, {"e", "content-encoding"}};

std::string canonical(std::string_view name) {
  std::string n = ascii_lower(name);
  for (const auto& [compact, full] : kCompact) {
    if (n == compact) return std::string(full);
  }
  return n;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
  });
}

bool parse_start_line(std::string_view line, Message& m, std::string& why) {
  if (line.starts_with("SIP/2.0 ")) {
    std::string_view rest = line.substr(8);
    const auto sp = rest.find(' ');
    std::string_view code = rest.substr(0, sp);
    int status = 0;
    auto [p, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
    if (ec != std::errc() || p != code.data() + code.size() || code.size() != 3 || status < 100 || status > 699) {
      why = "bad status code in \"" + std::string(line.substr(0, 60)) + "\"";
      return false;
    }
    m.is_request = false;
    m.status = status;
    m.reason = sp == std::string_view::npos ? "" : std::string(rest.substr(sp + 1));
    return true;
  }
  const auto sp1 = line.find(' ');
  const auto sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.substr(sp2 + 1) != "SIP/2.0" || !is_token(line.substr(0, sp1)) ||
      sp2 == sp1 + 1) {
    why = "not a SIP start line: \"" + std::string(line.substr(0, 60)) + "\"";
    return false;
  }
  m.is_request = true;
  m.method = std::string(line.substr(0, sp1));
  m.uri = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  return true;
}

/// Parses the head (start line and headers, without the blank line).
bool parse_head(std::string_view head, Message& m, std::string& why, const Limits& limits) {
  std::size_t pos = head.find("\r\n");
  if (!parse_start_line(head.substr(0, pos), m, why)) return false;
  while (pos != std::string_view::npos) {
    const std::size_t start = pos + 2;
    pos = head.find("\r\n", start);
    std::string_view line = head.substr(start, pos == std::string_view::npos ? head.npos : pos - start);
    if (line.empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {  // folded continuation (RFC 3261 §7.3.1)
      if (m.headers.empty()) {
        why = "header continuation before any header";
        return false;
      }
      m.headers.back().second += " " + std::string(trim(line));
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || !is_token(trim(line.substr(0, colon)))) {
      why = "malformed header line \"" + std::string(line.substr(0, 60)) + "\"";
      return false;
    }
    if (m.headers.size() >= limits.max_headers) {
      why = "more than " + std::to_string(limits.max_headers) + " headers";
      return false;
    }
    m.headers.emplace_back(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return true;
}

/// Content-Length of a parsed head: 0 when absent, nullopt when malformed. Content-Length is
/// single-valued (RFC 3261 §20.14): copies that disagree frame the stream two ways (a smuggling
/// vector), so they are malformed; identical copies are taken as one.
std::optional<std::size_t> content_length(const Message& m, std::string& why) {
  const auto values = m.headers_named("Content-Length");
  if (values.empty()) return 0;
  std::optional<std::size_t> length;
  for (const auto& v : values) {
    std::size_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || p != v.data() + v.size()) {
      why = "Content-Length is not a number";
      return std::nullopt;
    }
    if (length && *length != n) {
      why = "Content-Length appears " + std::to_string(values.size()) + " times with different values";
      return std::nullopt;
    }
    length = n;
  }
  return length;
}

}  // namespace

std::optional<std::string> Message::header(std::string_view name) const {
  const std::string want = canonical(name);
  for (const auto& [n, v] : headers) {
    if (canonical(n) == want) return v;
  }
  return std::nullopt;
}

std::vector<std::string> Message::headers_named(std::string_view name) const {
  const std::string want = canonical(name);
  std::vector<std::string> out;
  for (const auto& [n, v] : headers) {
    if (canonical(n) == want) out.push_back(v);
  }
  return out;
}

void Framer::append(std::string_view bytes) {
  if (!failed_) buffer_.append(bytes);
}

Framer::Next Framer::next() {
  Next out;
  if (failed_) {
    out.status = Status::Malformed;
    out.error = "stream not resynchronised after an earlier error";
    return out;
  }
  std::size_t skip = 0;  // keep-alive CRLFs (RFC 5626 §3.5.1)
  while (skip < buffer_.size() && (buffer_[skip] == '\r' || buffer_[skip] == '\n')) ++skip;
  buffer_.erase(0, skip);
  const std::size_t end = buffer_.find("\r\n\r\n");
  if (end == std::string::npos) {
    if (buffer_.size() > limits_.max_message) {
      failed_ = true;
      out.status = Status::TooLarge;
      out.error = "headers exceed " + std::to_string(limits_.max_message) + " bytes";
    }
    return out;
  }
  Message m;
  std::string why;
  if (!parse_head(std::string_view(buffer_).substr(0, end), m, why, limits_)) {
    failed_ = true;
    out.status = Status::Malformed;
    out.error = why;
    return out;
  }
  const auto length = content_length(m, why);
  if (!length) {
    failed_ = true;
    out.status = Status::Malformed;
    out.error = why;
    return out;
  }
  if (*length > limits_.max_message || end + 4 + *length > limits_.max_message) {
    failed_ = true;
    out.status = Status::TooLarge;
    out.error = "message of " + std::to_string(end + 4 + *length) + " bytes exceeds the limit of " +
                std::to_string(limits_.max_message);
    return out;
  }
  if (buffer_.size() < end + 4 + *length) return out;
  m.body = buffer_.substr(end + 4, *length);
  buffer_.erase(0, end + 4 + *length);
  out.status = Status::Message;
  out.message = std::move(m);
  return out;
}

std::optional<Message> parse(std::string_view text, std::string* why, Limits limits) {
  Framer framer(limits);
  framer.append(text);
  Framer::Next n = framer.next();
  if (n.status == Framer::Status::Message && framer.buffered() == 0) return std::move(n.message);
  if (why) {
    *why = n.status == Framer::Status::NeedMore ? "incomplete message"
           : n.status == Framer::Status::Message ? "bytes after the message"
                                                 : n.error;
  }
  return std::nullopt;
}

std::string random_token(std::size_t n) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(n, '0');
  for (char& c : out) c = kHex[rng() & 15];
  return out;
}

std::string to_text(const Message& m) {
  std::string out = m.is_request ? m.method + " " + m.uri + " SIP/2.0\r\n"
                                 : "SIP/2.0 " + std::to_string(m.status) + " " + m.reason + "\r\n";
  for (const auto& [name, value] : m.headers) out += name + ": " + value + "\r\n";
  return out + "\r\n" + m.body;
}

std::vector<std::pair<std::string, std::string>> diagnostic_headers(const Message& m) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : m.headers) {
    const std::string n = ascii_lower(name);
    if (n == "ms-diagnostics" || n == "ms-diagnostics-public" || n == "warning" || n == "reason") {
      out.emplace_back(name, value);
    }
  }
  return out;
}

std::string uri_host(std::string_view value) {
  auto at = value.find("sip:");
  const auto sips = value.find("sips:");
  if (sips != std::string_view::npos && (at == std::string_view::npos || sips < at)) at = sips + 1;
  if (at == std::string_view::npos) return {};
  std::string_view rest = value.substr(at + 4);
  if (const auto user = rest.find('@'); user != std::string_view::npos && user < rest.find_first_of(";>")) {
    rest = rest.substr(user + 1);
  }
  if (!rest.empty() && rest.front() == '[') return std::string(rest.substr(1, rest.find(']') - 1));
  return ascii_lower(std::string(rest.substr(0, rest.find_first_of(":;>? \t"))));
}

std::string build_options(OptionsRequest& r) {
  if (r.branch.empty()) r.branch = "z9hG4bK" + random_token(16);
  if (r.tag.empty()) r.tag = random_token(10);
  if (r.call_id.empty()) r.call_id = random_token(20);
  const std::string uri = "sip:" + r.target + ";transport=tls";
  // As an Edge or SBC: its FQDN on port 5061 in Via and Contact, its SIP domain in From.
  const std::string us = r.local_fqdn.empty() ? r.local_address : r.local_fqdn + ":5061";
  const std::string from = r.sip_domain.empty() ? (r.local_fqdn.empty() ? r.local_address : r.local_fqdn) : r.sip_domain;
  std::string m;
  m += "OPTIONS " + uri + " SIP/2.0\r\n";
  m += "Via: SIP/2.0/TLS " + us + ";branch=" + r.branch + ";rport\r\n";
  m += "Max-Forwards: 70\r\n";
  m += "From: <sip:sipmtls@" + from + ">;tag=" + r.tag + "\r\n";
  m += "To: <" + uri + ">\r\n";
  m += "Call-ID: " + r.call_id + "\r\n";
  m += "CSeq: 1 OPTIONS\r\n";
  m += "Contact: <sip:" + us + ";transport=tls>\r\n";
  m += "Accept: application/sdp\r\n";
  m += "User-Agent: " + r.user_agent + "\r\n";
  m += "Content-Length: 0\r\n\r\n";
  return m;
}

std::string build_response(const Message& request, int status, std::string_view reason,
                           const std::vector<std::string>& extra_headers) {
  std::string m = "SIP/2.0 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
  for (const auto& via : request.headers_named("Via")) m += "Via: " + via + "\r\n";
  if (auto from = request.header("From")) m += "From: " + *from + "\r\n";
  if (auto to = request.header("To")) {
    m += "To: " + *to;
    if (ascii_lower(*to).find(";tag=") == std::string::npos) m += ";tag=" + random_token(10);
    m += "\r\n";
  }
  if (auto id = request.header("Call-ID")) m += "Call-ID: " + *id + "\r\n";
  if (auto cseq = request.header("CSeq")) m += "CSeq: " + *cseq + "\r\n";
  for (const auto& h : extra_headers) m += h + "\r\n";
  m += "Content-Length: 0\r\n\r\n";
  return m;
}

}  // namespace sipmtls::sip
