// SPDX-License-Identifier: MIT
// Profiles: how each product (LCS 2003 ... Teams Direct Routing, RFC 5922) judges certificates.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sipmtls/finding.hpp"

namespace sipmtls::rules {

enum class Profile { Lcs2003, Lcs2005, Ocs, Teams, Rfc5922 };

/// Which presented names a profile compares with the expected FQDN.
enum class NameSource {
  CnOnly,     ///< LCS 2003: the subject CN is the identity; SAN not consulted
  CnOrSan,    ///< LCS 2005, Teams: CN or any SAN dNSName
  SanElseCn,  ///< OCS/Lync/SfB: the SAN when present (the CN is then ignored), else the CN
  Rfc5922,    ///< SAN sip: URIs, else SAN dNSNames, else (no SAN at all) the CN
};

struct ProfilePolicy {
  Profile profile;
  std::string_view name;
  std::string_view product;  ///< for messages: "Lync/Skype for Business Server"
  NameSource names;
  bool wildcards_allowed;        ///< single-label wildcard, RFC 2818 §3.1
  bool san_must_repeat_subject;  ///< a SAN, when present, must list the subject CN too
  Severity eku_absent;
  std::optional<Severity> missing_cdp;
  Severity weak_key;        ///< RSA below 2048 bits
  Severity weak_signature;  ///< SHA-1 or MD5 signatures
  bool pss_unsupported;     ///< Lync 2013 and later fail on RSASSA-PSS
  int max_rsa_bits;         ///< 0: no upper bound
  /// Whether a peer acting as TLS client must carry clientAuth (Teams: Microsoft's side need not).
  bool peer_client_needs_client_auth;
  /// LCS 2003 (LCS-RULES 2.2, item 4): the peer's certificate needs both EKUs in both directions,
  /// whichever side of the connection it is on.
  bool peer_needs_both_ekus = false;
};

const ProfilePolicy& policy(Profile profile);
std::optional<Profile> parse_profile(std::string_view name);
std::string_view profile_name(Profile profile);
const std::vector<Profile>& all_profiles();
inline constexpr Profile kDefaultProfile = Profile::Ocs;

}  // namespace sipmtls::rules
