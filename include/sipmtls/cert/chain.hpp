// SPDX-License-Identifier: MIT
// Chain building and verification: finds the best path from a leaf to a trust anchor.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/cert/facts.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cert {

/// What a revocation check may use besides the certificate and its issuer.
struct CrlContext {
  UnixTime at = 0;
  /// Candidate CRL signers other than the issuer (RFC 5280 §6.3.3 (f)): a separate CRL signing
  /// certificate, the new key of a CA that rolled its key over, an indirect CRL's issuer.
  const std::vector<Certificate>* pool = nullptr;
  /// Whether such a signer's own path validates (not called for the issuer itself).
  std::function<bool(const Certificate& signer)> signer_trusted;
};

/// Certificate revocation lists, parsed.
class CrlSet {
 public:
  static Result<CrlSet> load(const std::vector<std::string>& paths);
  /// Parses CRLs held in memory (PEM or DER each).
  static Result<CrlSet> parse(const std::vector<std::string>& crls);
  bool empty() const;
  /// The earliest nextUpdate of these CRLs (none: no CRL has one).
  std::optional<UnixTime> next_update() const;
  /// Revocation of cert as RFC 5280 §6.3 determines it from these CRLs: scope (issuer, indirect
  /// CRLs, issuing distribution points, reasons), signer, freshness, delta CRLs on their base.
  /// detail says when and why it was revoked, or why the CRLs given do not decide it.
  RevocationStatus status(const Certificate& cert, const Certificate& issuer, const CrlContext& ctx,
                          std::string* detail) const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

/// What an online lookup (OCSP, CDP) says of one certificate.
struct RevocationAnswer {
  RevocationStatus status = RevocationStatus::NotChecked;
  std::string detail;  ///< date and reason, or what went wrong with each source asked
  std::string source;  ///< "OCSP http://...", "CRL http://..."
  bool ldap_only = false;
};

/// Revocation status from the network, asked for certificates no CRL given covers.
class RevocationLookup {
 public:
  virtual ~RevocationLookup() = default;
  virtual RevocationAnswer check(const Certificate& cert, const Certificate& issuer) const = 0;
};

struct ChainInput {
  Certificate leaf;
  std::vector<Certificate> intermediates;  ///< in any order; extras are ignored
  std::vector<Certificate> anchors;        ///< the trust store
  const CrlSet* crls = nullptr;
  UnixTime at = 0;
  int depth = 0;  ///< nesting of CRL signer paths built for this one
  /// Asked, for a path that reaches a trust anchor, about each certificate below the anchor that
  /// no CRL given covers (Windows checks revocation only for trusted chains).
  const RevocationLookup* online = nullptr;
};

/// Builds every candidate path (issuer by name and key identifier, any order) and keeps the
/// best: one reaching a trust anchor with the fewest defects, else the longest partial path.
ChainFacts build_chain(const ChainInput& input);

}  // namespace sipmtls::cert
