// SPDX-License-Identifier: MIT
// `sipmtls suite`: regression suites with expected outcomes.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "cli.hpp"
#include "sipmtls/app/suite.hpp"
#include "sipmtls/report/monitoring.hpp"

namespace sipmtls::cli {
namespace {

/// A suite as a Nagios check: OK when every item ended as expected, else CRITICAL naming the first.
ExitStatus emit_suite_nagios(const app::SuiteResult& result, const GlobalOptions& g) {
  std::size_t missed = 0;
  std::string first;
  for (const auto& item : result.items) {
    if (item.matched) continue;
    if (missed++ == 0) first = item.name + ": " + item.detail;
  }
  std::string line = missed == 0 ? "SIPMTLS OK - suite " + result.file + ": all " + std::to_string(result.items.size()) +
                                       " checks as expected"
                                 : "SIPMTLS CRITICAL - suite " + result.file + ": " + std::to_string(missed) + " of " +
                                       std::to_string(result.items.size()) + " checks not as expected; " + first;
  line = report::nagios_safe(line) + " | mismatched=" + std::to_string(missed) + ";;1;0 checks=" +
         std::to_string(result.items.size()) + ";;;0\n";
  const ExitStatus status = missed == 0 ? ExitStatus::Pass : static_cast<ExitStatus>(report::NagiosState::Critical);
  if (!g.output.empty()) {
    if (auto e = write_file_whole(g.output, line)) return fail(*e);
    return status;
  }
  std::cout << line;
  return status;
}

}  // namespace

ExitStatus run_suite_file(const std::string& file, int jobs, const std::string& junit, const GlobalOptions& g,
                          const SuiteText& text) {
  auto suite = app::load_suite(file);
  if (!suite) return fail(suite.error());
  suite->x509_strict = suite->x509_strict || g.x509_strict;
  // The file's `revocation` wins over the command line's default, an explicit --revocation over both.
  if (!suite->revocation || g.revocation_given) suite->revocation = g.revocation_settings().mode;
  suite->crl_cache = g.crl_cache;
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  // On a terminal: the item that ended, and what runs now (how many, and the longest running).
  auto progress = [tty](const app::SuiteProgress& p) {
    if (!tty) return;
    std::cerr << "\r\033[K[" << p.done << "/" << p.total << "] ";
    if (p.finished != nullptr) std::cerr << (p.finished->matched ? "ok " : "MISMATCH ") << p.finished->name;
    if (!p.running.empty()) {
      char secs[32];
      std::snprintf(secs, sizeof secs, "%.1f s", p.running.front().second);
      std::cerr << (p.finished != nullptr ? "  | " : "") << "running " << p.running.size() << ", longest "
                << p.running.front().first << " " << secs;
    }
    std::cerr << (p.done == p.total ? "\n" : "") << std::flush;
  };
  const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  app::SuiteLimits limits;
  limits.local_jobs = jobs > 0 ? jobs : cores;
  limits.network_jobs = jobs > 0 ? jobs : 64;
  limits.network_threads = cores;
  const auto result = app::run_suite(suite.value(), limits, progress);
  const auto verdict = result.passed() ? report::Verdict::Pass : report::Verdict::Fail;
  if (!junit.empty()) {
    if (auto e = write_file_whole(junit, app::render_suite_junit(result))) return fail(*e);
  }
  if (g.format == "json") return emit_text(app::render_suite_json(result), verdict, g);
  if (g.format == "junit") return emit_text(app::render_suite_junit(result), verdict, g);
  if (g.format == "nagios") return emit_suite_nagios(result, g);
  if (g.format == "markdown") {
    std::vector<report::CheckResult> checks;
    for (const auto& item : result.items) checks.insert(checks.end(), item.checks.begin(), item.checks.end());
    return emit_text(report::render_markdown(report::Report{SIPMTLS_VERSION, checks}), verdict, g);
  }
  return emit_text(text(result, use_colour(g)), verdict, g);
}

void setup_suite(CLI::App& app, const GlobalOptions& globals, Action& action) {
  struct State {
    std::string file, junit;
    int jobs = 0;
  };
  auto st = std::make_shared<State>();
  CLI::App* sub = app.add_subcommand("suite", "Run a regression suite (TOML): checks with expected outcomes, concurrently");
  sub->add_option("FILE", st->file, "Suite file")->required();
  sub->add_option("--jobs,-j", st->jobs, "Checks run at once: connect checks wait on the network as coroutines, at most N (default 64); "
                  "inspect, listen and pair checks on at most N threads (default: one per core)")->check(CLI::Range(1, 256));
  sub->add_option("--junit", st->junit, "Also write JUnit XML to FILE");
  sub->footer(
      "Examples:\n"
      "  sipmtls suite testcerts/suite.toml --junit results.xml\n"
      "  sipmtls --format json suite pre-deployment.toml -j 4\n\n"
      "Exit 0 only when every check ended as expected ([[check]] expect = \"pass\" or the finding codes).");
  sub->callback([st, &globals, &action] {
    action = [st, &globals] {
      return run_suite_file(st->file, st->jobs, st->junit, globals, [](const app::SuiteResult& r, bool colour) {
        return app::render_suite_text(r, colour);
      });
    };
  });

}

}  // namespace sipmtls::cli
