// SPDX-License-Identifier: MIT
// `sipmtls trust-store`: does an SBC's trust bundle hold the roots Microsoft's SIP proxies use?
#include <memory>

#include "cli.hpp"
#include "sipmtls/app/trust_store.hpp"

namespace sipmtls::cli {

void setup_trust_store(CLI::App& app, const GlobalOptions& globals, Action& action) {
  struct State {
    std::vector<std::string> paths;
    std::string profile = "teams";
  };
  auto st = std::make_shared<State>();
  CLI::App* sub = app.add_subcommand(
      "trust-store", "Check an SBC's trust bundle for the roots Teams Direct Routing's SIP proxies chain to");
  sub->add_option("BUNDLE", st->paths, "Trusted root CA files (PEM, DER, PKCS#7) or directories, as the SBC has them")
      ->required();
  sub->add_option("--profile", st->profile, "Whose roots: teams (Microsoft's Direct Routing SIP proxies)")
      ->check(CLI::IsMember({"lcs2003", "lcs2005", "ocs", "teams", "rfc5922"}))
      ->capture_default_str();
  sub->footer(
      "Examples:\n"
      "  sipmtls trust-store sbc-teams-context.pem\n"
      "  sipmtls trust-store /etc/ssl/certs --format json\n\n"
      "Exit 1 when a root the proxies use today is missing; a root on Microsoft's 2026 list is a warning.");
  sub->callback([st, &globals, &action] {
    action = [st, &globals]() -> ExitStatus {
      auto result = app::run_trust_store({st->paths, *rules::parse_profile(st->profile)});
      if (!result) return fail(result.error());
      return emit(report::Report{SIPMTLS_VERSION, {std::move(result.value())}}, globals);
    };
  });
}

}  // namespace sipmtls::cli
