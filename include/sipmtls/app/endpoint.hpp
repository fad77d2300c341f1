// SPDX-License-Identifier: MIT
// What connect and listen share: our side of a mutual-TLS test.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/cert/online_revocation.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::app {

/// Our certificate, key and trust store, as given on the command line or in an identity file.
struct IdentitySource {
  std::string cert_path;
  std::string key_path;  ///< empty: the key in the certificate file (PFX, PEM bundle)
  cert::PasswordSource password;
  std::vector<std::string> chain;  ///< extra intermediates to send
  std::vector<std::string> ca;     ///< trust store: files or directories
  std::vector<std::string> crl;
};

/// --revocation and --crl-cache: whether and how status is fetched from CDPs and OCSP responders.
struct RevocationSettings {
  cert::RevocationMode mode = cert::RevocationMode::Soft;
  std::string cache_dir;
};

/// The online lookup the settings ask for (none for `off`); fetches are bounded by timeout_s.
std::shared_ptr<const cert::RevocationLookup> online_lookup(const RevocationSettings& settings, double timeout_s);

struct EndpointOptions {
  IdentitySource identity;
  rules::Profile profile = rules::kDefaultProfile;
  std::optional<cert::UnixTime> at;  ///< validation time for the peer's chain; default now
  std::string tls = "auto";          ///< "1.2", "1.3" or "auto"
  /// End the handshake with the alert LCS would send when the peer's certificate fails.
  bool strict = false;
  bool x509_strict = false;  ///< rules::Context::x509_strict, for the peer's chain and our own
  int warn_days = 30;        ///< rules::Context::warn_days
  std::string keylog;      ///< NSS key log file, appended to; empty for none
  double timeout_s = 10;   ///< each network step
  RevocationSettings revocation;  ///< for the peer's chain
};

/// The one vocabulary for a server's names (--fqdn, --pool; `fqdn`, `pool` in files).
/// The names a dialled server must answer for: the pool first, then each FQDN.
std::vector<std::string> dialled_names(const std::string& pool, const std::vector<std::string>& fqdns);
/// The peers a listener accepts: each FQDN ("POOL,FQDN" with a pool: listen.hpp), or the pool alone.
std::vector<std::string> accepted_peers(const std::string& pool, const std::vector<std::string>& fqdns);

}  // namespace sipmtls::app
