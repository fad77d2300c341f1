// SPDX-License-Identifier: MIT
// The transcript tap: reads the TLS records the tool sends and receives, as bytes on the wire,
// and keeps what mbedTLS has no API for: offered and chosen versions and suites, the TLS 1.2
// CertificateRequest (certificate types and CA names) and plaintext alerts. Pure: no I/O, no
// mbedTLS; it never fails, it stops reading what it cannot parse.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "tls/certificate_message.hpp"

namespace sipmtls::tls {

/// TLS alert descriptions (RFC 8446 §6, RFC 5246 §7.2).
enum AlertCode : std::uint8_t {
  kAlertCloseNotify = 0,
  kAlertUnexpectedMessage = 10,
  kAlertHandshakeFailure = 40,
  kAlertBadCertificate = 42,
  kAlertUnsupportedCertificate = 43,
  kAlertCertificateRevoked = 44,
  kAlertCertificateExpired = 45,
  kAlertCertificateUnknown = 46,
  kAlertIllegalParameter = 47,
  kAlertUnknownCa = 48,
  kAlertAccessDenied = 49,
  kAlertDecodeError = 50,
  kAlertDecryptError = 51,
  kAlertProtocolVersion = 70,
  kAlertInsufficientSecurity = 71,
  kAlertInternalError = 80,
  kAlertCertificateRequired = 116,
};

/// A GREASE value (RFC 8701: 0x0A0A, 0x1A1A, ... 0xFAFA), which clients offer to keep peers honest.
constexpr bool is_grease(std::uint16_t v) { return (v & 0x0f0f) == 0x0a0a && (v >> 12) == ((v >> 4) & 0xf); }

/// "unknown_ca (48)".
std::string alert_name(int code);
/// "TLS 1.2" for 0x0303; "SSL 3.0" for 0x0300; "0x7f1c" for anything else.
std::string version_name(std::uint16_t version);

struct Alert {
  std::uint8_t level = 0;  ///< 1 warning, 2 fatal
  std::uint8_t code = 0;
};

/// What one direction of the connection carried.
struct DirectionFacts {
  std::vector<std::uint16_t> record_versions;  ///< distinct record-layer versions, in order seen
  std::optional<Alert> alert;                  ///< the first plaintext alert
  std::uint64_t bytes = 0;
  std::uint32_t application_records = 0;  ///< records of type 23 (TLS 1.3: every encrypted record)
  /// The last few short type-23 records, whole (an encrypted TLS 1.3 alert is 24 bytes).
  std::vector<std::vector<std::uint8_t>> short_records;
  /// An alert record in the clear after the handshake was over: not from the peer's TLS stack,
  /// whose alerts are encrypted by then (something on the path injected it). Not in `alert`.
  std::optional<Alert> clear_alert_after_handshake;
  /// A TLS 1.2 handshake record after the handshake was over: the peer asked to renegotiate.
  bool renegotiation = false;
};

struct ClientHelloFacts {
  std::uint16_t legacy_version = 0;
  std::vector<std::uint16_t> versions;  ///< supported_versions, else {legacy_version}
  std::vector<std::uint16_t> ciphers;
  std::string sni;
};

struct ServerHelloFacts {
  std::uint16_t version = 0;  ///< supported_versions when present, else legacy_version
  std::uint16_t cipher = 0;
  bool retry_request = false;  ///< HelloRetryRequest
};

/// A CertificateRequest: TLS 1.2's from the tap, TLS 1.3's (encrypted) from the flight reader.
struct CertificateRequestFacts {
  std::vector<std::uint8_t> certificate_types;      ///< TLS 1.2 only
  std::vector<std::uint16_t> signature_algorithms;  ///< TLS 1.2 only: what it takes from clients
  std::vector<std::vector<std::uint8_t>> ca_names;  ///< DER DistinguishedNames, in order
  std::size_t size = 0;         ///< the message's length as its header gives it
  bool complete = true;         ///< false: only the header arrived (the names are not read)
  bool tls13 = false;           ///< TLS 1.3: the names are its certificate_authorities extension
  std::size_t ca_list_bytes = 0;  ///< the encoded CA list, length prefixes included
};

struct TranscriptFacts {
  DirectionFacts sent, received;
  std::optional<ClientHelloFacts> client_hello;
  std::optional<ServerHelloFacts> server_hello;
  std::optional<CertificateRequestFacts> certificate_request;
  bool sent_certificate = false;  ///< we sent a non-empty TLS 1.2 Certificate message
  /// The peer's TLS 1.2 Certificate message as received (released by end_handshake()).
  std::optional<CertificateMessageFacts> peer_certificate;
  /// The peer's first bytes were not a TLS record: what they were (up to 64 bytes).
  std::optional<std::string> not_tls;
  /// With keep_tls13_flight: the encrypted records received after a TLS 1.3 ServerHello, whole,
  /// until end_handshake() (at most kMaxFlight bytes), for the flight reader.
  std::vector<std::vector<std::uint8_t>> tls13_flight;
};

/// The most bytes of a TLS 1.3 handshake flight the tap keeps.
inline constexpr std::size_t kMaxFlight = 320u * 1024;

class Transcript {
 public:
  /// Bytes the tool wrote to the socket, in order.
  void on_sent(std::span<const std::uint8_t> bytes);
  /// Bytes the tool read from the socket, in order.
  void on_received(std::span<const std::uint8_t> bytes);
  const TranscriptFacts& facts() const { return facts_; }
  /// Releases the reassembly buffers' spare capacity (after the handshake, for idle connections).
  void compact();
  /// Keep the peer's encrypted TLS 1.3 handshake records (tls13_flight).
  void keep_tls13_flight() { keep_flight_ = true; }
  /// The handshake is over: the kept flight and the peer's certificates are released, and what
  /// comes in the clear from now on is no longer handshake.
  void end_handshake();

 private:
  struct Direction {
    std::vector<std::uint8_t> pending;    // a partial record
    std::vector<std::uint8_t> handshake;  // plaintext handshake bytes not yet a whole message
    bool encrypted = false;
    bool broken = false;  // stop parsing: garbage or an unknown layout
  };
  void feed(Direction& d, DirectionFacts& out, bool received, std::span<const std::uint8_t> bytes);
  void on_record(Direction& d, DirectionFacts& out, std::uint8_t type,
                 std::span<const std::uint8_t> body);
  void on_handshake_message(std::uint8_t type, std::span<const std::uint8_t> body);

  Direction sent_, received_;
  TranscriptFacts facts_;
  bool keep_flight_ = false;
  bool handshake_over_ = false;
  std::size_t flight_bytes_ = 0;
};

}  // namespace sipmtls::tls
