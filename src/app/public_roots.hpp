// SPDX-License-Identifier: MIT
// The public roots (Debian's ca-certificates): whether a path was issued by a public CA, which
// stop issuing Client Authentication in TLS server certificates in 2026 (docs/TEAMS.md).
#pragma once

#include "sipmtls/cert/chain.hpp"

namespace sipmtls::app {

/// True when a certificate of the path is one of the system's public roots, or the top of the
/// path was issued by one, or (a path that reaches no trust anchor) the top's issuer names a public
/// CA's organisation (public_issuers.def). The roots are read once per process from $SIPMTLS_PUBLIC_ROOTS (a
/// directory or file, for tests) or /usr/share/ca-certificates/mozilla; none found: false.
bool issued_by_public_ca(const cert::ChainFacts& chain);

}  // namespace sipmtls::app
