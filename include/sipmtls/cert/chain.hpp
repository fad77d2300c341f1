// SPDX-License-Identifier: MIT
// Chain building and verification: finds the best path from a leaf to a trust anchor.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/cert/facts.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cert {

/// Certificate revocation lists, parsed.
class CrlSet {
 public:
  static Result<CrlSet> load(const std::vector<std::string>& paths);
  /// Parses CRLs held in memory (PEM or DER each).
  static Result<CrlSet> parse(const std::vector<std::string>& crls);
  bool empty() const;
  /// Revocation of cert as stated by a CRL whose signature verifies with issuer's key.
  RevocationStatus status(const Certificate& cert, const Certificate& issuer, UnixTime at,
                          std::string* detail) const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

struct ChainInput {
  Certificate leaf;
  std::vector<Certificate> intermediates;  ///< in any order; extras are ignored
  std::vector<Certificate> anchors;        ///< the trust store
  const CrlSet* crls = nullptr;
  UnixTime at = 0;
};

/// Builds every candidate path (issuer by name and key identifier, any order) and keeps the
/// best: one reaching a trust anchor with the fewest defects, else the longest partial path.
ChainFacts build_chain(const ChainInput& input);

}  // namespace sipmtls::cert
