// SPDX-License-Identifier: MIT
// connect to a SIP domain: discover its servers, then try each address of each target in order
// until one accepts TCP, and judge that server for the name the profile's product expects.
#include "app/connect_discovery.hpp"

#include "app/connection.hpp"
#include "sipmtls/join.hpp"

namespace sipmtls::app {

asio::awaitable<report::CheckResult> discover_and_connect(ConnectPlan base, std::shared_ptr<net::Dns> dns,
                                                          DiscoveryRequest request) {
  auto executor = co_await asio::this_coro::executor;
  auto deadline = net::Link::make(asio::ip::tcp::socket(executor));
  deadline->arm(net::seconds(base.timeout_s));
  Discovery d = co_await discover(*dns, *deadline, request.domain, base.profile);
  deadline->disarm();
  std::optional<report::CheckResult> result;
  std::vector<std::string> failures;
  for (std::size_t i = 0; i < d.targets.size() && !(result && !result->peer->address.empty()); ++i) {
    const DiscoveredTarget& t = d.targets[i];
    for (const auto& endpoint : t.endpoints) {
      ConnectPlan plan = base;
      plan.host = endpoint.address().to_string();
      plan.port = std::to_string(t.port);
      if (plan.names.empty()) plan.names = reference_names(t, request.domain, base.profile);
      if (!request.no_sni && request.sni.empty()) plan.sni = plan.names.front();
      result = co_await connect_check(plan);
      const std::string address = result->name;
      if (!result->peer->address.empty()) {
        d.summary.servers[i].outcome = "connected " + address;
        break;
      }
      const std::string why = result->findings.empty() ? "no connection" : result->findings.back().message;
      d.summary.servers[i].outcome = "failed: " + why;
      failures.push_back(t.host + " (" + address + "): " + why);
    }
  }
  for (auto& s : d.summary.servers) {
    if (s.outcome.empty()) s.outcome = "not tried";
  }
  if (!result) {
    const auto started = std::chrono::steady_clock::now();
    report::CheckResult r = start_check("connect", "client", *base.us, base.profile, base.names);
    result = finish_check(r, started);
  }
  report::CheckResult& r = *result;
  if (r.peer->address.empty() && !failures.empty()) {
    r.findings.push_back({FindingCode::DnsAllTargetsDown, Severity::Error, "SIP domain " + request.domain,
                          "every server " + request.domain + "'s DNS names was tried and none accepted TCP: " +
                              join(failures, "; "),
                          "start the servers, or fix the SRV records to name the ones that run; check firewalls "
                          "between the servers for the SRV port"});
  }
  r.name = request.domain + (r.name.empty() ? "" : " -> " + r.name);
  r.findings.insert(r.findings.begin(), d.findings.begin(), d.findings.end());
  r.discovery = std::move(d.summary);
  r.verdict = has_errors(r.findings) ? report::Verdict::Fail : report::Verdict::Pass;
  co_return r;
}

}  // namespace sipmtls::app
