// SPDX-License-Identifier: MIT
// Name constraints (RFC 5280 §4.2.1.10): which names of a certificate a CA above it may not certify.
#pragma once

#include <string>
#include <vector>

#include "sipmtls/cert/facts.hpp"

namespace sipmtls::cert {

/// Each name of `below` (subject, SAN entries, emailAddress) outside what `ca`'s name constraints
/// permit, in words naming the name and the CA; empty when there is none or `ca` has no
/// constraints. Malformed constraints, a name form that cannot be checked and more comparisons
/// than a verifier should make (a denial-of-service guard) are violations too.
std::vector<std::string> name_constraint_violations(const CertFacts& ca, const CertFacts& below);

}  // namespace sipmtls::cert
