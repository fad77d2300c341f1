// SPDX-License-Identifier: MIT
// mbedTLS over Asio. mbedTLS has no API for the alert a peer sent; after a fatal alert the
// decrypted record is still in the context's input buffer, so this one file reads it there.
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include "tls/session.hpp"

#include <array>
#include <chrono>

#include <mbedtls/error.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/ssl.h>

#include "cert/native.hpp"
#include "tls/handshake_release.hpp"
#include "tls/keylog.hpp"

namespace sipmtls::tls {

struct Session::Impl {
  Impl() { mbedtls_ssl_init(&ssl); }
  ~Impl() { mbedtls_ssl_free(&ssl); }
  mbedtls_ssl_context ssl;
};

namespace {

/// The mbedTLS verification flag whose alert (mbedtls_ssl_verify_certificate) is `alert`.
std::uint32_t flags_for_alert(std::uint8_t alert) {
  switch (alert) {
    case kAlertUnknownCa: return MBEDTLS_X509_BADCERT_NOT_TRUSTED;
    case kAlertCertificateExpired: return MBEDTLS_X509_BADCERT_EXPIRED;
    case kAlertCertificateRevoked: return MBEDTLS_X509_BADCERT_REVOKED;
    case kAlertUnsupportedCertificate: return MBEDTLS_X509_BADCERT_EXT_KEY_USAGE;
    case kAlertBadCertificate: return MBEDTLS_X509_BADCERT_CN_MISMATCH;
    case kAlertAccessDenied: return MBEDTLS_X509_BADCERT_OTHER;
    default: return MBEDTLS_X509_BADCERT_FUTURE;  // no alert of its own: certificate_unknown
  }
}

}  // namespace

bool is_connection_closed(int rc) {
  return rc == MBEDTLS_ERR_NET_CONN_RESET || rc == MBEDTLS_ERR_SSL_CONN_EOF || rc == MBEDTLS_ERR_NET_SEND_FAILED ||
         rc == MBEDTLS_ERR_NET_RECV_FAILED;
}

bool is_end_of_stream(int rc) { return rc == MBEDTLS_ERR_SSL_CONN_EOF; }

int end_of_stream_code() { return MBEDTLS_ERR_SSL_CONN_EOF; }

bool is_certificate_parse_error(int rc) { return rc <= -0x2000 && rc > -0x3000; }  // the X509 module's range

bool is_verification_failure(int rc) {
  return rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED || rc == MBEDTLS_ERR_X509_FATAL_ERROR;
}

bool is_missing_client_certificate(int rc) {
  return rc == MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE || rc == MBEDTLS_ERR_SSL_BAD_CERTIFICATE;
}

Session::Session(std::shared_ptr<const Config> config, std::shared_ptr<net::Link> link)
    : config_(std::move(config)), link_(std::move(link)), impl_(std::make_unique<Impl>()) {
  mbedtls_ssl_context* ssl = &impl_->ssl;
  // The only failure is out of memory, which the first handshake step reports as well.
  (void)mbedtls_ssl_setup(ssl, config_->native());
  mbedtls_ssl_set_bio(ssl, this, on_send, on_recv, nullptr);
  mbedtls_ssl_set_verify(ssl, on_verify, this);
  mbedtls_ssl_set_export_keys_cb(
      ssl,
      [](void* self, mbedtls_ssl_key_export_type type, const unsigned char* secret, size_t len,
         const unsigned char client_random[32], const unsigned char*, mbedtls_tls_prf_types) {
        on_secret(self, static_cast<int>(type), secret, len, client_random);
      },
      this);
  if (!config_->options().server) {
    // No name for mbedTLS to check: the rules check names, per profile.
    (void)mbedtls_ssl_set_hostname(ssl, nullptr);
  }
  transcript_.keep_tls13_flight();  // the peer's TLS 1.3 CertificateRequest and Certificate
}

Session::~Session() {
  for (auto& s : server_secrets_) mbedtls_platform_zeroize(s.secret.data(), s.secret.size());
  mbedtls_platform_zeroize(peer_handshake_secret_.secret.data(), peer_handshake_secret_.secret.size());
}

void Session::on_secret(void* self_ptr, int type, const unsigned char* secret, std::size_t len,
                        const unsigned char* client_random) {
  auto* self = static_cast<Session*>(self_ptr);
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
  if (type == MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET ||
      type == MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_APPLICATION_TRAFFIC_SECRET) {
    self->server_secrets_.push_back({std::vector<std::uint8_t>(secret, secret + len)});
  }
  const bool server = self->config_->options().server;
  if (type == (server ? MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_HANDSHAKE_TRAFFIC_SECRET
                      : MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET)) {
    self->peer_handshake_secret_.secret.assign(secret, secret + len);
  }
#endif
  if (const auto& keylog = self->config_->options().keylog) {
    auto error = keylog->on_secret(type, client_random, secret, len);
    if (error && self->keylog_error_.empty()) self->keylog_error_ = std::move(*error);
  }
}

void Session::set_server_name(const std::string& name) {
  (void)mbedtls_ssl_set_hostname(&impl_->ssl, name.empty() ? nullptr : name.c_str());
}

int Session::on_send(void* self_ptr, const unsigned char* buf, std::size_t len) {
  auto* self = static_cast<Session*>(self_ptr);
  std::error_code ec;
  const std::size_t n = self->link_->socket().write_some(asio::buffer(buf, len), ec);
  if (ec == asio::error::would_block || ec == asio::error::try_again) return MBEDTLS_ERR_SSL_WANT_WRITE;
  if (ec) {
    self->transport_error_ = ec.message();
    return ec == asio::error::connection_reset || ec == asio::error::broken_pipe ? MBEDTLS_ERR_NET_CONN_RESET
                                                                                  : MBEDTLS_ERR_NET_SEND_FAILED;
  }
  self->transcript_.on_sent({buf, n});
  return static_cast<int>(n);
}

int Session::on_recv(void* self_ptr, unsigned char* buf, std::size_t len) {
  auto* self = static_cast<Session*>(self_ptr);
  std::error_code ec;
  const std::size_t n = self->link_->socket().read_some(asio::buffer(buf, len), ec);
  if (ec == asio::error::would_block || ec == asio::error::try_again) return MBEDTLS_ERR_SSL_WANT_READ;
  if (ec == asio::error::eof) {
    self->transport_error_ = "the peer closed the connection";
    return 0;
  }
  if (ec) {
    self->transport_error_ = ec.message();
    return ec == asio::error::connection_reset ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
  }
  self->transcript_.on_received({buf, n});
  return static_cast<int>(n);
}

int Session::on_verify(void* self_ptr, mbedtls_x509_crt* crt, int depth, std::uint32_t* flags) {
  auto* self = static_cast<Session*>(self_ptr);
  *flags = 0;  // mbedTLS's own verdict is not ours: the rules decide
  if (depth == 0) {
    const auto alert = self->judge_peer(crt);
    if (alert && self->config_->options().strict) {
      if (self->config_->options().server) {
        self->pending_alert_ = *alert;  // sent by handshake(), see there
      } else {
        *flags = flags_for_alert(*alert);
        self->our_alert_ = Alert{MBEDTLS_SSL_ALERT_LEVEL_FATAL, *alert};
      }
    }
  }
  return 0;
}

std::optional<std::uint8_t> Session::judge_peer(const mbedtls_x509_crt* crt) {
  peer_chain_seen_ = true;
  peer_chain_.clear();
  for (const mbedtls_x509_crt* c = crt; c != nullptr && c->raw.p != nullptr; c = c->next) {
    auto parsed = cert::Certificate::parse_der({c->raw.p, c->raw.len});
    if (parsed) peer_chain_.push_back(std::move(parsed.value()));
  }
  if (!verifier_) return std::nullopt;
  return verifier_(peer_chain_);
}

asio::awaitable<int> Session::drive(const std::function<int()>& step) {
  for (;;) {
    const int rc = step();
    if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
      std::error_code ec;
      co_await link_->socket().async_wait(
          rc == MBEDTLS_ERR_SSL_WANT_READ ? asio::ip::tcp::socket::wait_read : asio::ip::tcp::socket::wait_write,
          asio::redirect_error(asio::use_awaitable, ec));
      if (link_->expired()) co_return kTimedOut;
      if (ec) {
        transport_error_ = ec.message();
        co_return MBEDTLS_ERR_NET_RECV_FAILED;
      }
      continue;
    }
    if (rc == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
      if (stop_on_ticket_) co_return rc;
      continue;
    }
    if (rc == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE && impl_->ssl.in_msgtype == MBEDTLS_SSL_MSG_ALERT &&
        impl_->ssl.in_msg != nullptr) {
      decrypted_alert_ = Alert{impl_->ssl.in_msg[0], impl_->ssl.in_msg[1]};
    }
    if (rc == MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE && handshake_done() &&
        impl_->ssl.in_msgtype == MBEDTLS_SSL_MSG_HANDSHAKE && impl_->ssl.in_msg != nullptr) {
      refused_message_ = impl_->ssl.in_msg[0];  // e.g. a TLS 1.3 KeyUpdate mbedTLS 3.6 cannot take
    }
    co_return rc;
  }
}

asio::awaitable<int> Session::handshake() {
  mbedtls_ssl_context* ssl = &impl_->ssl;
  const bool strict_server = config_->options().server && config_->options().strict;
  const auto started = std::chrono::steady_clock::now();
  // Step by step, so that a strict server can stop right after judging the client's
  // certificate. In TLS 1.2 its alert then goes out in the clear, as Schannel's does; in TLS 1.3
  // it is sent once the handshake is over, under the keys the client reads with by then.
  int rc = co_await drive([this, ssl] {
    while (mbedtls_ssl_is_handshake_over(ssl) == 0) {
      const int step = mbedtls_ssl_handshake_step(ssl);
      if (step != 0) return step;
      if (pending_alert_ && mbedtls_ssl_get_version_number(ssl) != MBEDTLS_SSL_VERSION_TLS1_3) break;
    }
    return 0;
  });
  handshake_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  handshake_records_sent_ = transcript_.facts().sent.application_records;
  read_tls13_flight();
  if (!peer_chain_seen_ && !config_->options().server) {
    // A client that is not strict verifies nothing during the handshake: judge the chain now,
    // also when the handshake failed after the server's Certificate (then it is still in the
    // session being negotiated).
    const mbedtls_x509_crt* chain = nullptr;
    if (rc == 0) {
      chain = mbedtls_ssl_get_peer_cert(ssl);
    } else if (ssl->session_negotiate != nullptr) {
      chain = ssl->session_negotiate->peer_cert;
    }
    if (chain != nullptr) (void)judge_peer(chain);
  }
  // mbedTLS keeps no chain it failed on (a message over its buffer, a chain its verification
  // refused as too long): judge what came on the wire.
  if (rc != 0) judge_from_wire();
  if (rc == 0) {
    transcript_.end_handshake();  // else drain() may still bring the rest of the flight
    if (config_->options().server) {
      // The client's chain was judged during the handshake: an idle connection keeps no copy.
      flight_.certificate.reset();
      release_handshake_state(*ssl);
    }
  }
  if (rc == 0 && strict_server && !peer_chain_seen_) {
    pending_alert_ = mbedtls_ssl_get_version_number(ssl) == MBEDTLS_SSL_VERSION_TLS1_3 ? kAlertCertificateRequired
                                                                                         : kAlertHandshakeFailure;
  }
  if (rc == 0 && pending_alert_) {
    our_alert_ = Alert{MBEDTLS_SSL_ALERT_LEVEL_FATAL, *pending_alert_};
    (void)co_await drive([this] {
      return mbedtls_ssl_send_alert_message(&impl_->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL, *pending_alert_);
    });
    rc = MBEDTLS_ERR_SSL_BAD_CERTIFICATE;
  }
  co_return rc;
}

std::optional<Alert> Session::sent_alert() const {
  if (our_alert_) return our_alert_;
  return transcript_.facts().sent.alert;
}

asio::awaitable<int> Session::write(std::string_view data) {
  while (!data.empty()) {
    const int n = co_await drive([this, data] {
      return mbedtls_ssl_write(&impl_->ssl, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    });
    if (n < 0) co_return n;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  co_return 0;
}

asio::awaitable<int> Session::read(std::string& out) {
  // No buffer in this frame, which every idle connection keeps while it waits: the record is
  // decrypted into the thread's scratch buffer and appended before the step returns.
  const int n = co_await drive([this, &out] {
    thread_local std::array<unsigned char, 16384> scratch;
    const int got = mbedtls_ssl_read(&impl_->ssl, scratch.data(), scratch.size());
    if (got > 0) out.append(reinterpret_cast<const char*>(scratch.data()), static_cast<std::size_t>(got));
    return got;
  });
  if (n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || n == MBEDTLS_ERR_SSL_CONN_EOF) co_return 0;
  co_return n;
}

asio::awaitable<int> Session::await_verdict(net::Clock::duration limit) {
  unsigned char buf[512];
  stop_on_ticket_ = true;
  link_->arm(limit);
  const int n = co_await drive([this, &buf] { return mbedtls_ssl_read(&impl_->ssl, buf, sizeof buf); });
  link_->disarm();
  stop_on_ticket_ = false;
  if (n > 0 || n == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) co_return 0;
  if (n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || n == MBEDTLS_ERR_SSL_CONN_EOF) co_return end_of_stream_code();
  co_return n;
}

asio::awaitable<void> Session::close() {
  link_->arm(std::chrono::milliseconds(500));
  (void)co_await drive([this] { return mbedtls_ssl_close_notify(&impl_->ssl); });
  link_->disarm();
}

asio::awaitable<void> Session::drain(net::Clock::duration limit) {
  link_->arm(limit);
  if (handshake_done()) {
    // Records are encrypted now: let mbedTLS read (and so decrypt) what the peer left behind,
    // typically its alert after our write failed on the reset that followed it.
    unsigned char buf[4096];
    while (!received_alert()) {
      const int n = co_await drive([this, &buf] { return mbedtls_ssl_read(&impl_->ssl, buf, sizeof buf); });
      if (n <= 0) break;
    }
    link_->disarm();
    co_return;
  }
  unsigned char buf[4096];
  while (!received_alert()) {
    std::error_code ec;
    const std::size_t n = link_->socket().read_some(asio::buffer(buf), ec);
    if (n > 0) transcript_.on_received({buf, n});
    if (ec == asio::error::would_block || ec == asio::error::try_again) {
      co_await link_->socket().async_wait(asio::ip::tcp::socket::wait_read,
                                          asio::redirect_error(asio::use_awaitable, ec));
      if (link_->expired() || ec) break;
      continue;
    }
    if (ec) {
      if (transport_error_.empty()) {
        transport_error_ = ec == asio::error::eof ? "the peer closed the connection" : ec.message();
      }
      break;
    }
  }
  link_->disarm();
  read_tls13_flight();  // the records that came after mbedTLS stopped reading
  judge_from_wire();
  const auto& sh = transcript_.facts().server_hello;
  if (!received_alert() && sh && sh->version == 0x0304 && !config_->options().server) {
    // Only the client can be ahead of its peer's keys; try the secrets we know.
    decrypted_alert_ = open_tls13_alert(sh->cipher, server_secrets_, transcript_.facts().received.short_records);
  }
}

std::optional<Alert> Session::received_alert() const {
  if (decrypted_alert_) return decrypted_alert_;
  return transcript_.facts().received.alert;
}

bool Session::handshake_done() const {
  return mbedtls_ssl_is_handshake_over(const_cast<mbedtls_ssl_context*>(&impl_->ssl)) != 0;
}

std::string Session::version() const {
  if (handshake_done()) {
    const auto v = mbedtls_ssl_get_version_number(&impl_->ssl);
    return v == MBEDTLS_SSL_VERSION_TLS1_3 ? "TLS 1.3" : v == MBEDTLS_SSL_VERSION_TLS1_2 ? "TLS 1.2" : "unknown";
  }
  if (const auto& sh = transcript_.facts().server_hello) return version_name(sh->version);
  return "";
}

std::string Session::cipher() const {
  if (handshake_done()) return mbedtls_ssl_get_ciphersuite(&impl_->ssl);
  if (const auto& sh = transcript_.facts().server_hello) {
    const char* name = mbedtls_ssl_get_ciphersuite_name(sh->cipher);
    return name ? name : "";
  }
  return "";
}

std::size_t max_handshake_message() { return MBEDTLS_SSL_IN_CONTENT_LEN; }

}  // namespace sipmtls::tls
