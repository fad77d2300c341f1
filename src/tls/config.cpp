// SPDX-License-Identifier: MIT
// mbedTLS SSL configuration for one side of the test. mbedTLS refuses to present a certificate
// whose key usage or EKU forbids its role; a tester must present exactly those to see how the
// peer reacts, so our own leaf's copy has those two extensions marked absent. The bytes sent
// are the certificate's own, unchanged.
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include "tls/config.hpp"
#include "tls/session.hpp"

#include <mbedtls/oid.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "cert/native.hpp"

namespace sipmtls::tls {

struct Config::Impl {
  Impl() {
    mbedtls_ssl_config_init(&conf);
    mbedtls_x509_crt_init(&own);
    mbedtls_x509_crt_init(&trust);
  }
  ~Impl() {
    mbedtls_ssl_config_free(&conf);
    mbedtls_x509_crt_free(&own);
    mbedtls_x509_crt_free(&trust);
  }
  mbedtls_ssl_config conf;
  mbedtls_x509_crt own;    // our chain as one mbedTLS list
  mbedtls_x509_crt trust;  // the trust store as one list
};

std::optional<Versions> parse_versions(const std::string& text) {
  if (text == "auto") return Versions::Auto;
  if (text == "1.2") return Versions::Tls12;
  if (text == "1.3") return Versions::Tls13;
  return std::nullopt;
}

Config::Config(ConfigOptions options) : options_(std::move(options)), impl_(std::make_unique<Impl>()) {}
Config::~Config() = default;

const mbedtls_ssl_config* Config::native() const { return &impl_->conf; }

Result<std::shared_ptr<const Config>> Config::make(ConfigOptions options) {
  cert::ensure_crypto_initialised();
  std::shared_ptr<Config> config(new Config(std::move(options)));
  const ConfigOptions& o = config->options_;
  Impl& i = *config->impl_;
  for (const auto& c : o.chain) {
    if (int rc = mbedtls_x509_crt_parse_der(&i.own, c.der().data(), c.der().size()); rc != 0) {
      return internal_error("our certificate chain: " + error_text(rc));
    }
  }
  if (!o.chain.empty()) i.own.ext_types &= ~(MBEDTLS_X509_EXT_KEY_USAGE | MBEDTLS_X509_EXT_EXTENDED_KEY_USAGE);
  for (const auto& c : o.trust) {
    if (int rc = mbedtls_x509_crt_parse_der(&i.trust, c.der().data(), c.der().size()); rc != 0) {
      return internal_error("trust store: " + error_text(rc));
    }
  }
  int rc = mbedtls_ssl_config_defaults(&i.conf, o.server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
                                       MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  if (rc != 0) return internal_error("TLS configuration: " + error_text(rc));
  mbedtls_ssl_conf_rng(&i.conf, cert::random_bytes, nullptr);
  // The tool's own verification judges the peer (rules over cert::build_chain), so mbedTLS's is
  // not needed: a client that is not strict does none (it still keeps the peer's chain, read
  // after the handshake), which saves its signature checks (~1.6 ms of ECDSA verifies per
  // handshake). A server must say OPTIONAL to request a client certificate at all. A strict
  // client lets mbedTLS end the handshake with the alert our verdict maps to; a strict server
  // sends it itself (tls/session.cpp), because mbedTLS would also enforce its own key usage
  // checks and encrypt TLS 1.3 alerts with keys the client has already left behind.
  int authmode = MBEDTLS_SSL_VERIFY_OPTIONAL;
  if (!o.server) authmode = o.strict ? MBEDTLS_SSL_VERIFY_REQUIRED : MBEDTLS_SSL_VERIFY_NONE;
  mbedtls_ssl_conf_authmode(&i.conf, authmode);
#if defined(MBEDTLS_SSL_SESSION_TICKETS) && defined(MBEDTLS_SSL_PROTO_TLS1_3)
  // A TLS 1.3 server's session ticket is its first word after judging our certificate: the
  // client wants to see it (Session::await_verdict), not have mbedTLS swallow it.
  if (!o.server) {
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(&i.conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
  }
#endif
#if defined(MBEDTLS_SSL_MAX_FRAGMENT_LENGTH)
  // A server's records after the handshake carry at most 2 KiB (an answer to OPTIONS is about
  // 500 bytes; a longer write goes out in several records). With
  // MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH, which scripts/bootstrap enables, mbedTLS then shrinks an
  // established connection's output buffer from 16 KiB to that (tls/handshake_release.cpp); the
  // handshake, with our chain and the CA list, still has the full buffer. A client sets
  // nothing: there the value would go out as an extension to negotiate.
  if (o.server) mbedtls_ssl_conf_max_frag_len(&i.conf, MBEDTLS_SSL_MAX_FRAG_LEN_2048);
#endif
  if (!o.trust.empty()) mbedtls_ssl_conf_ca_chain(&i.conf, &i.trust, nullptr);
  if (!o.chain.empty() && o.key) {
    rc = mbedtls_ssl_conf_own_cert(&i.conf, &i.own, o.key->native());
    if (rc != 0) return internal_error("our certificate: " + error_text(rc));
  }
  switch (o.versions) {
    case Versions::Tls12:
      mbedtls_ssl_conf_min_tls_version(&i.conf, MBEDTLS_SSL_VERSION_TLS1_2);
      mbedtls_ssl_conf_max_tls_version(&i.conf, MBEDTLS_SSL_VERSION_TLS1_2);
      break;
    case Versions::Tls13:
      mbedtls_ssl_conf_min_tls_version(&i.conf, MBEDTLS_SSL_VERSION_TLS1_3);
      mbedtls_ssl_conf_max_tls_version(&i.conf, MBEDTLS_SSL_VERSION_TLS1_3);
      break;
    case Versions::Auto: break;
  }
  return std::shared_ptr<const Config>(std::move(config));
}

}  // namespace sipmtls::tls
