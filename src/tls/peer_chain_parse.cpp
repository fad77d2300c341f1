// SPDX-License-Identifier: MIT
// The certificates a peer sends, parsed as the tool parses certificate files: mbedTLS's TLS code
// calls mbedtls_x509_crt_parse_der for each one, which refuses every critical extension it has no
// parser for, so a handshake with a Windows sub-CA carrying critical name constraints or policy
// constraints (AD CS qualified subordination) would end in bad_certificate before the rules see
// the chain. The link redirects those calls here (-Wl,--wrap, src/CMakeLists.txt); here they go
// through mbedTLS's own extension callback, and the rules judge the extensions (CERT_UNKNOWN_
// CRITICAL_EXTENSION, NAME_CONSTRAINTS_VIOLATED). This holds where mbedTLS is linked statically,
// as scripts/bootstrap builds it.
#include "cert/native.hpp"

using sipmtls::cert::accept_extension;

extern "C" {

int __wrap_mbedtls_x509_crt_parse_der(mbedtls_x509_crt* chain, const unsigned char* buf, size_t len) {
  return mbedtls_x509_crt_parse_der_with_ext_cb(chain, buf, len, /*make_copy=*/1, accept_extension, nullptr);
}

int __wrap_mbedtls_x509_crt_parse_der_nocopy(mbedtls_x509_crt* chain, const unsigned char* buf, size_t len) {
  return mbedtls_x509_crt_parse_der_with_ext_cb(chain, buf, len, /*make_copy=*/0, accept_extension, nullptr);
}

}  // extern "C"
