// SPDX-License-Identifier: MIT
// Name resolution under the link's deadline, with c-ares (net/dns.hpp) and the system's resolver
// configuration (resolv.conf, /etc/hosts): a DNS server that never answers costs at most the
// deadline, and nothing runs outside the io_context (getaddrinfo could not be cancelled).
#include "net/resolve.hpp"

#include "net/dns.hpp"

namespace sipmtls::net {

asio::awaitable<std::error_code> resolve(Link& link, const std::string& host, const std::string& port,
                                         std::vector<asio::ip::tcp::endpoint>& out) {
  const bool numeric_port = !port.empty() && port.size() <= 5 && port.find_first_not_of("0123456789") == std::string::npos;
  if (!numeric_port || std::stoul(port) > 65535) co_return asio::error::service_not_found;
  const auto number = static_cast<unsigned short>(std::stoul(port));
  // An address needs no lookup.
  std::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (!ec) {
    out = {asio::ip::tcp::endpoint(address, number)};
    co_return std::error_code{};
  }
  auto dns = Dns::make("");
  if (!dns) co_return asio::error::host_not_found;
  HostAddresses found;
  const DnsOutcome got = co_await dns.value()->addresses(link, host, number, found);
  if (got.kind == DnsOutcome::TimedOut || link.expired()) co_return asio::error::timed_out;
  if (!got.ok()) co_return asio::error::host_not_found;
  out = std::move(found.endpoints);
  co_return std::error_code{};
}

}  // namespace sipmtls::net
