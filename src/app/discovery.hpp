// SPDX-License-Identifier: MIT
// Finding a SIP domain's server as the profile's product does: `_sipfederationtls._tcp.<domain>`
// for Microsoft federation (Test-CsFederatedPartner without a proxy FQDN), RFC 3263 for rfc5922
// (NAPTR, then `_sips._tcp`, then `_sip._tls`); then A and AAAA of each target (docs/DISCOVERY.md).
#pragma once

#include <asio.hpp>

#include <string>
#include <vector>

#include "net/dns.hpp"
#include "sipmtls/finding.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::app {

struct DiscoveredTarget {
  std::string host;
  unsigned short port = 5061, priority = 0, weight = 0;
  std::vector<asio::ip::tcp::endpoint> endpoints;
  std::string canonical;  ///< the name it is an alias of, when it is a CNAME
};

struct Discovery {
  report::DiscoverySummary summary;
  std::vector<DiscoveredTarget> targets;  ///< in the order to try them (priority, then weight)
  std::vector<Finding> findings;
};

/// "fabrikam.com" of "sip:fabrikam.com", "sips:fabrikam.com" or "sip:user@fabrikam.com"; empty
/// when the text is not a SIP URI.
std::string sip_domain_of(const std::string& target);

/// Discovers `domain`'s servers under the link's deadline (armed by the caller).
asio::awaitable<Discovery> discover(net::Dns& dns, net::Link& deadline, const std::string& domain,
                                    rules::Profile profile);

/// The names the discovered server must answer for: the SRV target for Microsoft federation, the
/// SIP domain itself for RFC 5922 (shared/docs/LCS-RULES.md §2, §8).
std::vector<std::string> reference_names(const DiscoveredTarget& target, const std::string& domain,
                                         rules::Profile profile);

}  // namespace sipmtls::app
