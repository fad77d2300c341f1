// SPDX-License-Identifier: MIT
// connect: TCP, the mutual handshake, our verdict on the server, then SIP OPTIONS on the same
// connection. With TLS 1.3 the server's verdict on our certificate arrives only after the
// handshake, so "accepted" is said only once OPTIONS got its answer.
#include "sipmtls/app/connect.hpp"

#include <chrono>
#include <ctime>

#include "app/ca_list.hpp"
#include "app/connect_discovery.hpp"
#include "app/connect_flow.hpp"
#include "app/connection.hpp"
#include "app/other_direction.hpp"
#include "app/peer_check.hpp"
#include "net/link.hpp"
#include "sip/message.hpp"
#include "tls/session.hpp"

namespace sipmtls::app {
namespace {

bool is_ip_address(const std::string& host) {
  std::error_code ec;
  (void)asio::ip::make_address(host, ec);
  return !ec;
}

// How long a TLS 1.3 check without OPTIONS waits for the server's verdict on our certificate:
// servers that reject send their alert at once, OpenSSL and Kamailio a session ticket.
constexpr double kVerdictWindowSeconds = 2.0;

std::string format_seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

/// Sends OPTIONS and waits for the final response; findings for anything but a 2xx.
asio::awaitable<std::vector<Finding>> options_round_trip(tls::Session& session, const ConnectPlan& plan,
                                                         report::CheckResult& r, const FailureContext& fc) {
  net::Link& link = session.link();
  sip::OptionsRequest req;
  req.target = plan.names.empty() ? plan.host : plan.names.front();
  if (plan.port != "5061") req.target += ":" + plan.port;  // 5061 is the default for sips/TLS
  req.local_address = link.local_address();
  req.local_fqdn = plan.local_fqdn;
  req.sip_domain = plan.sip_domain;
  req.user_agent = std::string("sipmtls/") + SIPMTLS_VERSION;
  const std::string text = sip::build_options(req);
  r.sip = report::SipSummary{"OPTIONS", 0, "", ""};
  r.sip->messages.push_back(text);
  FailureContext first = fc;
  first.phase = Phase::FirstExchange;

  link.arm(net::seconds(plan.timeout_s));
  int rc = co_await session.write(text);
  sip::Framer framer;
  std::string buf;
  while (rc == 0) {
    buf.clear();
    const int n = co_await session.read(buf);
    if (n <= 0) {
      rc = n == 0 ? tls::end_of_stream_code() : n;
      break;
    }
    framer.append(buf);
    for (;;) {
      auto next = framer.next();
      if (next.status == sip::Framer::Status::NeedMore) break;
      if (next.status != sip::Framer::Status::Message) {
        link.disarm();
        co_return std::vector<Finding>{{FindingCode::SipMalformed, Severity::Error, "server " + fc.peer,
                                        "the answer to OPTIONS is not valid SIP: " + next.error,
                                        "check what listens on this port: it is not a SIP server"}};
      }
      const sip::Message& m = next.message;
      if (m.is_request || m.status < 200) continue;  // provisional, or a request from the peer
      if (m.header("Call-ID").value_or("") != req.call_id) continue;
      link.disarm();
      r.sip->messages.push_back(sip::to_text(m));
      r.sip->status = m.status;
      r.sip->reason = m.reason;
      r.sip->server = m.header("Server").value_or(m.header("User-Agent").value_or(""));
      r.sip->diagnostics = sip::diagnostic_headers(m);
      if (m.status >= 300) {
        // What a Lync or Skype for Business admin reads first: the peer's own diagnosis.
        std::string said;
        for (const auto& [name, value] : r.sip->diagnostics) said += "; " + name + ": " + value;
        co_return std::vector<Finding>{
            {FindingCode::SipErrorResponse, Severity::Error, "server " + fc.peer,
             "OPTIONS got " + std::to_string(m.status) + " " + m.reason + ": TLS works, SIP refuses" + said,
             "check the peer's SIP configuration for this server (allowed/federated hosts, domain, routing)"}};
      }
      co_return std::vector<Finding>{};
    }
  }
  link.disarm();
  if (rc == tls::kTimedOut) {
    co_return std::vector<Finding>{{FindingCode::SipNoResponse, Severity::Error, "server " + fc.peer,
                                    "no answer to OPTIONS within " + std::to_string(static_cast<int>(plan.timeout_s)) +
                                        " s",
                                    "check that the peer is a SIP server and routes requests for " + req.target}};
  }
  // The peer ended the connection: an alert here is its verdict on our certificate (TLS 1.3).
  if (!session.received_alert()) co_await session.drain(std::chrono::milliseconds(300));
  if (session.received_alert() || rc != tls::end_of_stream_code() || session.version() == "TLS 1.3") {
    co_return failure_findings(session, rc, first);
  }
  co_return std::vector<Finding>{{FindingCode::SipNoResponse, Severity::Error, "server " + fc.peer,
                                  "the peer closed the connection without answering OPTIONS",
                                  "check the peer's log: it accepted TLS but dropped the SIP request"}};
}

// What the verdict does not show: our certificate as the peer's product would judge it (when
// this peer did not reject it), and the server's certificate as the client it becomes.
void add_other_direction(report::CheckResult& r, const Identity& us, const std::vector<cert::Certificate>& peer_chain,
                         const rules::Context& as_client, const std::string& label) {
  const bool rejected_us = std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
    return f.code == FindingCode::PeerRejectedOurCert;
  });
  if (!rejected_us) {
    for (auto& f : our_certificate_as_product_judges(us, as_client)) r.findings.push_back(std::move(f));
  }
  for (auto& f : peer_certificate_when_it_dials(peer_chain, us, as_client, "server " + label)) {
    r.findings.push_back(std::move(f));
  }
}

// The FQDN a server with this certificate speaks as: its first DNS SAN, else its CN when that is a
// host name; under a wildcard, "sip." and the wildcard's domain (a name the wildcard covers).
std::string fqdn_of(const cert::CertFacts& f) {
  std::string name = !f.san_dns.empty() ? f.san_dns.front() : f.subject_cn;
  if (name.starts_with("*.")) name = "sip" + name.substr(1);
  const bool host_name = name.find('.') != std::string::npos && name.find_first_of(" *@/:") == std::string::npos;
  return host_name ? name : "";
}

// What every connect plan takes from the options; host, port, names and SNI are the caller's.
ConnectPlan plan_for(const ConnectOptions& o, const Side& side) {
  ConnectPlan plan;
  plan.us = side.us;
  plan.config = side.config;
  plan.names = o.names;
  plan.sni = o.no_sni ? "" : o.sni;
  plan.profile = o.profile;
  plan.x509_strict = o.x509_strict;
  plan.warn_days = o.warn_days;
  plan.at = o.at.value_or(std::time(nullptr));
  plan.timeout_s = o.timeout_s;
  plan.sip_options = o.sip_options;
  plan.local_fqdn = o.local_fqdn.empty() && !side.us->chain.empty() ? fqdn_of(side.us->chain.front().facts())
                                                                       : o.local_fqdn;
  plan.sip_domain = o.sip_domain;
  return plan;
}

// Runs one check coroutine to its end on an io_context of its own.
Result<report::CheckResult> run_check(asio::awaitable<report::CheckResult> check, const std::string& label) {
  asio::io_context io;
  std::optional<report::CheckResult> result;
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(check), [&](std::exception_ptr e, report::CheckResult r) {
    failure = e;
    if (!e) result = std::move(r);
  });
  io.run();
  if (failure || !result) return internal_error("connect " + label + ": the check ended unexpectedly");
  return std::move(*result);
}

// A SIP domain: its servers from DNS (app/connect_discovery.cpp).
Result<asio::awaitable<report::CheckResult>> connect_to_domain(const ConnectOptions& o, const std::string& domain) {
  if (domain.find_first_of(" /:@") != std::string::npos || domain.find('.') == std::string::npos) {
    return input_error("connect sip:" + domain + ": not a SIP domain (e.g. sip:fabrikam.com)");
  }
  auto dns = net::Dns::make(o.dns_server);
  if (!dns) return dns.error();
  auto side = prepare_side(o, false);
  if (!side) return side.error();
  return discover_and_connect(plan_for(o, side.value()), dns.value(), {domain, o.sni, o.no_sni});
}

}  // namespace

asio::awaitable<report::CheckResult> connect_check(ConnectPlan plan) {
  const auto started = std::chrono::steady_clock::now();
  const Identity& us = *plan.us;
  report::CheckResult r = start_check("connect", "client", us, plan.profile, plan.names);
  r.name = (plan.host.find(':') != std::string::npos ? "[" + plan.host + "]" : plan.host) + ":" + plan.port;
  r.peer->name = plan.names.empty() ? "" : plan.names.front();
  auto finish = [&] { return finish_check(r, started); };
  const std::string label = (plan.names.empty() ? plan.host : plan.names.front()) + " (" + r.name + ")";
  if (!us.usable()) co_return finish();

  auto executor = co_await asio::this_coro::executor;
  auto link = net::Link::make(asio::ip::tcp::socket(executor));
  link->arm(net::seconds(plan.timeout_s));
  const std::error_code ec = co_await net::connect(*link, plan.host, plan.port);
  link->disarm();
  if (ec || link->expired()) {
    if (link->expired()) {
      r.findings.push_back({FindingCode::Timeout, Severity::Error, "server " + label,
                            "no TCP connection within " + std::to_string(static_cast<int>(plan.timeout_s)) + " s",
                            "check the address, the port (5061) and firewalls between the servers"});
    } else {
      r.findings.push_back({FindingCode::TcpConnectFailed, Severity::Error, "server " + label,
                            "cannot connect to " + r.name + ": " + ec.message(),
                            "check the FQDN's DNS record, that the peer listens for MTLS on this port, and "
                            "firewalls between the servers"});
    }
    co_return finish();
  }
  r.peer->address = link->peer_address();

  rules::Context ctx{plan.profile, rules::Role::PeerServer, plan.names, plan.at, !us.crls.empty(), plan.x509_strict,
                     plan.warn_days};
  tls::Session session(plan.config, link);
  session.set_server_name(plan.sni);
  PeerCheck check;
  std::vector<cert::Certificate> peer_chain;
  session.set_verifier([&](const std::vector<cert::Certificate>& chain) {
    peer_chain = chain;
    check = check_peer(chain, us, ctx, {plan.names});
    return lcs_alert(check.findings);
  });
  FailureContext fc{true, Phase::Handshake, label, plan.timeout_s, nullptr, &us,
                    rules::Context{plan.profile, rules::Role::PeerClient, {}, plan.at, !us.crls.empty(), plan.x509_strict,
                                   plan.warn_days}};

  link->arm(net::seconds(plan.timeout_s));
  const int rc = co_await session.handshake();
  link->disarm();
  // What the server sent after mbedTLS stopped (an alert, the rest of an oversized flight).
  if (rc != 0 && rc != tls::kTimedOut && !session.received_alert()) {
    co_await session.drain(std::chrono::milliseconds(300));
  }
  if (session.peer_chain_seen()) {  // the verifier ran on the server's chain
    r.peer->certificates = check.certificates;
    r.peer->chain = check.chain;
    fc.peer_check = &check;
  }
  if (auto listed = issuer_not_in_ca_list(session.peer_ca_names(), us, label)) r.findings.push_back(*listed);
  if (rc != 0) {
    auto findings = failure_findings(session, rc, fc);
    r.findings.insert(r.findings.end(), findings.begin(), findings.end());
    summarize_session(r, session);
    co_return finish();
  }
  r.findings.insert(r.findings.end(), check.findings.begin(), check.findings.end());
  if (!session.certificate_requested()) {
    r.findings.push_back({FindingCode::PeerDidNotRequestCert, Severity::Error, "server " + label,
                          "the server never asked for our certificate: this is server-authenticated TLS, not the "
                          "mutual TLS LCS needs between servers",
                          "configure the peer to require client certificates (MTLS) on this port"});
  }
  if (plan.sip_options) {
    auto findings = co_await options_round_trip(session, plan, r, fc);
    r.findings.insert(r.findings.end(), findings.begin(), findings.end());
  } else if (session.version() == "TLS 1.3") {
    // TLS 1.3: the server judges our certificate after our Finished, so its verdict (an alert, or
    // a NewSessionTicket) comes on the first read. Without OPTIONS, read for a moment anyway.
    const double window = std::min(plan.timeout_s, kVerdictWindowSeconds);
    const int verdict = co_await session.await_verdict(net::seconds(window));
    if (verdict == tls::kTimedOut) {
      r.findings.push_back({FindingCode::NotChecked, Severity::Info, "server " + label,
                            "with TLS 1.3 the server's verdict on our certificate comes after the handshake, and "
                            "within " + format_seconds(window) + " it sent neither a session ticket nor an alert",
                            "drop --no-options to confirm the server accepted our certificate"});
    } else if (verdict != 0) {
      FailureContext first = fc;
      first.phase = Phase::FirstExchange;
      if (!session.received_alert()) co_await session.drain(std::chrono::milliseconds(300));
      auto findings = failure_findings(session, verdict, first);
      r.findings.insert(r.findings.end(), findings.begin(), findings.end());
    }
  }
  summarize_session(r, session);
  add_other_direction(r, us, peer_chain, fc.our_context, label);
  if (session.handshake_done() && !session.received_alert()) co_await session.close();
  co_return finish();
}

Result<asio::awaitable<report::CheckResult>> connect_coroutine(const ConnectOptions& o) {
  const std::string domain = !o.domain.empty() ? o.domain : sip_domain_of(o.target);
  if (!domain.empty()) return connect_to_domain(o, domain);
  std::string host, port;
  if (!net::split_host_port(o.target, host, port, "5061") || port == "0") {
    return input_error("connect " + o.target + ": not HOST[:PORT] (e.g. sip-b.contoso.com:5061) or sip:DOMAIN");
  }
  auto side = prepare_side(o, false);
  if (!side) return side.error();
  ConnectPlan plan = plan_for(o, side.value());
  plan.host = host;
  plan.port = port;
  if (plan.names.empty()) plan.names = {host};
  if (!o.no_sni && o.sni.empty()) plan.sni = is_ip_address(plan.names.front()) ? "" : plan.names.front();
  return connect_check(std::move(plan));
}

Result<report::CheckResult> run_connect(const ConnectOptions& o) {
  auto check = connect_coroutine(o);
  if (!check) return check.error();
  return run_check(std::move(check).value(), o.target);
}

}  // namespace sipmtls::app
