// SPDX-License-Identifier: MIT
// Signature checks over certificates and CRLs with mbedTLS's PK layer.
#pragma once

#include <mbedtls/x509_crl.h>
#include <mbedtls/x509_crt.h>

namespace sipmtls::cert {

/// True when child's signature verifies with parent's public key.
bool signed_by(const mbedtls_x509_crt& child, const mbedtls_x509_crt& parent);
/// True when the CRL's signature verifies with issuer's public key.
bool crl_signed_by(const mbedtls_x509_crl& crl, const mbedtls_x509_crt& issuer);
/// Byte equality of two raw DER names.
bool same_name(const mbedtls_x509_buf& a, const mbedtls_x509_buf& b);

}  // namespace sipmtls::cert
