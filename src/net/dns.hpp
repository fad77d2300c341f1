// SPDX-License-Identifier: MIT
// DNS with c-ares: SRV, NAPTR and address lookups driven by the calling coroutine on its
// io_context, each ended by the link's deadline (a DNS server that never answers costs at most
// --timeout). The server is the system's (resolv.conf, /etc/hosts for addresses) or --dns-server.
#pragma once

#include <asio.hpp>

#include <memory>
#include <string>
#include <vector>

#include "net/link.hpp"
#include "sipmtls/result.hpp"

typedef struct ares_channeldata* ares_channel;

namespace sipmtls::net {

struct SrvRecord {
  unsigned short priority = 0, weight = 0, port = 0;
  std::string target;
};

struct NaptrRecord {
  unsigned short order = 0, preference = 0;
  std::string flags, service, regexp, replacement;
};

/// How a lookup ended.
struct DnsOutcome {
  enum Kind { Answer, NoRecords, Failed, TimedOut } kind = Failed;
  std::string words;  ///< for a finding: "no such name", "the DNS server refused", "no answer within 5 s"
  bool ok() const { return kind == Answer; }
};

/// The addresses of a host, and the name it is an alias of (empty when it is no CNAME).
struct HostAddresses {
  std::vector<asio::ip::tcp::endpoint> endpoints;
  std::string canonical;
};

class Dns {
 public:
  /// server: empty for the system's resolver configuration, or "ADDR[:PORT]".
  static Result<std::shared_ptr<Dns>> make(const std::string& server);
  Dns(const Dns&) = delete;
  Dns& operator=(const Dns&) = delete;
  ~Dns();

  asio::awaitable<DnsOutcome> srv(Link& link, const std::string& name, std::vector<SrvRecord>& out);
  asio::awaitable<DnsOutcome> naptr(Link& link, const std::string& name, std::vector<NaptrRecord>& out);
  /// A and AAAA records (and /etc/hosts with the system's configuration).
  asio::awaitable<DnsOutcome> addresses(Link& link, const std::string& host, unsigned short port, HostAddresses& out);

  explicit Dns(ares_channel channel) : channel_(channel) {}

 private:
  asio::awaitable<void> drive(Link& link, const bool& done);
  /// One query of this record type; the raw answer for the caller to parse.
  asio::awaitable<DnsOutcome> query(Link& link, const std::string& name, int type, std::vector<unsigned char>& answer);
  ares_channel channel_;
};

}  // namespace sipmtls::net
