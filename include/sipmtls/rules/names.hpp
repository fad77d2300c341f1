// SPDX-License-Identifier: MIT
// Host name comparison for certificate identities (RFC 6125 / RFC 2818 §3.1, RFC 5922 §7.2).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sipmtls::rules {

/// Case-insensitive equality of DNS names; a trailing dot is ignored.
bool dns_equal(std::string_view a, std::string_view b);
/// True when pattern is "*.rest" and matches exactly one label in front of rest (RFC 2818 §3.1;
/// partial-label wildcards such as "f*.example.com" are not honoured). rest must not be a public
/// suffix ("*.co.uk" matches nothing).
bool wildcard_matches(std::string_view pattern, std::string_view host);
bool is_wildcard(std::string_view name);
/// True for a suffix of the Public Suffix List ("com", "co.uk", "s3.amazonaws.com"); names under
/// an unlisted top-level domain ("contoso.local") are not.
bool is_public_suffix(std::string_view domain);
/// The host of a "sip:" URI without a user part (RFC 5922 §7.1), else empty.
std::string sip_domain_of_uri(std::string_view uri);

}  // namespace sipmtls::rules
