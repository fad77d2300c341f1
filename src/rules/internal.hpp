// SPDX-License-Identifier: MIT
// Helpers shared by the rule files.
#pragma once

#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::rules {

/// Which EKUs the role asks of a certificate (and of the CAs above it).
bool needs_server_auth(const Context& ctx);
bool needs_client_auth(const Context& ctx);
/// Fixes that depend on the product (fix_texts.cpp): missing EKUs, an untrusted root, a renewal.
std::string eku_fix(Profile profile);
std::string root_fix(Profile profile, const std::string& root);
std::string renewal_fix(Profile profile);
std::string public_ca_fix();
/// A CDP or OCSP responder (source: "CRL http://...") that could not be used; ldap_only: the only CDPs are LDAP.
std::string revocation_offline_fix(Profile profile, const std::string& source, bool ldap_only);
/// A certificate that names neither a CDP nor an OCSP responder.
std::string no_revocation_source_fix(Profile profile);
/// "leaf CN=..." for index 0, "issuing CA CN=..." / "root CN=..." above it.
std::string link_subject(const cert::ChainFacts& chain, std::size_t index);

}  // namespace sipmtls::rules
