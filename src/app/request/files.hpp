// SPDX-License-Identifier: MIT
// The texts request writes beside the key and the PKCS#10 file: the certreq INF, the OpenSSL
// config and the admin's README.
#pragma once

#include <string>

#include "sipmtls/app/request.hpp"

namespace sipmtls::app {

/// certreq -new INF: the same request made on the Windows server itself, its key in the machine store.
std::string request_inf(const RequestPlan& plan, const RequestOptions& options);
/// openssl req -config: the same request made with OpenSSL.
std::string request_openssl_config(const RequestPlan& plan, const RequestOptions& options);
/// What to ask the CA for, and what to run when the certificate comes back.
std::string request_readme(const RequestPlan& plan, const RequestOptions& options);

}  // namespace sipmtls::app
