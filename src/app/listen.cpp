// SPDX-License-Identifier: MIT
// listen: accept, handshake requesting a client certificate, judge the client as LCS would,
// serve SIP until the client leaves; one report per connection as it ends. One io_context run
// by one thread per core; each connection lives on its own strand.
#include "sipmtls/app/listen.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "app/connection.hpp"
#include "app/ca_list.hpp"
#include "app/peer_check.hpp"
#include "app/sip_service.hpp"
#include "net/link.hpp"
#include "tls/session.hpp"

namespace sipmtls::app {
namespace {

// What a stop function handed out by ListenEvents::stoppable reaches: the listener while it
// runs, nothing once it has ended (the function may outlive it, and may run on another thread).
struct StopHandle {
  std::mutex mutex;
  std::function<void()> stop;  // empty once the listener has ended
};

class Listener {
 public:
  Listener(const ListenOptions& o, const ListenEvents& events, std::shared_ptr<const Identity> us,
           std::shared_ptr<const tls::Config> config)
      : o_(o),
        events_(events),
        us_(std::move(us)),
        config_(std::move(config)),
        control_(asio::make_strand(io_)),
        acceptor_(control_),
        signals_(control_) {
    alternatives_ = expected_peers(o.expect_names);
    at_ = o.at.value_or(0);
    ca_list_warning_ = ca_list_finding(ca_list_size(us_->trust));
  }

  Result<std::vector<report::CheckResult>> run(const std::string& host, const std::string& port) {
    std::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec) return input_error("listen " + o_.bind + ": " + host + " is not an IP address");
    const asio::ip::tcp::endpoint endpoint(address, static_cast<unsigned short>(std::stoi(port)));
    (void)acceptor_.open(endpoint.protocol(), ec);
    if (!ec) (void)acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) (void)acceptor_.bind(endpoint, ec);
    if (!ec) (void)acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return input_error("listen " + o_.bind + ": " + ec.message());
    if (o_.handle_signals) {
      signals_.add(SIGINT);
      signals_.add(SIGTERM);
      signals_.async_wait([this](const std::error_code& e, int) {
        if (!e) stop_now();
      });
    }
    std::unique_ptr<asio::steady_timer> duration;
    if (o_.duration_s) {
      duration = std::make_unique<asio::steady_timer>(control_, net::seconds(*o_.duration_s));
      duration->async_wait([this](const std::error_code& e) {
        if (e) return;
        {
          std::lock_guard<std::mutex> lock(mutex_);
          duration_passed_ = true;
        }
        stop_accepting();
      });
    }
    auto handle = std::make_shared<StopHandle>();
    handle->stop = [this] { asio::post(control_, [this] { stop_accepting(); }); };
    if (events_.stoppable) {
      events_.stoppable([handle] {
        std::lock_guard<std::mutex> lock(handle->mutex);
        if (handle->stop) handle->stop();
      });
    }
    // Whatever happens below, a stop that comes later finds nothing to stop.
    struct Detach {
      std::shared_ptr<StopHandle> handle;
      ~Detach() {
        std::lock_guard<std::mutex> lock(handle->mutex);
        handle->stop = nullptr;
      }
    } detach{handle};
    acceptor_port_ = acceptor_.local_endpoint().port();
    if (events_.ready) events_.ready(acceptor_port_);
    asio::co_spawn(control_, accept_loop(), asio::detached);
    const int threads = o_.threads > 0 ? o_.threads : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([this] { io_.run(); });
    const auto started = std::chrono::steady_clock::now();
    io_.run();
    for (auto& t : pool) t.join();
    std::lock_guard<std::mutex> lock(mutex_);
    if (accepted_ == 0) report_nobody(host + ":" + std::to_string(acceptor_port_), started);
    return std::move(results_);
  }

 private:
  /// No client reached the listener (the commonest federation fault: the partner never dials
  /// us): a failed check of its own, not "0 connections" and a PASS. Called with mutex_ held.
  void report_nobody(const std::string& where, std::chrono::steady_clock::time_point started) {
    report::CheckResult r = start_check("listen", "server", *us_, o_.profile, o_.expect_names);
    r.name = where;
    const std::string ended = duration_passed_ ? "within " + format_duration() : "until it was stopped";
    r.findings.push_back({FindingCode::Timeout, Severity::Error, "listener " + where,
                          "no client connected " + ended + ": the peer never reached this listener",
                          "check that the peer dials this address and port: its DNS (SRV and A records), its "
                          "routing or federation settings for our domain, and firewalls and NAT in between"});
    report::CheckResult done = finish_check(r, started);
    if (events_.finished) events_.finished(done);
    if (o_.keep_results) results_.push_back(std::move(done));
  }

  std::string format_duration() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g s", *o_.duration_s);
    return buf;
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      std::error_code ec;
      auto strand = asio::make_strand(io_);
      asio::ip::tcp::socket socket = co_await acceptor_.async_accept(strand, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (!acceptor_.is_open()) co_return;
        // e.g. EMFILE or a connection reset before accept: keep serving, without spinning.
        asio::steady_timer pause(control_, std::chrono::milliseconds(50));
        co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        continue;
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++active_;
        ++accepted_;
        if (o_.count > 0 && accepted_ >= o_.count) accepting_ = false;
      }
      asio::co_spawn(strand, serve(std::move(socket)), asio::detached);
      if (!accepting()) {
        asio::post(control_, [this] { close_acceptor(); });
        co_return;
      }
    }
  }

  cert::UnixTime now() const { return at_ != 0 ? at_ : std::time(nullptr); }

  bool accepting() {
    std::lock_guard<std::mutex> lock(mutex_);
    return accepting_;
  }

  // The signals stay armed: after --count is reached a connection may still be open, and a
  // SIGTERM then must end it with the summary (the listener stops io_ itself when done).
  void close_acceptor() {
    std::error_code ignored;
    (void)acceptor_.close(ignored);
  }

  void stop_accepting() {
    bool idle;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      accepting_ = false;
      idle = active_ == 0;
    }
    close_acceptor();
    if (idle) io_.stop();
  }

  // A signal: no new connections; the open ones are ended and reported as they stood, so the
  // summary counts them. Should one not finish within a second, the listener stops anyway.
  void stop_now() {
    std::vector<std::shared_ptr<net::Link>> open;
    bool idle;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      accepting_ = false;
      stopping_ = true;
      open.assign(links_.begin(), links_.end());
      idle = active_ == 0;
    }
    close_acceptor();
    if (idle) {
      io_.stop();
      return;
    }
    for (const auto& link : open) asio::post(link->socket().get_executor(), [link] { link->stop(); });
    stop_timer_ = std::make_unique<asio::steady_timer>(control_, std::chrono::seconds(1));
    stop_timer_->async_wait([this](const std::error_code& e) {
      if (!e) io_.stop();
    });
  }

  void finished(report::CheckResult r) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (events_.finished) events_.finished(r);
    if (o_.keep_results) results_.push_back(std::move(r));
    --active_;
    if (!accepting_ && active_ == 0) io_.stop();
  }

  // An idle connection keeps the frames of serve, handle and serve_sip while it waits for the
  // next request, so they hold little: the check's result lives once on the heap, and what only
  // the handshake needs lives in accept_client's frame, freed when the handshake is over.
  asio::awaitable<void> serve(asio::ip::tcp::socket socket) {
    auto link = net::Link::make(std::move(socket));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      links_.insert(link);
    }
    std::unique_ptr<report::CheckResult> r;
    try {
      r = co_await handle(link);
    } catch (const std::exception& e) {
      r = failed_check(e.what());
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      links_.erase(link);
      if (stopping_) {
        r->findings.push_back({FindingCode::NotChecked, Severity::Info, "client " + r->name,
                               "the listener was stopped (a signal) while this connection was open; reported as it stood",
                               "let the peer finish, or use --count or --timeout to end the listener"});
      }
    }
    std::error_code ignored;
    (void)link->socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    (void)link->socket().close(ignored);
    finished(std::move(*r));
  }

  static std::unique_ptr<report::CheckResult> failed_check(const std::string& error) {
    auto r = std::make_unique<report::CheckResult>();
    r->kind = "listen";
    r->role = "server";
    r->verdict = report::Verdict::Error;
    r->error = error;
    return r;
  }

  std::unique_ptr<report::CheckResult> new_check(net::Link& link) {
    auto r = std::make_unique<report::CheckResult>(start_check("listen", "server", *us_, o_.profile, o_.expect_names));
    if (ca_list_warning_) r->findings.push_back(*ca_list_warning_);
    (void)link.prepare();
    r->name = link.peer_address();
    r->peer->address = r->name;
    return r;
  }

  asio::awaitable<std::unique_ptr<report::CheckResult>> handle(std::shared_ptr<net::Link> link) {
    const auto started = std::chrono::steady_clock::now();
    auto r = new_check(*link);
    const std::string label = "client " + r->name;
    tls::Session session(config_, link);
    if (co_await accept_client(session, *link, *r, label)) {
      SipService service{o_.timeout_s,
                         FailureContext{false, Phase::FirstExchange, r->name, o_.timeout_s, nullptr, us_.get(),
                                        rules::Context{o_.profile, rules::Role::PeerServer, {}, now(),
                                                       !us_->crls.empty(), o_.x509_strict}},
                         [this] { return !accepting(); }};
      co_await serve_sip(session, *r, label, service);
      summarize_session(*r, session);
    }
    close_check(*r, started);
    co_return r;
  }

  /// The handshake and the verdict on the client's chain, into r. True when the connection goes
  /// on to SIP.
  asio::awaitable<bool> accept_client(tls::Session& session, net::Link& link, report::CheckResult& r,
                                      const std::string& label) {
    const Identity& us = *us_;
    const cert::UnixTime at = now();
    rules::Context ctx{o_.profile, rules::Role::PeerClient, {}, at, !us.crls.empty(), o_.x509_strict, o_.warn_days};
    PeerCheck check;
    session.set_verifier([&](const std::vector<cert::Certificate>& chain) {
      check = check_peer(chain, us, ctx, alternatives_);
      return lcs_alert(check.findings);
    });
    FailureContext fc{false, Phase::Handshake, r.name, o_.timeout_s, nullptr, &us,
                      rules::Context{o_.profile, rules::Role::PeerServer, {}, at, !us.crls.empty(), o_.x509_strict,
                                     o_.warn_days}};
    link.arm(net::seconds(o_.timeout_s));
    const int rc = co_await session.handshake();
    link.disarm();
    // What the client sent after mbedTLS stopped (an alert, the rest of an oversized flight).
    if (rc != 0 && rc != tls::kTimedOut && !session.received_alert()) co_await session.drain(std::chrono::milliseconds(200));
    session.set_verifier(nullptr);  // it refers to this frame
    const bool checked = session.peer_chain_seen();  // the verifier ran on the client's chain
    if (checked) {
      r.peer->certificates = check.certificates;
      r.peer->chain = check.chain;
      r.peer->name = check.matched_name;
      fc.peer_check = &check;
    }
    session.forget_peer_chain();
    const Finding no_cert = no_client_certificate(label, session.version() == "TLS 1.3");
    if (rc != 0) {
      summarize_session(r, session);
      if (!checked && tls::is_missing_client_certificate(rc) && session.sent_alert()) {
        r.findings.push_back(no_cert);
        co_return false;
      }
      auto findings = failure_findings(session, rc, fc);
      r.findings.insert(r.findings.end(), findings.begin(), findings.end());
      co_return false;
    }
    if (!checked) r.findings.push_back(no_cert);
    r.findings.insert(r.findings.end(), check.findings.begin(), check.findings.end());
    if (checked && alternatives_.empty() && !check.certificates.empty()) {
      const auto& leaf = check.certificates.front();
      std::string names;
      for (const auto& s : leaf.san) names += (names.empty() ? "" : ", ") + s;
      r.findings.push_back({FindingCode::NotChecked, Severity::Info, label,
                            "names not checked (no --expect-name); the client presented " + leaf.subject +
                                (names.empty() ? "" : " with SAN " + names),
                            "pass the FQDN the client must answer for with --fqdn"});
    }
    co_return true;
  }

  const ListenOptions& o_;
  const ListenEvents& events_;
  std::shared_ptr<const Identity> us_;
  std::shared_ptr<const tls::Config> config_;
  std::vector<std::vector<std::string>> alternatives_;
  cert::UnixTime at_ = 0;
  asio::io_context io_;
  /// The acceptor, its timer and the signals are touched only from this strand; each
  /// connection runs on a strand of its own.
  asio::strand<asio::io_context::executor_type> control_;
  asio::ip::tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::mutex mutex_;
  std::vector<report::CheckResult> results_;
  int active_ = 0;
  int accepted_ = 0;
  bool accepting_ = true;
  std::uint16_t acceptor_port_ = 0;
  bool stopping_ = false;
  bool duration_passed_ = false;  ///< its --timeout ended the listener  ///< a signal asked to stop: open connections are being ended
  std::optional<Finding> ca_list_warning_;  ///< CA_LIST_TRUNCATED, once for every connection
  std::set<std::shared_ptr<net::Link>> links_;  ///< the open connections, for stop_now
  std::unique_ptr<asio::steady_timer> stop_timer_;
};

}  // namespace

Result<std::vector<report::CheckResult>> run_listen(const ListenOptions& o, const ListenEvents& events) {
  std::string host, port;
  const std::string bind = o.bind.find(':') == std::string::npos ? "0.0.0.0:" + o.bind : o.bind;
  if (!net::split_host_port(bind, host, port, "5061")) {
    return input_error("listen " + o.bind + ": not [ADDR:]PORT (e.g. 5061 or 127.0.0.1:5061)");
  }
  auto side = prepare_side(o, true);
  if (!side) return side.error();
  if (!side->us->usable()) {
    return Error{ErrorKind::Input, side->us->local_findings.front().message, ErrorCause::NoPrivateKey};
  }
  Listener listener(o, events, side->us, side->config);
  return listener.run(host, port);
}

}  // namespace sipmtls::app
