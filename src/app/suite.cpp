// SPDX-License-Identifier: MIT
// suite: run the items concurrently and compare each outcome with its expectation.
#include "sipmtls/app/suite.hpp"

#include <chrono>

#include "app/connect_flow.hpp"
#include "app/suite_items.hpp"

#include "sipmtls/app/connect.hpp"
#include "sipmtls/app/inspect.hpp"
#include "sipmtls/app/listen.hpp"
#include "sipmtls/app/pair.hpp"

namespace sipmtls::app {
namespace {

CodeSet error_codes(const std::vector<report::CheckResult>& checks) {
  CodeSet out;
  for (const auto& c : checks) {
    for (const auto& f : c.findings) {
      if (f.severity == Severity::Error) out.emplace(finding_code_name(f.code));
    }
  }
  return out;
}

std::string text(const CodeSet& codes) {
  if (codes.empty()) return "pass";
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

// Strict X.509 checking, asked for the whole suite (key or --x509-strict) or for this item.
bool x509_strict(const Suite& s, const SuiteItem& item) { return s.x509_strict || item.x509_strict; }

// The item's revocation mode, else the suite's (file or --revocation), else soft.
RevocationSettings revocation(const Suite& s, const SuiteItem& item) {
  return {item.revocation.value_or(s.revocation.value_or(cert::RevocationMode::Soft)), s.crl_cache};
}

void endpoint(EndpointOptions& e, const Suite& s, const SuiteItem& item, const ServerIdentity& id) {
  e.identity = id.source;
  e.profile = id.profile;
  e.at = s.at;
  e.tls = item.tls.empty() ? s.tls : item.tls;
  e.timeout_s = s.timeout_s;
  e.strict = item.strict;
  e.x509_strict = x509_strict(s, item);
  e.revocation = revocation(s, item);
}

ConnectOptions connect_options(const Suite& s, const SuiteItem& item) {
  ConnectOptions o;
  endpoint(o, s, item, item.identity);
  o.target = item.target;
  o.dns_server = item.dns_server;
  o.names = item.names;
  return o;
}

Result<std::vector<report::CheckResult>> run_item(const Suite& s, const SuiteItem& item, SuiteItemResult& out) {
  if (item.kind == "inspect") {
    InspectOptions o;
    o.cert_path = item.identity.source.cert_path;
    o.key_path = item.identity.source.key_path;
    o.password = item.identity.source.password;
    o.password.prompt_on_tty = false;
    o.names = item.identity.names();
    o.ca = item.identity.source.ca;
    o.chain = item.identity.source.chain;
    o.crl = item.identity.source.crl;
    o.profile = item.identity.profile;
    o.at = s.at;
    o.x509_strict = x509_strict(s, item);
    o.revocation = revocation(s, item);
    o.timeout_s = s.timeout_s;
    auto r = run_inspect(o);
    if (!r) return r.error();
    return std::vector<report::CheckResult>{r.value()};
  }
  if (item.kind == "connect") {
    auto r = run_connect(connect_options(s, item));
    if (!r) return r.error();
    return std::vector<report::CheckResult>{r.value()};
  }
  if (item.kind == "listen") {
    ListenOptions o;
    endpoint(o, s, item, item.identity);
    o.bind = item.bind;
    o.expect_names = item.expect_names;
    o.count = item.count;
    o.duration_s = item.duration_s;
    o.handle_signals = false;
    o.threads = 1;
    return run_listen(o, {});
  }
  PairOptions o;
  o.a = item.a;
  o.b = item.b;
  o.at = s.at;
  o.tls = item.tls.empty() ? s.tls : item.tls;
  o.timeout_s = s.timeout_s;
  o.x509_strict = x509_strict(s, item);
  o.revocation = revocation(s, item);
  auto r = run_pair(o);
  if (!r) return r.error();
  const CodeSet ab = error_codes({r->ab.client, r->ab.server});
  const CodeSet ba = error_codes({r->ba.client, r->ba.server});
  if (item.expect_ab && *item.expect_ab != ab) out.detail += "A -> B expected " + text(*item.expect_ab) + ", got " + text(ab) + ". ";
  if (item.expect_ba && *item.expect_ba != ba) out.detail += "B -> A expected " + text(*item.expect_ba) + ", got " + text(ba) + ". ";
  return r->checks();
}

SuiteItemResult begin_item(const SuiteItem& item) {
  SuiteItemResult out;
  out.name = item.name;
  out.kind = item.kind;
  out.expected = item.expect;
  if (item.kind == "pair" && (item.expect_ab || item.expect_ba)) {
    out.expected.clear();
    if (item.expect_ab) out.expected.insert(item.expect_ab->begin(), item.expect_ab->end());
    if (item.expect_ba) out.expected.insert(item.expect_ba->begin(), item.expect_ba->end());
  }
  return out;
}

void end_item(SuiteItemResult& out, Result<std::vector<report::CheckResult>> checks, const SuiteItem& item,
              std::chrono::steady_clock::time_point started) {
  if (!checks) {
    out.detail = "could not run: " + checks.error().message;
  } else {
    out.checks = std::move(checks.value());
    out.actual = error_codes(out.checks);
    const bool errored = std::any_of(out.checks.begin(), out.checks.end(),
                                     [](const report::CheckResult& c) { return c.verdict == report::Verdict::Error; });
    if (errored) out.detail += "a check could not run. ";
    if (out.actual != out.expected) out.detail += "expected " + text(out.expected) + ", got " + text(out.actual) + ". ";
    out.matched = out.detail.empty();
  }
  for (auto& c : out.checks) c.name = item.name + ": " + c.name;
  out.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}


}  // namespace

bool SuiteResult::passed() const {
  return std::all_of(items.begin(), items.end(), [](const SuiteItemResult& i) { return i.matched; });
}

bool waits_on_network(const SuiteItem& item) { return item.kind == "connect"; }

SuiteItemResult run_suite_item(const Suite& s, const SuiteItem& item) {
  const auto started = std::chrono::steady_clock::now();
  SuiteItemResult out = begin_item(item);
  end_item(out, run_item(s, item, out), item, started);
  return out;
}

asio::awaitable<SuiteItemResult> run_suite_item_async(const Suite& s, const SuiteItem& item) {
  const auto started = std::chrono::steady_clock::now();
  SuiteItemResult out = begin_item(item);
  auto check = connect_coroutine(connect_options(s, item));
  if (!check) {
    end_item(out, check.error(), item, started);
    co_return out;
  }
  report::CheckResult r = co_await std::move(check).value();
  end_item(out, std::vector<report::CheckResult>{std::move(r)}, item, started);
  co_return out;
}

}  // namespace sipmtls::app
