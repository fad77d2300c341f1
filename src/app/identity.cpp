// SPDX-License-Identifier: MIT
// Loading our side of a connection.
#include "app/identity.hpp"

#include <ctime>

#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::app {

Result<Identity> load_identity(const IdentitySource& s) {
  auto file = cert::load_certificate_file(s.cert_path, s.password);
  if (!file) return file.error();
  Identity id;
  id.file = s.cert_path;
  id.format = file->format;
  id.chain = file->certs;
  id.key = file->key;
  if (!s.key_path.empty()) {
    auto key = cert::load_private_key(s.key_path, s.password);
    if (!key) return key.error();
    id.key = std::make_shared<cert::PrivateKey>(std::move(key.value()));
  }
  auto extra = cert::load_certificates(s.chain);
  if (!extra) return extra.error();
  id.chain.insert(id.chain.end(), extra->begin(), extra->end());
  // Our own certificates: days left from now (--at moves the time the peer is judged at).
  const cert::UnixTime now = std::time(nullptr);
  for (const auto& c : id.chain) id.summary.push_back(report::summarize(c.facts(), false, now));
  auto trust = cert::load_certificates(s.ca);
  if (!trust) return trust.error();
  id.trust = std::move(trust.value());
  auto crls = cert::CrlSet::load(s.crl);
  if (!crls) return crls.error();
  id.crls = std::move(crls.value());

  const std::string subject = "our leaf " + rules::describe(id.chain.front().facts());
  id.key_matches = id.key && id.key->matches(id.chain.front());
  if (!id.key) {
    id.local_findings.push_back({FindingCode::PrivateKeyMissing, Severity::Error, subject,
                                 "no private key for " + s.cert_path + ": it cannot be used for TLS",
                                 "pass the key with --key, or export the certificate as a PFX with its private key"});
  } else if (!id.key_matches) {
    id.local_findings.push_back(
        {FindingCode::PrivateKeyMismatch, Severity::Error, subject,
         "the private key does not belong to this certificate: the peer cannot verify our handshake signature",
         "pair the certificate with the key it was requested with (re-import the PFX that holds both)"});
  }
  return id;
}

std::string chain_name(const cert::ChainFacts& chain, bool have_anchors) {
  if (!have_anchors) return "not_checked";
  switch (chain.end) {
    case cert::ChainEnd::TrustAnchor: return "trusted";
    case cert::ChainEnd::UntrustedRoot: return "untrusted_root";
    case cert::ChainEnd::MissingIssuer:
    case cert::ChainEnd::IssuerLoop:
    case cert::ChainEnd::TooLong: return "incomplete";
  }
  return "not_checked";
}

}  // namespace sipmtls::app
