// SPDX-License-Identifier: MIT
// The transcript tap: TLS record and handshake parsing of the plaintext part of a connection.
#include "tls/transcript.hpp"

#include <algorithm>
#include <cstdio>

#include "tls/certificate_request.hpp"
#include "tls/wire_reader.hpp"

namespace sipmtls::tls {
namespace {

constexpr std::uint8_t kChangeCipherSpec = 20;
constexpr std::uint8_t kAlertRecord = 21;
constexpr std::uint8_t kHandshakeRecord = 22;
constexpr std::uint8_t kApplicationData = 23;
constexpr std::uint8_t kHeartbeat = 24;
constexpr std::size_t kMaxRecord = (1u << 14) + 2048;
constexpr std::size_t kMaxHandshake = 1u << 18;  // larger messages are not ours to read
constexpr std::uint16_t kTls13 = 0x0304;
constexpr std::uint16_t kExtServerName = 0;
constexpr std::uint16_t kExtSupportedVersions = 43;

// SHA-256("HelloRetryRequest"), the ServerHello.random of a HelloRetryRequest (RFC 8446 §4.1.3).
constexpr std::uint8_t kRetryRandom[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

std::string printable(std::span<const std::uint8_t> bytes) {
  std::string out;
  for (std::uint8_t c : bytes.first(std::min<std::size_t>(bytes.size(), 64))) {
    if (c == '\r') continue;
    if (c == '\n') {
      out += "\\n";
    } else if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return out;
}

void remember_version(std::vector<std::uint16_t>& seen, std::uint16_t v) {
  if (std::find(seen.begin(), seen.end(), v) == seen.end()) seen.push_back(v);
}

ClientHelloFacts parse_client_hello(WireReader b) {
  ClientHelloFacts ch;
  ch.legacy_version = static_cast<std::uint16_t>(b.u(2));
  b.take(32);
  b.vec(1);  // session id
  WireReader suites = b.vec(2);
  while (suites.ok() && !suites.empty()) ch.ciphers.push_back(static_cast<std::uint16_t>(suites.u(2)));
  b.vec(1);  // compression methods
  WireReader exts = b.vec(2);
  while (exts.ok() && !exts.empty()) {
    const auto type = exts.u(2);
    WireReader body = exts.vec(2);
    if (type == kExtSupportedVersions) {
      WireReader list = body.vec(1);
      while (list.ok() && !list.empty()) ch.versions.push_back(static_cast<std::uint16_t>(list.u(2)));
    } else if (type == kExtServerName) {
      WireReader names = body.vec(2);
      while (names.ok() && !names.empty()) {
        const auto name_type = names.u(1);
        auto name = names.take(names.u(2));
        if (name_type == 0 && names.ok()) ch.sni.assign(name.begin(), name.end());
      }
    }
  }
  if (ch.versions.empty()) ch.versions.push_back(ch.legacy_version);
  return ch;
}

ServerHelloFacts parse_server_hello(WireReader b) {
  ServerHelloFacts sh;
  sh.version = static_cast<std::uint16_t>(b.u(2));
  auto random = b.take(32);
  sh.retry_request = random.size() == 32 && std::equal(random.begin(), random.end(), kRetryRandom);
  b.vec(1);
  sh.cipher = static_cast<std::uint16_t>(b.u(2));
  b.u(1);
  WireReader exts = b.vec(2);
  while (exts.ok() && !exts.empty()) {
    const auto type = exts.u(2);
    WireReader body = exts.vec(2);
    if (type == kExtSupportedVersions) {
      const auto v = body.u(2);
      if (body.ok()) sh.version = static_cast<std::uint16_t>(v);
    }
  }
  return sh;
}

}  // namespace

std::string alert_name(int code) {
  const char* name = "unknown alert";
  switch (code) {
    case 0: name = "close_notify"; break;
    case 10: name = "unexpected_message"; break;
    case 20: name = "bad_record_mac"; break;
    case 22: name = "record_overflow"; break;
    case 40: name = "handshake_failure"; break;
    case 42: name = "bad_certificate"; break;
    case 43: name = "unsupported_certificate"; break;
    case 44: name = "certificate_revoked"; break;
    case 45: name = "certificate_expired"; break;
    case 46: name = "certificate_unknown"; break;
    case 47: name = "illegal_parameter"; break;
    case 48: name = "unknown_ca"; break;
    case 49: name = "access_denied"; break;
    case 50: name = "decode_error"; break;
    case 51: name = "decrypt_error"; break;
    case 70: name = "protocol_version"; break;
    case 71: name = "insufficient_security"; break;
    case 80: name = "internal_error"; break;
    case 86: name = "inappropriate_fallback"; break;
    case 90: name = "user_canceled"; break;
    case 109: name = "missing_extension"; break;
    case 110: name = "unsupported_extension"; break;
    case 112: name = "unrecognized_name"; break;
    case 116: name = "certificate_required"; break;
    case 120: name = "no_application_protocol"; break;
  }
  return std::string(name) + " (" + std::to_string(code) + ")";
}

std::string version_name(std::uint16_t v) {
  switch (v) {
    case 0x0300: return "SSL 3.0";
    case 0x0301: return "TLS 1.0";
    case 0x0302: return "TLS 1.1";
    case 0x0303: return "TLS 1.2";
    case 0x0304: return "TLS 1.3";
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%04x", v);
  return hex;
}

void Transcript::compact() {
  for (Direction* d : {&sent_, &received_}) {
    d->pending.shrink_to_fit();
    d->handshake.shrink_to_fit();
  }
}

void Transcript::end_handshake() {
  handshake_over_ = true;
  keep_flight_ = false;
  facts_.tls13_flight = {};
  facts_.peer_certificate.reset();
  compact();
}

void Transcript::on_sent(std::span<const std::uint8_t> bytes) { feed(sent_, facts_.sent, false, bytes); }

void Transcript::on_received(std::span<const std::uint8_t> bytes) {
  feed(received_, facts_.received, true, bytes);
}

void Transcript::feed(Direction& d, DirectionFacts& out, bool received, std::span<const std::uint8_t> bytes) {
  out.bytes += bytes.size();
  if (d.broken) return;
  d.pending.insert(d.pending.end(), bytes.begin(), bytes.end());
  std::size_t at = 0;
  while (d.pending.size() - at >= 5) {
    const std::uint8_t* h = d.pending.data() + at;
    const std::uint8_t type = h[0];
    const std::uint16_t version = static_cast<std::uint16_t>((h[1] << 8) | h[2]);
    const std::size_t length = static_cast<std::size_t>((h[3] << 8) | h[4]);
    if (type < kChangeCipherSpec || type > kHeartbeat || h[1] != 3 || length > kMaxRecord) {
      if (received && out.record_versions.empty()) {
        facts_.not_tls = printable(std::span<const std::uint8_t>(d.pending).subspan(at));
      }
      d.broken = true;
      d.pending.clear();
      return;
    }
    if (d.pending.size() - at - 5 < length) break;
    remember_version(out.record_versions, version);
    if (received && keep_flight_ && d.encrypted && type == kApplicationData && flight_bytes_ + 5 + length <= kMaxFlight) {
      facts_.tls13_flight.emplace_back(h, h + 5 + length);
      flight_bytes_ += 5 + length;
    }
    if (type == kApplicationData && length <= 64) {
      if (out.short_records.size() == 8) out.short_records.erase(out.short_records.begin());
      out.short_records.emplace_back(h, h + 5 + length);
    }
    on_record(d, out, type, std::span<const std::uint8_t>(h + 5, length));
    at += 5 + length;
    if (d.broken) break;
  }
  d.pending.erase(d.pending.begin(), d.pending.begin() + static_cast<std::ptrdiff_t>(std::min(at, d.pending.size())));
}

void Transcript::on_record(Direction& d, DirectionFacts& out, std::uint8_t type,
                           std::span<const std::uint8_t> body) {
  if (type == kApplicationData) ++out.application_records;
  if (type == kChangeCipherSpec) {
    d.encrypted = true;  // TLS 1.2; in TLS 1.3 it is a no-op record and we are already encrypted
    return;
  }
  if (type == kAlertRecord && body.size() == 2) {
    // Two bytes cannot be an encrypted record (the AEAD tag alone is 16): a plaintext alert,
    // which a TLS 1.3 client sends when it rejects the server before its keys are in use. After
    // the handshake no TLS stack sends one.
    auto& slot = handshake_over_ ? out.clear_alert_after_handshake : out.alert;
    if (!slot) slot = Alert{body[0], body[1]};
    return;
  }
  if (handshake_over_ && type == kHandshakeRecord && facts_.server_hello && facts_.server_hello->version != kTls13) {
    out.renegotiation = true;  // a HelloRequest from a server, a ClientHello from a client
    return;
  }
  if (d.encrypted || type == kAlertRecord) return;
  if (type != kHandshakeRecord) return;
  d.handshake.insert(d.handshake.end(), body.begin(), body.end());
  while (d.handshake.size() >= 4) {
    const std::size_t length =
        (static_cast<std::size_t>(d.handshake[1]) << 16) | (static_cast<std::size_t>(d.handshake[2]) << 8) | d.handshake[3];
    if (length > kMaxHandshake) {
      d.broken = true;
      return;
    }
    const bool received = &d == &received_;
    if (d.handshake.size() < 4 + length) {
      // A CertificateRequest or Certificate too large for the TLS stack's buffer fails the
      // handshake before it is whole: its announced size is what the diagnosis needs.
      if (received && d.handshake[0] == 13 && !facts_.certificate_request) {
        CertificateRequestFacts announced;
        announced.size = length;
        announced.complete = false;
        facts_.certificate_request = announced;
      }
      if (received && d.handshake[0] == 11 && !facts_.peer_certificate) {
        facts_.peer_certificate = CertificateMessageFacts{{}, length, false};
      }
      return;
    }
    const std::uint8_t msg_type = d.handshake[0];
    std::vector<std::uint8_t> msg(d.handshake.begin() + 4, d.handshake.begin() + 4 + static_cast<std::ptrdiff_t>(length));
    d.handshake.erase(d.handshake.begin(), d.handshake.begin() + 4 + static_cast<std::ptrdiff_t>(length));
    if (!received && msg_type == 11 && msg.size() > 3) facts_.sent_certificate = true;  // a non-empty list
    if (received && msg_type == 11 && (!facts_.peer_certificate || !facts_.peer_certificate->complete)) {
      facts_.peer_certificate = parse_tls12_certificate(msg);
    }
    on_handshake_message(msg_type, msg);
    if (d.encrypted) return;  // a TLS 1.3 ServerHello: what follows is encrypted
  }
}

void Transcript::on_handshake_message(std::uint8_t type, std::span<const std::uint8_t> body) {
  switch (type) {
    case 1: {  // ClientHello (a second one follows a HelloRetryRequest: keep the latest)
      facts_.client_hello = parse_client_hello(WireReader(body));
      break;
    }
    case 2: {  // ServerHello
      ServerHelloFacts sh = parse_server_hello(WireReader(body));
      facts_.server_hello = sh;
      if (sh.version == kTls13 && !sh.retry_request) {
        sent_.encrypted = received_.encrypted = true;
        sent_.handshake.clear();
        received_.handshake.clear();
      }
      break;
    }
    case 13:  // CertificateRequest, TLS 1.2 only (TLS 1.3 sends it encrypted)
      facts_.certificate_request = parse_tls12_certificate_request(body);
      break;
    default: break;
  }
}

}  // namespace sipmtls::tls
