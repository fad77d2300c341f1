// SPDX-License-Identifier: MIT
// Our side, loaded: certificate chain, key, trust store and CRLs, and what is wrong with them
// for TLS before any peer is involved.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sipmtls/app/endpoint.hpp"
#include "sipmtls/cert/chain.hpp"
#include "sipmtls/finding.hpp"
#include "sipmtls/report/model.hpp"

namespace sipmtls::app {

struct Identity {
  std::string file, format;
  std::vector<cert::Certificate> chain;  ///< leaf first, then the intermediates we send
  std::vector<report::CertSummary> summary;  ///< the chain as reports show it, made once
  std::shared_ptr<cert::PrivateKey> key;
  bool key_matches = false;
  std::vector<cert::Certificate> trust;
  cert::CrlSet crls;
  /// Status from CDPs and OCSP responders for what no CRL given covers (none: --revocation off).
  std::shared_ptr<const cert::RevocationLookup> online;
  bool revocation_hard = false;  ///< --revocation hard
  /// PRIVATE_KEY_MISSING / PRIVATE_KEY_MISMATCH: the handshake cannot prove ownership.
  std::vector<Finding> local_findings;
  bool usable() const { return key != nullptr; }
};

/// Loads everything; errors are input errors naming the file.
Result<Identity> load_identity(const IdentitySource& source);

/// "trusted", "untrusted_root", "incomplete", or "not_checked" without a trust store.
std::string chain_name(const cert::ChainFacts& chain, bool have_anchors);

}  // namespace sipmtls::app
