// SPDX-License-Identifier: MIT
// DNS with c-ares (see dns.hpp). The coroutine drives the channel: it polls c-ares's sockets
// without blocking, lets c-ares read what arrived and retry what timed out, and waits a few
// milliseconds on the io_context between rounds, until the answer or the link's deadline.
#include "net/dns.hpp"

#include <ares.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <poll.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace sipmtls::net {
namespace {

void library_init() {
  static std::once_flag once;
  std::call_once(once, [] { ares_library_init(ARES_LIB_INIT_ALL); });
}

DnsOutcome outcome_of(int status) {
  switch (status) {
    case ARES_SUCCESS: return {DnsOutcome::Answer, {}};
    case ARES_ENODATA: return {DnsOutcome::NoRecords, "no records of that type"};
    case ARES_ENOTFOUND: return {DnsOutcome::NoRecords, "no such name (NXDOMAIN)"};
    case ARES_ETIMEOUT: return {DnsOutcome::Failed, "the DNS server did not answer"};
    case ARES_ECONNREFUSED: return {DnsOutcome::Failed, "the DNS server refused the query"};
    case ARES_ESERVFAIL: return {DnsOutcome::Failed, "the DNS server failed (SERVFAIL)"};
    case ARES_EREFUSED: return {DnsOutcome::Failed, "the DNS server refused the query (REFUSED)"};
    default: break;
  }
  return {DnsOutcome::Failed, ares_strerror(status)};
}

struct QueryState {
  bool done = false;
  int status = ARES_ETIMEOUT;
  std::vector<unsigned char> answer;
};

// c-ares holds its own reference to a query's state until it calls back (also from ares_destroy,
// should a coroutine end before its answer): the callback never writes into a freed frame.
void on_answer(void* arg, int status, int, unsigned char* abuf, int alen) {
  std::unique_ptr<std::shared_ptr<QueryState>> held(static_cast<std::shared_ptr<QueryState>*>(arg));
  QueryState& s = **held;
  s.status = status;
  if (status == ARES_SUCCESS && abuf != nullptr && alen > 0) s.answer.assign(abuf, abuf + alen);
  s.done = true;
}

struct AddressState {
  bool done = false;
  int status = ARES_ETIMEOUT;
  HostAddresses out;
  unsigned short port = 0;
};

void on_addresses(void* arg, int status, int, ares_addrinfo* result) {
  std::unique_ptr<std::shared_ptr<AddressState>> held(static_cast<std::shared_ptr<AddressState>*>(arg));
  AddressState* s = held->get();
  s->status = status;
  if (status == ARES_SUCCESS && result != nullptr) {
    if (result->cnames != nullptr && result->cnames->name != nullptr) s->out.canonical = result->cnames->name;
    for (ares_addrinfo_node* n = result->nodes; n != nullptr; n = n->ai_next) {
      asio::ip::tcp::endpoint e;
      if (n->ai_addrlen > e.capacity()) continue;
      std::memcpy(e.data(), n->ai_addr, n->ai_addrlen);
      e.resize(n->ai_addrlen);
      e.port(s->port);
      s->out.endpoints.push_back(e);
    }
  }
  if (result != nullptr) ares_freeaddrinfo(result);
  s->done = true;
}

std::string text_of(const unsigned char* p) { return p != nullptr ? reinterpret_cast<const char*>(p) : ""; }

}  // namespace

Result<std::shared_ptr<Dns>> Dns::make(const std::string& server) {
  library_init();
  ares_channel channel = nullptr;
  ares_options options{};
  options.timeout = 1000;  // ms per try; the link's deadline bounds the whole lookup
  options.tries = 3;
  if (ares_init_options(&channel, &options, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES) != ARES_SUCCESS) {
    return internal_error("the DNS resolver could not start");
  }
  auto dns = std::make_shared<Dns>(channel);
  if (!server.empty() && ares_set_servers_ports_csv(channel, server.c_str()) != ARES_SUCCESS) {
    return input_error("--dns-server " + server + ": not ADDR[:PORT] (e.g. 127.0.0.1:5353 or [::1]:53)");
  }
  return dns;
}

Dns::~Dns() { ares_destroy(channel_); }

asio::awaitable<void> Dns::drive(Link& link, const bool& done) {
  asio::steady_timer pause(co_await asio::this_coro::executor);
  while (!done) {
    ares_socket_t sockets[ARES_GETSOCK_MAXNUM];
    const int bits = ares_getsock(channel_, sockets, ARES_GETSOCK_MAXNUM);
    pollfd fds[ARES_GETSOCK_MAXNUM];
    nfds_t n = 0;
    for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
      const short events = static_cast<short>((ARES_GETSOCK_READABLE(bits, i) ? POLLIN : 0) |
                                              (ARES_GETSOCK_WRITABLE(bits, i) ? POLLOUT : 0));
      if (events != 0) fds[n++] = pollfd{sockets[i], events, 0};
    }
    if (n > 0) ::poll(fds, n, 0);
    for (nfds_t i = 0; i < n; ++i) {
      ares_process_fd(channel_, (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) ? fds[i].fd : ARES_SOCKET_BAD,
                      (fds[i].revents & POLLOUT) ? fds[i].fd : ARES_SOCKET_BAD);
    }
    ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // c-ares's own retries and timeouts
    if (done) break;
    if (link.expired()) {
      ares_cancel(channel_);  // calls back with ARES_ECANCELLED
      break;
    }
    pause.expires_after(std::chrono::milliseconds(2));
    std::error_code ec;
    co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
}

asio::awaitable<DnsOutcome> Dns::query(Link& link, const std::string& name, int type,
                                       std::vector<unsigned char>& answer) {
  auto state = std::make_shared<QueryState>();
  ares_query(channel_, name.c_str(), ns_c_in, type, on_answer, new std::shared_ptr<QueryState>(state));
  co_await drive(link, state->done);
  if (link.expired() && state->status != ARES_SUCCESS) co_return DnsOutcome{DnsOutcome::TimedOut, "no DNS answer in time"};
  if (state->status != ARES_SUCCESS) co_return outcome_of(state->status);
  answer = std::move(state->answer);
  co_return DnsOutcome{DnsOutcome::Answer, {}};
}

asio::awaitable<DnsOutcome> Dns::srv(Link& link, const std::string& name, std::vector<SrvRecord>& out) {
  std::vector<unsigned char> answer;
  const DnsOutcome asked = co_await query(link, name, ns_t_srv, answer);
  if (!asked.ok()) co_return asked;
  ares_srv_reply* reply = nullptr;
  const int rc = ares_parse_srv_reply(answer.data(), static_cast<int>(answer.size()), &reply);
  if (rc != ARES_SUCCESS) co_return outcome_of(rc);
  for (ares_srv_reply* r = reply; r != nullptr; r = r->next) {
    out.push_back({r->priority, r->weight, r->port, r->host != nullptr ? r->host : ""});
  }
  ares_free_data(reply);
  co_return out.empty() ? DnsOutcome{DnsOutcome::NoRecords, "no records of that type"} : DnsOutcome{DnsOutcome::Answer, {}};
}

asio::awaitable<DnsOutcome> Dns::naptr(Link& link, const std::string& name, std::vector<NaptrRecord>& out) {
  std::vector<unsigned char> answer;
  const DnsOutcome asked = co_await query(link, name, ns_t_naptr, answer);
  if (!asked.ok()) co_return asked;
  ares_naptr_reply* reply = nullptr;
  const int rc = ares_parse_naptr_reply(answer.data(), static_cast<int>(answer.size()), &reply);
  if (rc != ARES_SUCCESS) co_return outcome_of(rc);
  for (ares_naptr_reply* r = reply; r != nullptr; r = r->next) {
    out.push_back({r->order, r->preference, text_of(r->flags), text_of(r->service), text_of(r->regexp),
                   r->replacement != nullptr ? r->replacement : ""});
  }
  ares_free_data(reply);
  co_return out.empty() ? DnsOutcome{DnsOutcome::NoRecords, "no records of that type"} : DnsOutcome{DnsOutcome::Answer, {}};
}

asio::awaitable<DnsOutcome> Dns::addresses(Link& link, const std::string& host, unsigned short port, HostAddresses& out) {
  auto state = std::make_shared<AddressState>();
  AddressState& s = *state;
  s.port = port;
  ares_addrinfo_hints hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_flags = ARES_AI_CANONNAME;
  ares_getaddrinfo(channel_, host.c_str(), nullptr, &hints, on_addresses, new std::shared_ptr<AddressState>(state));
  co_await drive(link, s.done);
  out = std::move(s.out);
  if (link.expired() && s.status != ARES_SUCCESS) co_return DnsOutcome{DnsOutcome::TimedOut, "no DNS answer in time"};
  if (s.status != ARES_SUCCESS) co_return outcome_of(s.status);
  // ARES_AI_CANONNAME names the host itself when it is no alias.
  if (out.canonical == host || out.canonical + "." == host || out.canonical == host + ".") out.canonical.clear();
  co_return out.endpoints.empty() ? DnsOutcome{DnsOutcome::NoRecords, "no A or AAAA record"} : DnsOutcome{DnsOutcome::Answer, {}};
}

}  // namespace sipmtls::net
