// SPDX-License-Identifier: MIT
// The peer's SIP identity against its certificate (see sip_identity.hpp).
#include "app/sip_identity.hpp"

#include <asio/ip/address.hpp>

#include <algorithm>

#include "sip/message.hpp"
#include "sipmtls/ascii.hpp"
#include "sipmtls/join.hpp"

namespace sipmtls::app {
namespace {

// The certificate's DNS names (SAN dNSNames, else the CN), lower case.
std::vector<std::string> certificate_names(const report::CertSummary& leaf) {
  std::vector<std::string> out;
  for (const auto& s : leaf.san) {
    if (s.starts_with("DNS:")) out.push_back(ascii_lower(s.substr(4)));
  }
  if (out.empty()) {
    const auto cn = leaf.subject.find("CN=");
    if (cn != std::string::npos) out.push_back(ascii_lower(leaf.subject.substr(cn + 3, leaf.subject.find(',', cn) - cn - 3)));
  }
  return out;
}

bool covers(const std::string& name, const std::string& host) {
  if (name == host) return true;
  // A single-label wildcard (RFC 2818), as Teams accepts it.
  return name.starts_with("*.") && host.find('.') != std::string::npos && host.substr(host.find('.')) == name.substr(1);
}

}  // namespace

void check_sip_identity(report::CheckResult& r, rules::Profile profile, const std::string& label) {
  if (!r.sip || !r.peer || r.peer->certificates.empty()) return;
  const bool by_route = !r.sip->record_route.empty();
  const std::string header = by_route ? "Record-Route" : "Contact";
  const std::string host = sip::uri_host(by_route ? r.sip->record_route : r.sip->contact);
  if (host.empty()) return;
  std::error_code ec;
  (void)asio::ip::make_address(host, ec);
  const bool is_address = !ec;
  const auto names = certificate_names(r.peer->certificates.front());
  if (!is_address && std::any_of(names.begin(), names.end(), [&](const auto& n) { return covers(n, host); })) return;
  const bool teams = profile == rules::Profile::Teams;
  if (is_address && !teams) return;  // routing by address: nothing to compare
  r.findings.push_back(
      {FindingCode::SipIdentityMismatch, teams ? Severity::Error : Severity::Warning, label,
       "the " + header + " names " + host + (is_address ? ", an IP address," : "") +
           " but the certificate names " + (names.empty() ? std::string("no DNS name") : join(names)) +
           (teams ? ": Microsoft's SIP proxy finds the SBC by this FQDN and requires its certificate to name it"
                  : ": the peer's SIP identity is not the one its certificate proves"),
       "set the SBC's (or server's) FQDN in " + header + " to a name its certificate carries, or request a "
       "certificate that names " + host});
}

}  // namespace sipmtls::app
