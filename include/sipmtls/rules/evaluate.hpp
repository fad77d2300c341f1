// SPDX-License-Identifier: MIT
// The rules: pure functions from certificate and chain facts to findings. No I/O, no mbedTLS.
#pragma once

#include <string>
#include <vector>

#include "sipmtls/cert/facts.hpp"
#include "sipmtls/finding.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::rules {

/// What the certificate is used for, which decides the EKUs it needs.
enum class Role {
  Local,       ///< our own server certificate: MTLS both ways, serverAuth and clientAuth
  PeerServer,  ///< a peer we dialled: it acts as TLS server
  PeerClient,  ///< a peer that dialled us: it acts as TLS client
};

struct Context {
  Profile profile = kDefaultProfile;
  Role role = Role::Local;
  /// Expected names: the first is the FQDN peers dial (a pool FQDN for a pool), the others
  /// further names the certificate must carry (the pool members' server FQDNs).
  std::vector<std::string> names;
  cert::UnixTime at = 0;  ///< validation time
  bool crls_supplied = false;
  /// RFC 5280 / CA/Browser Forum certificate profile violations (CERT_NONCONFORMANT), weak keys and
  /// unusable CRLs are errors, as in strict verifiers (OpenSSL -x509_strict, Go, rustls); else warnings.
  bool x509_strict = false;
  /// CERT_EXPIRES_SOON for a certificate of the path that expires within this many days of `at`
  /// (--warn-days); 0: never.
  int warn_days = 30;
  /// The path comes from a public CA (its root is in the system's public store): such CAs stop
  /// issuing Client Authentication in TLS server certificates in 2026 (docs/TEAMS.md).
  bool public_ca = false;
  /// --revocation hard: a CDP or OCSP responder that cannot be used is an error, not a warning.
  bool revocation_hard = false;
};

/// Version, EKU, key usage, basicConstraints of the leaf.
std::vector<Finding> check_usage(const cert::CertFacts& leaf, const Context& ctx);
/// The expected names against the names the profile consults.
std::vector<Finding> check_names(const cert::CertFacts& leaf, const Context& ctx);
/// Key size and signature algorithm of the leaf and the CAs above it (not the root's self-signature).
std::vector<Finding> check_strength(const cert::ChainFacts& chain, const Context& ctx);
/// Validity of every certificate in the path at ctx.at.
std::vector<Finding> check_validity(const cert::ChainFacts& chain, const Context& ctx);
/// RFC 5280 and CA/Browser Forum encoding rules for every certificate of the path.
std::vector<Finding> check_conformance(const cert::ChainFacts& chain, const Context& ctx);
/// The name constraints of every CA in the path against the names below it (RFC 5280 §4.2.1.10).
std::vector<Finding> check_name_constraints(const cert::ChainFacts& chain, const Context& ctx);
/// Critical extensions nobody here understands (CERT_E_CRITICAL); policies noted as not enforced.
std::vector<Finding> check_extensions(const cert::ChainFacts& chain, const Context& ctx);
/// Trust, CA constraints, signatures, EKU of the issuing CAs, revocation and CDP.
std::vector<Finding> check_chain(const cert::ChainFacts& chain, const Context& ctx);

/// teams, our own certificate: a trusted path whose root is not public (TEAMS_CA_NOT_IN_PROGRAM).
std::vector<Finding> check_teams_ca(const cert::ChainFacts& chain, const Context& ctx);

/// All of the above; chain.path must hold at least the leaf.
std::vector<Finding> evaluate(const cert::ChainFacts& chain, const Context& ctx);

/// Human label for a certificate in findings: "CN=sip-a.contoso.test" or the subject.
std::string describe(const cert::CertFacts& cert);

}  // namespace sipmtls::rules
