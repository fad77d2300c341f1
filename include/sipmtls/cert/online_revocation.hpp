// SPDX-License-Identifier: MIT
// Revocation status fetched as Windows fetches it (docs/REVOCATION.md): OCSP from the AIA first,
// then the HTTP CDPs in certificate order; a CRL already at hand first, and CRLs first for an
// issuer after 50 OCSP answers (CryptoAPI's "magic number"). Each URL is fetched once per run.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sipmtls/cert/chain.hpp"

namespace sipmtls::cert {

/// --revocation: off skips fetching; soft (default) makes an offline source a warning; hard an error.
enum class RevocationMode { Off, Soft, Hard };
std::optional<RevocationMode> parse_revocation_mode(std::string_view text);

struct OnlineRevocationOptions {
  double timeout_s = 10;              ///< each fetch (--timeout)
  std::string cache_dir;              ///< --crl-cache: CRLs kept between runs until their nextUpdate
  std::size_t max_bytes = 16u << 20;  ///< the largest CRL or OCSP answer read
};

class OnlineRevocation : public RevocationLookup {
 public:
  explicit OnlineRevocation(OnlineRevocationOptions options) : options_(std::move(options)) {}
  RevocationAnswer check(const Certificate& cert, const Certificate& issuer) const override;

 private:
  OnlineRevocationOptions options_;
};

}  // namespace sipmtls::cert
