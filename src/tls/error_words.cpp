// SPDX-License-Identifier: MIT
// mbedTLS's codes in a user's words: what a reader of a report sees instead of "SSL - ...".
#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509.h>

#include <cstdio>

#include "cert/native.hpp"
#include "tls/session.hpp"

namespace sipmtls::tls {
namespace {

const char* ssl_words(int high) {
  switch (high) {
    case MBEDTLS_ERR_SSL_INVALID_MAC:
      return "a record's integrity check failed, so the two sides derived different keys: most often a private "
             "key that does not belong to the certificate sent with it, or bytes changed on the path";
    case MBEDTLS_ERR_SSL_INVALID_RECORD: return "the peer sent bytes that are not a valid TLS record";
    case MBEDTLS_ERR_SSL_DECODE_ERROR: return "the peer sent a handshake message that cannot be decoded";
    case MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE:
    case MBEDTLS_ERR_SSL_UNEXPECTED_RECORD: return "the peer sent a handshake message out of order";
    case MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE: return "the peer ended the handshake with an alert";
    case MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION:
      return "no TLS version both sides accept (this tool speaks TLS 1.2 and 1.3)";
    case MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE:
      return "a handshake check failed: no cipher suite, group or signature algorithm both sides accept, or the "
             "peer's handshake signature did not verify (its private key does not belong to its certificate)";
    case MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE: return "the client sent no certificate";
    case MBEDTLS_ERR_SSL_BAD_CERTIFICATE: return "a certificate in the handshake was refused";
    case MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH:
    case MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED:
      return "our certificate's key cannot do what this handshake asks of it (its type or its key usage)";
    case MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION: return "the peer sent a TLS extension it must not send here";
    case MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER: return "the peer sent a handshake field with a value TLS forbids";
    case MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME: return "the server does not know the name we sent as SNI";
    case MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE:
      return "the peer asked for a TLS feature this tool does not support (e.g. renegotiation)";
    case MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL:
    case MBEDTLS_ERR_SSL_ALLOC_FAILED: return "a handshake message was larger than this tool's TLS stack takes (16 KB)";
    case MBEDTLS_ERR_SSL_CONN_EOF:
    case MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY: return "the peer closed the connection";
    case MBEDTLS_ERR_SSL_TIMEOUT: return "timed out";
    case MBEDTLS_ERR_SSL_VERSION_MISMATCH: return "the peer changed the TLS version during the handshake";
    case MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED: return "no trusted root CA was given to check the peer against";
    default: return nullptr;
  }
}

const char* crypto_words(int low) {
  switch (low) {
    case MBEDTLS_ERR_RSA_VERIFY_FAILED:
    case MBEDTLS_ERR_ECP_VERIFY_FAILED:
    case MBEDTLS_ERR_PK_SIG_LEN_MISMATCH:
      return "a handshake signature did not verify: the signer's private key does not belong to its certificate, "
             "or bytes changed on the path";
    case MBEDTLS_ERR_PK_TYPE_MISMATCH: return "a key is of the wrong type for this signature";
    default: return nullptr;
  }
}

}  // namespace

std::string error_text(int code) {
  if (code == kTimedOut) return "timed out";
  if (code == 0) return "no error";
  const int magnitude = -code;
  // A high-level code (the TLS step) may carry a low-level one (bits 0-6) added to it.
  const int high = -(magnitude & 0xFF80);
  if (const char* w = crypto_words(high)) return w;
  if (const char* w = ssl_words(high)) return w;
  if (high <= -0x2080 && high >= -0x3000) return cert::describe_x509_error(code);
  char hex[24];
  std::snprintf(hex, sizeof hex, "-0x%04X", static_cast<unsigned>(magnitude));
  return std::string("this tool's TLS stack stopped without a reason it can name (code ") + hex +
         "); please report it with the output of -v";
}

}  // namespace sipmtls::tls
