// SPDX-License-Identifier: MIT
// Signature checks over certificates and CRLs with mbedTLS's PK layer.
#pragma once

#include <mbedtls/x509_crl.h>
#include <mbedtls/x509_crt.h>

#include <functional>
#include <span>
#include <string>

#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {

/// True when child's signature (over its tbsCertificate as signed) verifies with parent's public
/// key; remembered process-wide by the pair's SHA-256
/// fingerprints: a suite dials the same servers, a listener sees the same clients, and each
/// ECDSA verify costs ~0.8 ms with mbedTLS. Thread-safe; holds at most 4096 pairs.
bool signed_by_cached(const Certificate& child, const Certificate& parent);
/// The result of check, remembered process-wide under key (two SHA-256 fingerprints, say): the
/// memo behind signed_by_cached, also for CRL signatures. Thread-safe; holds at most 4096 keys.
bool remembered(std::string key, const std::function<bool()>& check);

/// True when sig verifies over tbs with signer's key under the AlgorithmIdentifier whose contents
/// are given (PKCS#1 v1.5 and ECDSA; RSASSA-PSS is not supported here).
bool signature_verifies(std::span<const unsigned char> tbs, std::span<const unsigned char> algorithm,
                        std::span<const unsigned char> sig, const mbedtls_x509_crt& signer);
/// The same with a bare public key (a PKCS#10 request's self-signature).
bool signature_verifies(std::span<const unsigned char> tbs, std::span<const unsigned char> algorithm,
                        std::span<const unsigned char> sig, const mbedtls_pk_context& key);
/// Byte equality of two raw DER names.
bool same_name(const mbedtls_x509_buf& a, const mbedtls_x509_buf& b);

}  // namespace sipmtls::cert
