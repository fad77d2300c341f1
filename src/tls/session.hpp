// SPDX-License-Identifier: MIT
// One mbedTLS session over a Link (an Asio TCP socket with a watchdog), driven by C++20
// coroutines. Every byte on the wire also goes through the transcript tap.
#pragma once

#include <asio.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/link.hpp"
#include "sipmtls/cert/certificate.hpp"
#include "tls/config.hpp"
#include "tls/late_alert.hpp"
#include "tls/tls13_flight.hpp"
#include "tls/transcript.hpp"

namespace sipmtls::tls {

/// Returned instead of an mbedTLS code when the link's watchdog ended the step.
inline constexpr int kTimedOut = -0x6800;  // MBEDTLS_ERR_SSL_TIMEOUT: unused on streams

/// Judges the peer's chain (leaf first, as received) during the handshake. In strict mode a
/// returned alert ends the handshake with it; otherwise the return value is ignored.
using Verifier = std::function<std::optional<std::uint8_t>(const std::vector<cert::Certificate>& chain)>;

class Session {
 public:
  Session(std::shared_ptr<const Config> config, std::shared_ptr<net::Link> link);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// SNI and, for a client, the name mbedTLS would check (ours are checked by the rules).
  void set_server_name(const std::string& name);
  void set_verifier(Verifier verifier) { verifier_ = std::move(verifier); }

  /// 0, an mbedTLS error code, or kTimedOut.
  asio::awaitable<int> handshake();
  /// Writes all of data: 0 or an error.
  asio::awaitable<int> write(std::string_view data);
  /// Appends what arrives to out: the number of bytes, 0 when the peer closed, or an error.
  asio::awaitable<int> read(std::string& out);  // reads at most 2 KiB at a time
  /// TLS 1.3 client: the server's verdict on our certificate, which comes after the handshake.
  /// Reads for at most `limit`: 0 when a NewSessionTicket or data came (it accepted us), kTimedOut
  /// when nothing did, else the error its alert or its closing caused.
  asio::awaitable<int> await_verdict(net::Clock::duration limit);
  /// Sends close_notify, best effort.
  asio::awaitable<void> close();
  /// After a failure: reads what is still on the socket (an alert the peer sent just before it
  /// closed, which mbedTLS never read because its own send failed) for at most `limit`.
  asio::awaitable<void> drain(net::Clock::duration limit);

  /// The alert the peer sent, plaintext (from the tap) or encrypted (as mbedTLS decrypted it).
  std::optional<Alert> received_alert() const;
  /// The handshake message type of a post-handshake message mbedTLS refused (24 KeyUpdate, 13 a
  /// TLS 1.3 post-handshake CertificateRequest): legal TLS it cannot process, which ended the
  /// connection.
  std::optional<std::uint8_t> refused_message() const { return refused_message_; }
  /// Whether the alert we sent is the one our rules chose (lcs_alert), not mbedTLS's own.
  bool alert_chosen_by_rules() const { return our_alert_.has_value(); }
  /// The alert we sent, if any.
  std::optional<Alert> sent_alert() const;
  const TranscriptFacts& transcript() const { return transcript_.facts(); }
  bool handshake_done() const;
  /// How long handshake() took, in milliseconds (0 before it ran).
  double handshake_ms() const { return handshake_ms_; }
  /// A client's view: did the server send a CertificateRequest? TLS 1.2 shows it in the clear;
  /// in TLS 1.3 it is encrypted, but mbedTLS then answers with Certificate, CertificateVerify
  /// and Finished in separate records instead of Finished alone.
  bool certificate_requested() const;
  /// A client's view: have we sent our certificate (TLS 1.2: seen in the clear; TLS 1.3: our
  /// Certificate, CertificateVerify and Finished went out as records of their own)?
  bool sent_our_certificate() const;
  /// The server's CertificateRequest as read (TLS 1.2 from the tap, TLS 1.3 from its opened
  /// flight), or nullptr.
  const CertificateRequestFacts* certificate_request() const;
  /// The peer's Certificate message as read from the wire (TLS 1.2 in the clear, TLS 1.3 from
  /// its opened flight), or nullptr; kept until the handshake is over.
  const CertificateMessageFacts* peer_certificate_message() const;
  /// The CA names of the CertificateRequest (TLS 1.3: its certificate_authorities), as text.
  std::vector<std::string> peer_ca_names() const;
  /// The peer's chain as received (leaf first); empty when it sent none.
  const std::vector<cert::Certificate>& peer_chain() const { return peer_chain_; }
  bool peer_chain_seen() const { return peer_chain_seen_; }
  /// Frees the parsed chain once it has been judged (an idle listener connection keeps less).
  void forget_peer_chain() { peer_chain_ = {}; }
  std::string version() const;  ///< "TLS 1.3", or from the ServerHello when the handshake failed
  std::string cipher() const;
  /// The first key log write that failed for this session ("PATH: reason"), or "".
  const std::string& keylog_error() const { return keylog_error_; }
  /// What the transport saw last: "connection reset by peer", "end of file" or "".
  const std::string& transport_error() const { return transport_error_; }
  net::Link& link() { return *link_; }

  struct Impl;

 private:
  asio::awaitable<int> drive(const std::function<int()>& step);
  static int on_send(void* self, const unsigned char* buf, std::size_t len);
  static int on_recv(void* self, unsigned char* buf, std::size_t len);
  static int on_verify(void* self, struct mbedtls_x509_crt* crt, int depth, std::uint32_t* flags);
  /// Keeps the peer's chain and runs the verifier on it; the alert it wants, if any.
  std::optional<std::uint8_t> judge_peer(const struct mbedtls_x509_crt* chain);
  /// TLS 1.3: the peer's handshake flight, opened, into flight_.
  void read_tls13_flight();
  /// When mbedTLS held no chain to judge: the one the peer's Certificate message carried.
  void judge_from_wire();
  static void on_secret(void* self, int type, const unsigned char* secret, std::size_t len,
                        const unsigned char* client_random);

  std::shared_ptr<const Config> config_;
  std::shared_ptr<net::Link> link_;
  std::unique_ptr<Impl> impl_;
  Transcript transcript_;
  Verifier verifier_;
  std::vector<cert::Certificate> peer_chain_;
  bool peer_chain_seen_ = false;
  std::optional<Alert> decrypted_alert_;
  std::optional<std::uint8_t> refused_message_;
  std::optional<std::uint8_t> pending_alert_;  ///< strict TLS 1.3 server: to send after the handshake
  std::optional<Alert> our_alert_;             ///< the alert our verdict sent (encrypted ones included)
  std::uint32_t handshake_records_sent_ = 0;
  std::vector<TrafficSecret> server_secrets_;  ///< TLS 1.3, handshake then application; zeroised
  TrafficSecret peer_handshake_secret_;  ///< TLS 1.3, to open the peer's flight; zeroised
  Tls13Flight flight_;
  std::string transport_error_;
  std::string keylog_error_;
  bool stop_on_ticket_ = false;  ///< await_verdict: a NewSessionTicket ends the read
  double handshake_ms_ = 0;
};

/// Classifies session results for the layers above, which do not see mbedTLS.
bool is_connection_closed(int rc);        ///< EOF, reset, send/receive failure
bool is_end_of_stream(int rc);            ///< an orderly EOF (no reset)
bool is_certificate_parse_error(int rc);  ///< the peer's certificate could not be parsed
bool is_missing_client_certificate(int rc);
/// mbedTLS's own verification refused the peer's chain (--strict client), e.g. as too long.
bool is_verification_failure(int rc);
/// The code read() reports for an orderly close.
int end_of_stream_code();

/// The largest handshake message the TLS stack takes (mbedTLS: one record, 16 KiB).
std::size_t max_handshake_message();

/// An mbedTLS code (kTimedOut included) as a clause in plain words, never the library's own text
/// (error_words.cpp).
std::string error_text(int code);

}  // namespace sipmtls::tls
