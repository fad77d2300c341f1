// SPDX-License-Identifier: MIT
// `sipmtls codes`: every finding code with its meaning, Windows error and the profiles raising it.
#include <memory>

#include "cli.hpp"
#include "sipmtls/report/codes.hpp"
#include "suggest.hpp"

namespace sipmtls::cli {

void setup_codes(CLI::App& app, const GlobalOptions& globals, Action& action) {
  auto code = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand(
      "codes", "List the finding codes: meaning, Windows error, LCS event and the profiles that raise each");
  sub->add_option("CODE", *code, "Show only this code, e.g. NAME_MISMATCH");
  sub->footer(
      "Examples:\n"
      "  sipmtls codes\n"
      "  sipmtls codes EKU_MISSING_CLIENT_AUTH\n"
      "  sipmtls --format json codes            # for scripts and CI dashboards");
  sub->callback([code, &globals, &action] {
    action = [code, &globals]() -> ExitStatus {
      std::optional<FindingCode> only;
      if (!code->empty()) {
        only = finding_code_from_name(*code);
        if (!only) {
          std::vector<std::string> names;
          for (FindingCode c : all_finding_codes()) names.emplace_back(finding_code_name(c));
          std::string msg = "codes " + *code + ": no such finding code";
          if (auto near = closest(*code, names)) msg += "; did you mean " + *near + "?";
          return fail(input_error(msg));
        }
      }
      if (globals.format != "text" && globals.format != "json") {
        return fail(input_error("codes: --format " + globals.format + " reports checks, and codes runs none; use text or json"));
      }
      const std::string text =
          globals.format == "json" ? report::render_codes_json(only) : report::render_codes_text(only);
      return emit_text(text, report::Verdict::Pass, globals);
    };
  });
}

}  // namespace sipmtls::cli
