// SPDX-License-Identifier: MIT
// `sipmtls suite` and `sipmtls demo`: regression suites with expected outcomes.
#include <limits.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "cli.hpp"
#include "sipmtls/app/suite.hpp"

namespace sipmtls::cli {
namespace {

ExitStatus run_suite_file(const std::string& file, int jobs, const std::string& junit, bool demo,
                          const GlobalOptions& g) {
  auto suite = app::load_suite(file);
  if (!suite) return fail(suite.error());
  suite->x509_strict = suite->x509_strict || g.x509_strict;
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  auto progress = [tty](std::size_t done, std::size_t total, const app::SuiteItemResult& r) {
    if (!tty) return;
    std::cerr << "\r\033[K[" << done << "/" << total << "] " << (r.matched ? "ok " : "MISMATCH ") << r.name
              << (done == total ? "\n" : "") << std::flush;
  };
  const auto result = app::run_suite(suite.value(), jobs > 0 ? jobs : static_cast<int>(std::thread::hardware_concurrency()),
                                     progress);
  const auto verdict = result.passed() ? report::Verdict::Pass : report::Verdict::Fail;
  if (!junit.empty()) {
    if (auto e = write_file_whole(junit, app::render_suite_junit(result))) return fail(*e);
  }
  if (g.format == "json") return emit_text(app::render_suite_json(result), verdict, g);
  if (g.format == "junit") return emit_text(app::render_suite_junit(result), verdict, g);
  return emit_text(app::render_suite_text(result, use_colour(g), demo), verdict, g);
}

/// testcerts/ next to the working directory, else next to the source tree the binary was built in.
std::string find_testcerts() {
  if (std::filesystem::exists("testcerts/demo.toml")) return "testcerts";
  char exe[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    for (auto dir = std::filesystem::path(exe).parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      if (std::filesystem::exists(dir / "testcerts/demo.toml")) return (dir / "testcerts").string();
    }
  }
  return "testcerts";
}

}  // namespace

void setup_suite(CLI::App& app, const GlobalOptions& globals, Action& action) {
  struct State {
    std::string file, junit, testcerts;
    int jobs = 0;
  };
  auto st = std::make_shared<State>();
  CLI::App* sub = app.add_subcommand("suite", "Run a regression suite (TOML): checks with expected outcomes, concurrently");
  sub->add_option("FILE", st->file, "Suite file")->required();
  sub->add_option("--jobs,-j", st->jobs, "Checks run at once (default: one per core)")->check(CLI::Range(1, 256));
  sub->add_option("--junit", st->junit, "Also write JUnit XML to FILE");
  sub->footer(
      "Examples:\n"
      "  sipmtls suite testcerts/suite.toml --junit results.xml\n"
      "  sipmtls --format json suite pre-deployment.toml -j 4\n\n"
      "Exit 0 only when every check ended as expected ([[check]] expect = \"pass\" or the finding codes).");
  sub->callback([st, &globals, &action] {
    action = [st, &globals] { return run_suite_file(st->file, st->jobs, st->junit, false, globals); };
  });

  CLI::App* demo = app.add_subcommand(
      "demo", "Show every kind of failure on the bundled test certificates: pairs run both ways, with LCS's errors");
  demo->add_option("--testcerts", st->testcerts, "The testcerts directory (default: found next to the binary)");
  demo->footer("Runs testcerts/demo.toml: the good pair passes, each broken one shows its code, Windows error and fix.");
  demo->callback([st, &globals, &action] {
    action = [st, &globals] {
      const std::string dir = st->testcerts.empty() ? find_testcerts() : st->testcerts;
      return run_suite_file(dir + "/demo.toml", 0, "", true, globals);
    };
  });
}

}  // namespace sipmtls::cli
