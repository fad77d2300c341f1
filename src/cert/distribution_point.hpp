// SPDX-License-Identifier: MIT
// Distribution points (RFC 5280 §4.2.1.13) and CRL issuing distribution points (§5.2.5): names in
// comparable form, so that a certificate's CDP can be matched to a CRL's scope.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "der.hpp"
#include "sipmtls/cert/facts.hpp"

namespace sipmtls::cert {

/// ReasonFlags bits (RFC 5280 §4.2.1.13): bit n is reason n, 1 (keyCompromise) to 8 (aACompromise).
inline constexpr std::uint16_t kAllReasons = 0x1FE;

/// The GeneralNames of a DER sequence of GeneralName (its contents) in comparable form:
/// "URI:http://...", "DNS:host", "DN:<canonical name>"; others "X:<hex>".
std::vector<std::string> general_name_keys(der::Bytes names);
/// A ReasonFlags BIT STRING's contents as the bits above.
std::uint16_t reason_bits(der::Bytes bit_string);
/// A DistributionPointName (the contents of its [0] wrapper): fullName, or
/// nameRelativeToCRLIssuer appended to crl_issuer (a canonical name).
std::vector<std::string> distribution_point_names(der::Bytes wrapper, const std::string& crl_issuer);
/// The cRLDistributionPoints extension's value; issuer is the certificate's issuer (canonical).
std::vector<DistributionPoint> parse_distribution_points(der::Bytes value, const std::string& issuer);

}  // namespace sipmtls::cert
