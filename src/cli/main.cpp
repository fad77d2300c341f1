// SPDX-License-Identifier: MIT
// sipmtls: tests mutual TLS between SIP servers the way Microsoft LCS/OCS/Lync/SfB would judge it.
#include <sys/prctl.h>

#include <iostream>

#include "cli.hpp"
#include "sipmtls/report/monitoring.hpp"
#include "suggest.hpp"

int main(int argc, char** argv) {
  using namespace sipmtls::cli;
  // The process holds private keys and passwords: no core dump, no ptrace by other processes of
  // the same user, /proc/PID/mem and environ readable by root only.
  ::prctl(PR_SET_DUMPABLE, 0);
  CLI::App app{"sipmtls: mutual-TLS tester for SIP servers, judging certificates as LCS/OCS/Lync/SfB, "
               "Teams Direct Routing or RFC 5922 would"};
  app.set_version_flag("--version", SIPMTLS_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  sipmtls inspect server.pfx --password-env PFX_PASS --fqdn sip.contoso.com --ca root.pem\n"
      "  sipmtls inspect pool.pem --key pool.key --pool pool.contoso.com --fqdn fe1.contoso.com --ca root.pem\n"
      "  sipmtls --format json inspect sbc.pem --profile teams --fqdn sbc.contoso.com --ca roots/\n"
      "  sipmtls connect sip-b.contoso.com --cert sip-a.pfx --password-env PFX_PASS --ca root.pem\n"
      "  sipmtls listen 5061 --cert sip-b.pem --key sip-b.key --ca root.pem --fqdn sip-a.contoso.com\n\n"
      "Exit codes: 0 every check passed (warnings allowed), 1 a check failed, 2 usage or input error,\n"
      "3 a check could not run.");
  GlobalOptions globals;
  Action action;
  add_global_options(app, globals);
  setup_inspect(app, globals, action);
  setup_connect(app, globals, action);
  setup_listen(app, globals, action);
  setup_pair(app, globals, action);
  setup_suite(app, globals, action);
  setup_demo(app, globals, action);
  setup_codes(app, globals, action);
  setup_trust_store(app, globals, action);
  setup_request(app, globals, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0) {
      if (auto hint = suggestion(app, argc, argv)) {
        std::cerr << "sipmtls: error: " << *hint << "\nRun with --help for more information.\n";
        return static_cast<int>(ExitStatus::Usage);
      }
    }
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ExitStatus::Usage);
  }
  const ExitStatus status = action ? action() : ExitStatus::Usage;
  if (globals.format == "nagios" && !last_failure().empty()) {
    // A Nagios plugin that could not check says UNKNOWN (3) on stdout, whatever the reason.
    std::cout << "SIPMTLS UNKNOWN - " << sipmtls::report::nagios_safe(last_failure()) << '\n';
    return static_cast<int>(ExitStatus::Internal);
  }
  return static_cast<int>(status);
}
