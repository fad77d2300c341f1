// SPDX-License-Identifier: MIT
// dnsmasq on a free loopback port with a zone of the test's own, for the discovery tests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "../support/process.hpp"

namespace sipmtls::test {

struct DnsServer {
  /// Starts dnsmasq answering from `records` (dnsmasq configuration lines: srv-host, host-record,
  /// cname, naptr-record); names under .test that it does not know get NXDOMAIN. why_not says
  /// why it could not start (dnsmasq missing).
  DnsServer(const std::string& records, std::string& why_not);
  ~DnsServer();
  std::uint16_t port = 0;
  std::string dir;
  std::unique_ptr<Background> process;
  /// "127.0.0.1:PORT", for --dns-server.
  std::string address() const { return "127.0.0.1:" + std::to_string(port); }
};

}  // namespace sipmtls::test
