// SPDX-License-Identifier: MIT
// connect: the TLS client side of an LCS server-to-server connection.
#pragma once

#include <string>
#include <vector>

#include "sipmtls/app/endpoint.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::app {

struct ConnectOptions : EndpointOptions {
  std::string target;               ///< HOST[:PORT], default port 5061
  std::vector<std::string> names;   ///< the server must answer for these; default HOST
  std::string sni;                  ///< default: the first name, unless it is an IP address
  bool no_sni = false;
  bool sip_options = true;          ///< the OPTIONS round trip after the handshake
  /// A SIP domain whose server is found in DNS as the profile's product finds it (target
  /// "sip:DOMAIN" sets it too); then target is empty.
  std::string domain;
  std::string dns_server;           ///< "ADDR[:PORT]"; empty: the system's resolver
  /// Our SIP identity in OPTIONS, as an Edge or SBC sends it: FQDN in Via and Contact (default:
  /// our certificate's first DNS SAN), SIP domain in From (default: the FQDN).
  std::string local_fqdn, sip_domain;
};

/// Runs one check. Bad input (unreadable file, wrong password, bad target) is an Error.
Result<report::CheckResult> run_connect(const ConnectOptions& options);

}  // namespace sipmtls::app
