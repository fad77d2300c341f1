// SPDX-License-Identifier: MIT
// mbedTLS 3.6 frees a TLS 1.2 handshake's state at its end (ssl_tls.c,
// mbedtls_ssl_handshake_wrapup_free_hs_transform) but keeps a TLS 1.3 one until the context is
// freed: about 5 KiB per idle listener connection, and its 16 KiB output buffer is never
// shrunk, because only mbedtls_ssl_handshake_free resizes the buffers. A TLS 1.3 server has no
// use for that state afterwards: it sends no session tickets (no ticket callback is set) and
// refuses any post-handshake handshake message without looking at it
// (ssl_tls13_handle_hs_message_post_handshake). Every later use in the record layer checks for
// a null handshake, as after a TLS 1.2 handshake.
#define MBEDTLS_ALLOW_PRIVATE_ACCESS
#include "tls/handshake_release.hpp"

#include <mbedtls/platform.h>
#include <mbedtls/x509_crt.h>

// Part of the library (ssl_tls.c, ssl_msg.c) but declared only in its internal library/ssl_misc.h.
extern "C" void mbedtls_ssl_handshake_free(mbedtls_ssl_context* ssl);
extern "C" void mbedtls_ssl_transform_free(mbedtls_ssl_transform* transform);

namespace sipmtls::tls {

namespace {

void free_tls13_handshake(mbedtls_ssl_context& ssl) {
  if (ssl.handshake == nullptr || mbedtls_ssl_get_version_number(&ssl) != MBEDTLS_SSL_VERSION_TLS1_3) return;
  // A client that offers resumption leaves the server in the NewSessionTicket state, which
  // counts as over; with no ticket callback the next step only moves it to HANDSHAKE_OVER,
  // without I/O. mbedtls_ssl_read would take that step itself, and it needs the state.
  for (int steps = 0; ssl.state != MBEDTLS_SSL_HANDSHAKE_OVER; ++steps) {
    if (steps == 4 || mbedtls_ssl_handshake_step(&ssl) != 0) return;
  }
  // What mbedtls_ssl_free does while a handshake is allocated: the TLS 1.2 transform it made
  // in case (TLS 1.3 never fills it) and the session being negotiated (moved to ssl.session by
  // now) go with it.
  mbedtls_ssl_handshake_free(&ssl);
  mbedtls_free(ssl.handshake);
  ssl.handshake = nullptr;
#if defined(MBEDTLS_SSL_PROTO_TLS1_2)
  mbedtls_ssl_transform_free(ssl.transform_negotiate);
  mbedtls_free(ssl.transform_negotiate);
  ssl.transform_negotiate = nullptr;
#endif
  mbedtls_ssl_session_free(ssl.session_negotiate);
  mbedtls_free(ssl.session_negotiate);
  ssl.session_negotiate = nullptr;
}

}  // namespace

void release_handshake_state(mbedtls_ssl_context& ssl) {
  if (ssl.conf == nullptr || ssl.conf->endpoint != MBEDTLS_SSL_IS_SERVER) return;
  if (mbedtls_ssl_is_handshake_over(&ssl) == 0) return;
  free_tls13_handshake(ssl);
#if defined(MBEDTLS_SSL_KEEP_PEER_CERTIFICATE)
  // The client's chain was judged during the handshake (Session::on_verify) from its own
  // parse; mbedTLS's copy is kept only for mbedtls_ssl_get_peer_cert, which a server never
  // calls. The same as a build without MBEDTLS_SSL_KEEP_PEER_CERTIFICATE, less the digest.
  if (ssl.session != nullptr && ssl.session->peer_cert != nullptr) {
    mbedtls_x509_crt_free(ssl.session->peer_cert);
    mbedtls_free(ssl.session->peer_cert);
    ssl.session->peer_cert = nullptr;
  }
#endif
}

}  // namespace sipmtls::tls
