// SPDX-License-Identifier: MIT
// `sipmtls demo`: the bundled testcerts' server pairs, both ways, on one screen.
#include <limits.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "cli.hpp"
#include "sipmtls/app/demo.hpp"

namespace sipmtls::cli {
namespace {

/// Where testcerts may be: the working directory, next to the binary (a build tree, up to the
/// source tree), and the installed data directory (relative to the binary, then the configured one).
std::vector<std::string> testcerts_candidates() {
  std::vector<std::string> out = {"testcerts"};
  char exe[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    const auto bin = std::filesystem::path(exe).parent_path();
    out.push_back((bin.parent_path() / "share/sipmtls/testcerts").string());
    for (auto dir = bin; !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      out.push_back((dir / "testcerts").string());
    }
  }
  out.emplace_back(SIPMTLS_DATA_DIR "/testcerts");
  return out;
}

}  // namespace

void setup_demo(CLI::App& app, const GlobalOptions& globals, Action& action) {
  struct State {
    std::string testcerts;
    bool details = false;
  };
  auto st = std::make_shared<State>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Show every kind of failure on the bundled test certificates: pairs run both ways, with LCS's errors");
  demo->add_option("--testcerts", st->testcerts,
                   "The testcerts directory (default: ./testcerts, next to the binary, or where it is installed)");
  demo->add_flag("--details", st->details, "Print every failing side's full report instead of the one-screen summary");
  demo->footer(
      "Examples:\n"
      "  sipmtls demo\n"
      "  sipmtls demo --details\n"
      "  sipmtls --format json demo > demo.json\n\n"
      "Runs testcerts/demo.toml: the good pair passes, each broken one shows its code, Windows error and fix.\n"
      "Exit 0 when every case ended as expected.");
  demo->callback([st, &globals, &action] {
    action = [st, &globals]() -> ExitStatus {
      std::string dir = st->testcerts;
      if (dir.empty()) {
        const auto candidates = testcerts_candidates();
        const auto found = app::find_testcerts(candidates);
        if (!found) {
          return fail(input_error("demo: the bundled testcerts (demo.toml) are not in ./testcerts, next to the "
                                  "binary, or in " SIPMTLS_DATA_DIR "/testcerts; pass --testcerts DIR"));
        }
        dir = *found;
      }
      app::use_corpus_password(dir);
      const bool details = st->details;
      return run_suite_file(dir + "/demo.toml", 0, "", globals, [details](const app::SuiteResult& r, bool colour) {
        return details ? app::render_suite_text(r, colour, true) : app::render_demo_text(r, colour);
      });
    };
  });
}

}  // namespace sipmtls::cli
