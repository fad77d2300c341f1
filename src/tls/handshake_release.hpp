// SPDX-License-Identifier: MIT
// What an established server connection need not keep from its handshake.
#pragma once

#include <mbedtls/ssl.h>

namespace sipmtls::tls {

/// After a server handshake: frees what mbedTLS 3.6 would keep for the life of the connection
/// and a server never uses again. After TLS 1.3, the handshake state (the transcript hashes, the
/// handshake keys, the negotiation's lists), as its TLS 1.2 code does at the end of every
/// handshake; freeing it is also what lets mbedTLS shrink the record buffers
/// (MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH). After either version, its parse of the client's chain.
/// Does nothing on a client, which may still receive session tickets and reads the server's
/// chain afterwards, or before the handshake is over.
void release_handshake_state(mbedtls_ssl_context& ssl);

}  // namespace sipmtls::tls
