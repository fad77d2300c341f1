// SPDX-License-Identifier: MIT
// suite: a regression suite of checks with expected outcomes, run concurrently.
//
//   at = "2026-06-01"        # optional: validation time for every check
//   timeout = 5              # optional: seconds per network step
//   tls = "auto"             # optional: 1.2, 1.3 or auto
//
//   [[check]]
//   name = "A and B work both ways"
//   kind = "pair"            # inspect | connect | listen | pair
//   a = "identities/a.toml"  # pair: the two identity files (paths relative to the suite)
//   b = "identities/b.toml"
//   expect = "pass"          # or the error codes expected: ["EKU_MISSING_CLIENT_AUTH"]
//   expect_ab = []           # pair only, optional: the codes of direction A -> B alone
//   expect_ba = []           #   and of B -> A
//
// inspect: identity = FILE. connect: identity, target = "host[:port]" or "sip:DOMAIN" (with
// dns_server = "ADDR[:PORT]" optionally), fqdn = [...], pool = "...".
// listen: identity, bind = "[addr:]port", fqdn = [...], pool = "...", count = N, duration = S.
// (`names` and `expect_names` are read as the older spellings of connect's and listen's fqdn.)
// The full reference with examples: docs/SUITE-FORMAT.md.
// Every kind also takes strict = true|false, x509_strict = true|false, tls and
// revocation = "off" | "soft" | "hard" (also at the top, for every item; else --revocation).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sipmtls/app/identity_file.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::app {

using CodeSet = std::set<std::string>;

struct SuiteItem {
  std::string name, kind;
  CodeSet expect;  ///< empty: pass
  std::optional<CodeSet> expect_ab, expect_ba;
  ServerIdentity identity, a, b;
  std::string target, bind;
  std::string dns_server;  ///< connect to "sip:DOMAIN": the DNS server ADDR[:PORT] (default: the system's)
  std::vector<std::string> names, expect_names;
  int count = 1;
  double duration_s = 30;
  bool strict = false;
  bool x509_strict = false;
  std::string tls;  ///< empty: the suite's
  std::optional<cert::RevocationMode> revocation;  ///< none: the suite's
};

struct Suite {
  std::string file;
  std::optional<cert::UnixTime> at;
  double timeout_s = 10;
  std::string tls = "auto";
  bool x509_strict = false;  ///< every item; --x509-strict sets it too
  /// Every item's, unless an item has its own: the file's `revocation`, else --revocation.
  std::optional<cert::RevocationMode> revocation;
  std::string crl_cache;  ///< --crl-cache
  std::vector<SuiteItem> items;
};

/// Reads a suite and every identity file it names; errors are "FILE:LINE: what".
Result<Suite> load_suite(const std::string& path);

struct SuiteItemResult {
  std::string name, kind;
  CodeSet expected, actual;  ///< error codes over all of the item's checks
  bool matched = false;
  std::string detail;  ///< why it did not match, or why it could not run
  std::vector<report::CheckResult> checks;
  double duration_ms = 0;
};

struct SuiteResult {
  std::string file;
  std::vector<SuiteItemResult> items;  ///< in suite order
  bool passed() const;
};

/// How many items run at once (docs/PERFORMANCE.md "suite").
struct SuiteLimits {
  /// Items that work on this machine (inspect, listen, pair): one thread each, at most this many.
  int local_jobs = 1;
  /// Items that wait on the network (connect): coroutines on one io_context, at most this many
  /// at once, whatever the number of threads.
  int network_jobs = 64;
  /// Threads serving the network items' io_context (the crypto): one per core.
  int network_threads = 1;
};

/// Where a running suite stands: passed to the progress callback as each item ends (`finished`
/// set) and once a second in between (`finished` null).
struct SuiteProgress {
  std::size_t done = 0, total = 0;
  const SuiteItemResult* finished = nullptr;
  /// The items running now with their seconds so far, longest first.
  std::vector<std::pair<std::string, double>> running = {};
};

/// Runs the items; `progress` is called serialised, never after run_suite returns.
SuiteResult run_suite(const Suite& suite, const SuiteLimits& limits,
                      const std::function<void(const SuiteProgress&)>& progress);

/// One line per item; details for mismatches, or (show_failures, for the demo) for every
/// failing check, expected or not.
std::string render_suite_text(const SuiteResult& result, bool colour, bool show_failures = false);
std::string render_suite_json(const SuiteResult& result);
std::string render_suite_junit(const SuiteResult& result);

}  // namespace sipmtls::app
