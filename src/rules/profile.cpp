// SPDX-License-Identifier: MIT
// The profiles as data (docs/DESIGN.md "Profiles"; sources in LCS-RULES.md §1-2, §8).
#include "sipmtls/rules/profile.hpp"

#include <array>

namespace sipmtls::rules {
namespace {

constexpr auto E = Severity::Error;
constexpr auto W = Severity::Warning;

const std::array<ProfilePolicy, 5>& policies() {
  static const std::array<ProfilePolicy, 5> table = {{
      // LCS 2003: the subject is the identity; SAN support arrived with LCS 2005 pools.
      {Profile::Lcs2003, "lcs2003", "Live Communications Server 2003", NameSource::CnOnly, false, false, E,
       std::nullopt, W, W, false, 0, true, /*peer_needs_both_ekus=*/true},
      // LCS 2005: pool FQDN; the SAN lists pool and server FQDNs (KB 911789).
      {Profile::Lcs2005, "lcs2005", "Live Communications Server 2005", NameSource::CnOrSan, false, true, E,
       std::nullopt, W, W, false, 0, true},
      // OCS 2007 / Lync / SfB: TLS ignores the subject once a SAN exists; no wildcard SIP names;
      // every server certificate must carry a CDP; RSASSA-PSS is unsupported (Lync 2013).
      {Profile::Ocs, "ocs", "OCS/Lync/Skype for Business Server", NameSource::SanElseCn, false, true, E, E, W, W,
       true, 0, true},
      // Teams Direct Routing: FQDN in CN or SAN, RFC 2818 single-label wildcards, public CAs (2048+).
      {Profile::Teams, "teams", "Teams Direct Routing", NameSource::CnOrSan, true, false, E, W, E, E, false, 0,
       false},
      // RFC 5922: SAN sip: URI, then dNSName, CN only without SAN; no wildcards.
      {Profile::Rfc5922, "rfc5922", "RFC 5922 (SIP domain certificates)", NameSource::Rfc5922, false, false, W,
       std::nullopt, E, E, false, 0, true},
  }};
  return table;
}

}  // namespace

const ProfilePolicy& policy(Profile profile) { return policies().at(static_cast<std::size_t>(profile)); }

std::optional<Profile> parse_profile(std::string_view name) {
  for (const auto& p : policies()) {
    if (p.name == name) return p.profile;
  }
  return std::nullopt;
}

std::string_view profile_name(Profile profile) { return policy(profile).name; }

const std::vector<Profile>& all_profiles() {
  static const std::vector<Profile> all = {Profile::Lcs2003, Profile::Lcs2005, Profile::Ocs, Profile::Teams,
                                           Profile::Rfc5922};
  return all;
}

}  // namespace sipmtls::rules
