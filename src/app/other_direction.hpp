// SPDX-License-Identifier: MIT
// What one connection's verdict does not show (issue 18): our certificate as the peer's product
// would judge it, when this peer accepted it anyway, and the peer's certificate in the role it
// takes when it dials us. Both are warnings: the verdict stays on what the peer actually did.
#pragma once

#include <string>
#include <vector>

#include "app/identity.hpp"
#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::app {

/// Our certificate's errors under `as_client` (the peer judging us as its TLS client), as
/// warnings saying that this peer did not reject it but the profile's product would. Only what the
/// certificate says of itself (validity, EKU, key usage, strength): the peer's trust store is not ours.
std::vector<Finding> our_certificate_as_product_judges(const Identity& us, const rules::Context& as_client);

/// EKU_MISSING_CLIENT_AUTH (a warning) when the server's certificate could not serve as its
/// client certificate when it dials us, under `as_client` (our profile judging a TLS client).
std::vector<Finding> peer_certificate_when_it_dials(const std::vector<cert::Certificate>& chain, const Identity& us,
                                                    const rules::Context& as_client, const std::string& peer);

}  // namespace sipmtls::app
