// SPDX-License-Identifier: MIT
// The revocation infrastructure of a small PKI, on loopback, for the online revocation tests:
// lighttpd serving its CRLs (and an HTML page and a 1 GB file where a CDP points), two `openssl
// ocsp` responders (one signing as a delegated responder, one with a certificate that lacks
// id-kp-OCSPSigning) and tests/cli/bad_http.py (a trickle, a redirect loop, garbage, a stale
// OCSP answer). Made once per test process by tests/cli/make_revocation_pki.sh.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../support/process.hpp"

namespace sipmtls::test {

struct RevocationServers {
  ~RevocationServers();
  /// The shared instance; nullptr (with why) when lighttpd or python3's cryptography is missing.
  static RevocationServers* get(std::string& why_not);
  std::string dir;
  std::uint16_t http = 0, ocsp = 0, ocsp_bad = 0, bad = 0;
  std::string path(const std::string& name) const { return dir + "/" + name; }
  /// How many requests lighttpd's access log holds for this path ("/issuing.crl"), read after
  /// lighttpd has written out what it buffered. processes.front() is lighttpd.
  int requests_for(const std::string& url_path) const;
  std::vector<std::unique_ptr<Background>> processes;
};

}  // namespace sipmtls::test
