// SPDX-License-Identifier: MIT
// Fixes that depend on the product: a Windows server's admin imports into the Local Computer
// store and requests from an AD CS template; a Teams SBC's admin works with a public CA on
// Microsoft's list and the SBC's own certificate settings (docs/TEAMS.md), and has no LCS events
// or KBs to follow.
#include "internal.hpp"

namespace sipmtls::rules {

std::string eku_fix(Profile profile) {
  if (profile == Profile::Teams) {
    return "request the SBC's certificate again from a CA on Microsoft's Direct Routing list with the Server "
           "Authentication EKU (1.3.6.1.5.5.7.3.1), and Client Authentication (1.3.6.1.5.5.7.3.2) where another "
           "MTLS peer of the SBC needs it (public CAs stop issuing it during 2026)";
  }
  return "request the certificate again with both Enhanced Key Usages: Server Authentication "
         "(1.3.6.1.5.5.7.3.1) and Client Authentication (1.3.6.1.5.5.7.3.2), e.g. from a copy of the "
         "Web Server template with Client Authentication added";
}

std::string root_fix(Profile profile, const std::string& root) {
  if (profile == Profile::Teams) {
    return "use a certificate from a CA on Microsoft's Direct Routing list (Microsoft's SIP proxies trust no "
           "other), and add " + root + " to the trusted roots of the SBC's TLS context for Teams";
  }
  return "import " + root +
         " into the Local Computer's Trusted Root Certification Authorities store on every server that must "
         "trust it (on Linux peers: their CA file), or use a certificate from a CA those servers already trust";
}

std::string public_ca_fix() {
  return "a public CA cannot issue Client Authentication in a TLS server certificate any more: for server-to-server "
         "MTLS use a certificate from a private (enterprise) CA that the peers trust, with both EKUs (AD CS: a copy "
         "of the Web Server template with Client Authentication added), or a CA product that still issues "
         "Client Authentication for private use; else ask each peer whether it accepts a client certificate "
         "without it (Teams Direct Routing does)";
}

std::string renewal_fix(Profile profile) {
  if (profile == Profile::Teams) return "renew the certificate at the CA and install it, with its chain, on the SBC";
  return "renew the certificate, then select the renewed one for the server's TLS/MTLS connections (LCS loses "
         "its ACL on renewal, KB 836410)";
}

std::string revocation_offline_fix(Profile profile, const std::string& source, bool ldap_only) {
  if (ldap_only) {
    return "publish the CRL at an HTTP location too and list it in the CDP (AD CS: the CA's Extensions tab, an "
           "http:// location with 'Include in the CDP extension of issued certificates'), then reissue the "
           "certificate: peers outside the domain cannot read an ldap:// CDP";
  }
  const std::string url = source.substr(source.find(' ') + 1);
  if (profile == Profile::Teams) {
    return "make " + url + " answer from the internet over plain HTTP with a current CRL or OCSP answer: Microsoft's "
           "SIP proxies and the SBC fetch it on every TLS connection";
  }
  return "make " + url + " reachable over HTTP from every server that checks this certificate, as the machine "
         "account and through the WinHTTP proxy (netsh winhttp show proxy), and keep a current CRL or OCSP answer "
         "there (certutil -verify -urlfetch shows what Windows fetches)";
}

std::string no_revocation_source_fix(Profile profile) {
  if (profile == Profile::Teams) {
    return "use a certificate from a CA that publishes revocation (an HTTP CDP, an OCSP URL in the AIA): every CA on "
           "Microsoft's Direct Routing list does";
  }
  return "have the CA add an HTTP CRL Distribution Point (and an OCSP URL in the Authority Information Access) to "
         "the certificates it issues, then request the certificate again";
}

}  // namespace sipmtls::rules
