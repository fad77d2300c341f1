// SPDX-License-Identifier: MIT
// What the manifest's offline expectations mean for a certificate judged over the network.
#pragma once

#include <string>

#include "manifest.hpp"
#include "sipmtls/app/endpoint.hpp"
#include "sipmtls/report/model.hpp"

namespace sipmtls::test {

/// The manifest's errors for a certificate presented by a TLS server (as_server) or client: a
/// server needs no clientAuth; a client needs no serverAuth, and clientAuth only where the
/// profile asks it of peers. PRIVATE_KEY_MISMATCH is local: a peer sees a failed handshake.
/// Sorted and comma-joined.
std::string expected_errors(const ManifestCase& c, const std::string& profile, bool as_server);

/// The codes of the error findings of a check, sorted and comma-joined.
std::string error_codes(const report::CheckResult& r);

/// The case's certificate, key, chain, trust store and CRLs, with the corpus password.
app::IdentitySource identity_of(const Manifest& m, const ManifestCase& c);

/// The same for the bundled manifest's case with this id ("a-rsa").
app::IdentitySource identity_of(const std::string& id);

/// The identity of `ours` that judges a peer presenting `judged`: our certificate and key,
/// the judged case's trust store and CRLs.
app::IdentitySource judging(const Manifest& m, const ManifestCase& ours, const ManifestCase& judged);

/// The manifest case with this id; throws when there is none.
const ManifestCase& find_case(const Manifest& m, const std::string& id);

}  // namespace sipmtls::test
