// SPDX-License-Identifier: MIT
// The command line: global options and one setup function per subcommand.
#pragma once

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdlib>

#include <functional>
#include <optional>
#include <string>

#include "sipmtls/app/endpoint.hpp"
#include "sipmtls/app/suite.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"

namespace sipmtls::cli {

/// A finite number: CLI::Range alone lets "nan" through (every comparison with NaN is false).
inline const CLI::Validator kFinite(
    [](std::string& text) -> std::string {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (end == text.c_str() || *end != '\0' || !std::isfinite(v)) return "'" + text + "' is not a finite number";
      return {};
    },
    "FINITE");

/// Exit codes (docs/DESIGN.md): 0 pass, 1 a check failed, 2 usage or input error, 3 could not run.
enum class ExitStatus : int { Pass = 0, Fail = 1, Usage = 2, Internal = 3 };

struct GlobalOptions {
  std::string format = "text";
  std::string output;
  double timeout = 10.0;
  std::string tls = "auto";
  std::string keylog;
  int verbose = 0;
  bool x509_strict = false;  ///< --x509-strict: encoding flaws, weak keys, unusable CRLs are errors
  int warn_days = 30;        ///< --warn-days: CERT_EXPIRES_SOON within this many days; 0 = off
  std::string revocation = "soft";  ///< --revocation off|soft|hard
  bool revocation_given = false;    ///< --revocation was on the command line
  std::string crl_cache;            ///< --crl-cache DIR
  /// The two above as the app layer takes them.
  app::RevocationSettings revocation_settings() const {
    return {*cert::parse_revocation_mode(revocation), crl_cache};
  }
};

/// What the chosen subcommand will do once parsing succeeded.
using Action = std::function<ExitStatus()>;

void add_global_options(CLI::App& app, GlobalOptions& globals);
void setup_inspect(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_connect(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_listen(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_pair(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_suite(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_demo(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_codes(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_trust_store(CLI::App& app, const GlobalOptions& globals, Action& action);
void setup_request(CLI::App& app, const GlobalOptions& globals, Action& action);

/// Runs a suite file with progress on a terminal, writes --junit, and reports in the chosen format;
/// `text` renders the text format.
using SuiteText = std::function<std::string(const sipmtls::app::SuiteResult&, bool colour)>;
ExitStatus run_suite_file(const std::string& file, int jobs, const std::string& junit, const GlobalOptions& globals,
                          const SuiteText& text);

/// -v: the SIP messages of each check on stderr; -vv: also its TLS handshake events (verbose.cpp).
void print_verbose(const report::CheckResult& check, int level);
void print_verbose(const report::Report& report, int level);

/// Colour for text going to a terminal, unless --output is set or NO_COLOR is.
bool use_colour(const GlobalOptions& globals);

/// Renders the report in the chosen format to stdout or --output (written whole or not at all),
/// and returns the exit status its verdict means.
ExitStatus emit(const report::Report& report, const GlobalOptions& globals);
/// Writes already rendered text like emit() does, and returns the exit status of the verdict.
ExitStatus emit_text(const std::string& text, report::Verdict verdict, const GlobalOptions& globals);
/// A report handed over in pieces: calls the sink with each; false when the report could not
/// be assembled (or the sink refused a piece).
using Content = std::function<bool(const std::function<bool(std::string_view)>& sink)>;
/// The text as Content (the text must outlive it).
Content content_of(const std::string& text);
/// Writes content like emit_text() does: to stdout or --output, whole or not at all.
ExitStatus emit_content(const Content& content, report::Verdict verdict, const GlobalOptions& globals);
/// Writes a file whole or not at all; the error names the file.
std::optional<Error> write_file_whole(const std::string& path, const std::string& text);
std::optional<Error> write_file_whole(const std::string& path, const Content& content);
/// Prints "sipmtls: error: ..." and returns 2 for input errors, 3 for internal ones.
ExitStatus fail(const Error& error);
/// The message of the last fail(), for a Nagios UNKNOWN line.
std::string& last_failure();

}  // namespace sipmtls::cli
