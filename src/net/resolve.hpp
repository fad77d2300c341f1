// SPDX-License-Identifier: MIT
// Host name resolution that a deadline can end (see resolve.cpp).
#pragma once

#include <asio.hpp>

#include <string>
#include <vector>

#include "net/link.hpp"

namespace sipmtls::net {

/// The addresses of host:port, or timed_out once link's deadline (armed by the caller) passes,
/// or host_not_found. A literal address is returned at once.
asio::awaitable<std::error_code> resolve(Link& link, const std::string& host, const std::string& port,
                                         std::vector<asio::ip::tcp::endpoint>& out);

}  // namespace sipmtls::net
