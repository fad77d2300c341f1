// SPDX-License-Identifier: MIT
// pair: both directions between two server identities.
#include "sipmtls/join.hpp"
#include "sipmtls/app/pair.hpp"

#include "sipmtls/report/safe_text.hpp"

#include <algorithm>
#include <future>
#include <sstream>
#include <thread>

namespace sipmtls::app {
namespace {

report::Verdict worst(report::Verdict a, report::Verdict b) {
  if (a == report::Verdict::Error || b == report::Verdict::Error) return report::Verdict::Error;
  if (a == report::Verdict::Fail || b == report::Verdict::Fail) return report::Verdict::Fail;
  return report::Verdict::Pass;
}

Result<PairDirection> run_direction(const PairOptions& o, const ServerIdentity& from, const ServerIdentity& to,
                                    const std::string& label) {
  ListenOptions server;
  server.identity = to.source;
  server.profile = to.profile;
  server.expect_names = {join(from.names(), ",")};
  ConnectOptions client;
  client.identity = from.source;
  client.profile = from.profile;
  client.names = to.names();
  for (EndpointOptions* e : {static_cast<EndpointOptions*>(&server), static_cast<EndpointOptions*>(&client)}) {
    e->at = o.at;
    e->tls = o.tls;
    e->timeout_s = o.timeout_s;
    e->keylog = o.keylog;
    e->x509_strict = o.x509_strict;
    e->warn_days = o.warn_days;
    e->revocation = o.revocation;
  }
  auto exchange = run_exchange(server, client);
  if (!exchange) return exchange.error();
  PairDirection d;
  d.label = label;
  d.from = from.label();
  d.to = to.label();
  d.client = std::move(exchange->client);
  if (exchange->server) {
    d.server = std::move(*exchange->server);
  } else {
    d.server.kind = "listen";
    d.server.role = "server";
    const bool never_dialled = d.client.peer && d.client.peer->address.empty();
    d.server.verdict = never_dialled ? report::Verdict::Fail : report::Verdict::Error;
    d.server.error = never_dialled ? "the dialling server could not start a connection" : "no connection reached the listener";
  }
  for (auto* c : {&d.client, &d.server}) {
    if (c->profile.empty()) c->profile = std::string(rules::profile_name(c == &d.client ? from.profile : to.profile));
    c->kind = "pair";
    c->direction = label;
  }
  d.client.name = d.from + " -> " + d.to + " (as client)";
  d.server.name = d.from + " -> " + d.to + " (as server " + d.to + ")";
  return d;
}

// The answering side cannot serve (no private key): its view says why, the dialler never dials.
Exchange unusable_server(const Error& why) {
  report::CheckResult server;
  server.kind = "listen";
  server.role = "server";
  server.findings.push_back({FindingCode::PrivateKeyMissing, Severity::Error, "our certificate", why.message,
                             "pass the key with --key, or export the certificate as a PFX with its private key"});
  server.verdict = report::Verdict::Fail;
  server.private_key = "absent";
  report::CheckResult client;
  client.kind = "connect";
  client.role = "client";
  // Not a failure of its own: the PRIVATE_KEY_MISSING beside it fails the direction.
  client.verdict = report::Verdict::Fail;
  client.error = "the answering server has no private key";
  return Exchange{std::move(client), std::move(server)};
}

}  // namespace

Result<Exchange> run_exchange(ListenOptions server, ConnectOptions client) {
  server.bind = "127.0.0.1:0";
  server.count = 1;
  server.threads = 1;
  server.handle_signals = false;
  server.duration_s = server.timeout_s * 3;  // ends by itself even if the client never dials
  auto ready = std::make_shared<std::promise<std::uint16_t>>();
  auto port_future = ready->get_future();
  Result<std::vector<report::CheckResult>> served = internal_error("listen did not run");
  std::function<void()> stop_listener;
  std::thread thread([&server, &served, &stop_listener, ready] {
    ListenEvents events;
    events.stoppable = [&](std::function<void()> stop) { stop_listener = std::move(stop); };
    bool told = false;
    events.ready = [&](std::uint16_t p) {
      told = true;
      ready->set_value(p);
    };
    served = run_listen(server, events);
    if (!told) ready->set_value(0);
  });
  const std::uint16_t port = port_future.get();
  if (port == 0) {
    thread.join();
    if (!served.ok() && served.error().cause == ErrorCause::NoPrivateKey) return unusable_server(served.error());
    return served.ok() ? internal_error("listen did not start") : served.error();
  }
  client.target = "127.0.0.1:" + std::to_string(port);
  auto connected = run_connect(client);
  // A client that could not dial (no private key) leaves the listener nothing to wait for.
  if (connected && connected->peer && connected->peer->address.empty()) stop_listener();
  thread.join();
  if (!connected) return connected.error();
  if (!served) return served.error();
  Exchange out{std::move(connected.value()), std::nullopt};
  // A listener nobody reached reports that as a check of its own; here the dialler's view says
  // why it never dialled, and the server's view is made from it (run_direction).
  if (!served->empty() && served->front().peer && !served->front().peer->address.empty()) {
    out.server = std::move(served->front());
  }
  return out;
}

report::Verdict PairDirection::verdict() const { return worst(client.verdict, server.verdict); }

std::vector<report::CheckResult> PairResult::checks() const { return {ab.client, ab.server, ba.client, ba.server}; }

Result<PairResult> run_pair(const PairOptions& options) {
  PairOptions o = options;
  // A password prompt says whose file it asks for (each file is asked once: password.cpp).
  o.a.source.password.side = "server A, " + o.a.label();
  o.b.source.password.side = "server B, " + o.b.label();
  auto ab = run_direction(o, o.a, o.b, "A -> B");
  if (!ab) return ab.error();
  auto ba = run_direction(o, o.b, o.a, "B -> A");
  if (!ba) return ba.error();
  return PairResult{std::move(ab.value()), std::move(ba.value())};
}


std::string render_pair_text(const PairResult& p, bool colour) {
  auto paint = [colour](report::Verdict v) {
    const std::string word = v == report::Verdict::Pass ? "PASS" : v == report::Verdict::Fail ? "FAIL" : "ERROR";
    if (!colour) return word;
    return (v == report::Verdict::Pass ? "\033[32m" : "\033[31m") + word + "\033[0m";
  };
  auto codes = [](const report::CheckResult& c) {
    std::vector<std::string> out;
    for (const auto& f : c.findings) {
      if (f.severity == Severity::Error) out.emplace_back(finding_code_name(f.code));
    }
    if (out.empty() && c.verdict == report::Verdict::Pass) return report::until_text(c);
    return out.empty() ? std::string() : " " + join(out, ",");
  };
  std::ostringstream o;
  o << "pair A = " << report::terminal_safe(p.ab.from) << "  B = " << report::terminal_safe(p.ab.to) << "\n\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %-8s %-40s %-40s %s\n", "", "client saw (judging the server)",
                "server saw (judging the client)", "direction");
  o << line;
  for (const PairDirection* d : {&p.ab, &p.ba}) {
    const std::string client = paint(d->client.verdict) + codes(d->client);
    const std::string server = paint(d->server.verdict) + codes(d->server);
    // Pad by visible width: colour codes take no columns.
    const std::size_t extra = colour ? 9 : 0;
    std::snprintf(line, sizeof line, "  %-8s %-*s %-*s %s\n", d->label.c_str(), static_cast<int>(40 + extra),
                  client.c_str(), static_cast<int>(40 + extra), server.c_str(), paint(d->verdict()).c_str());
    o << line;
  }
  const auto overall = worst(p.ab.verdict(), p.ba.verdict());
  o << "\n  overall " << paint(overall) << '\n';
  for (const PairDirection* d : {&p.ab, &p.ba}) {
    for (const auto* c : {&d->client, &d->server}) {
      if (c->verdict == report::Verdict::Pass && report::until_text(*c).empty()) continue;
      o << '\n' << report::render_check_text(*c, colour);
    }
  }
  return o.str();
}

}  // namespace sipmtls::app
