// SPDX-License-Identifier: MIT
// `sipmtls listen`: the TLS server side; reports every client connection as it ends.
#include <array>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "endpoint_options.hpp"
#include "sipmtls/app/listen.hpp"
#include "sipmtls/report/spool.hpp"

namespace sipmtls::cli {

void setup_listen(CLI::App& app, const GlobalOptions& globals, Action& action) {
  struct State {
    app::ListenOptions options;
    EndpointArgs args{&options, "ocs", ""};
    NameArgs names;
  };
  auto st = std::make_shared<State>();
  CLI::App* sub = app.add_subcommand(
      "listen", "TLS server: require a client certificate, verify each client as LCS would, answer OPTIONS");
  sub->add_option("BIND", st->options.bind, "[ADDR:]PORT to listen on (default 0.0.0.0:5061)")
      ->capture_default_str();
  add_name_options(sub, st->names, "FQDN a client must answer for; repeat to allow several peers", "--expect-name");
  sub->add_option("--count", st->options.count, "Stop after N connections")->check(CLI::PositiveNumber);
  sub->add_option("--threads", st->options.threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  add_endpoint_options(sub, st->args);
  sub->footer(
      "Examples:\n"
      "  sipmtls listen 5061 --cert sip-b.pfx --password-env PFX_PASS --ca root.pem --fqdn sip-a.contoso.com\n"
      "  sipmtls --timeout 60 listen 127.0.0.1:5061 --cert b.pem --key b.key --ca roots/ --count 1 --strict\n\n"
      "Runs until Ctrl-C, --count connections, or, when --timeout is given, that many seconds; each\n"
      "network step of a connection is also bounded by --timeout (default 10 s).");
  sub->callback([st, sub, &globals, &action] {
    const bool timeout_given = sub->get_parent()->get_option("--timeout")->count() > 0;
    action = [st, timeout_given, &globals]() -> ExitStatus {
      if (auto e = finish_endpoint_options(st->args, globals)) return fail(*e);
      if (timeout_given) st->options.duration_s = globals.timeout;
      st->options.expect_names = st->names.accepted();
      const bool stream = globals.format == "text" && globals.output.empty();
      const bool colour = stream && use_colour(globals);
      app::ListenEvents events;
      const std::string bind = st->options.bind;
      events.ready = [bind](std::uint16_t port) {
        // Say where: "127.0.0.1" is not reachable from the peer, "0.0.0.0" is every address.
        const auto colon = bind.rfind(':');
        const std::string address = colon == std::string::npos ? "every address" : bind.substr(0, colon);
        std::cerr << "sipmtls: listening on port " << port << " of " << address << " (Ctrl-C ends with a summary)\n";
      };
      // Text is streamed: each connection is printed as it ends and only counted afterwards.
      auto counts = std::make_shared<std::array<long, 4>>();  // pass, fail, error; [3]: nobody came
      if (stream) {
        st->options.keep_results = false;
        events.finished = [colour, counts, &globals](const report::CheckResult& c) {
          print_verbose(c, globals.verbose);
          const bool connection = c.peer && !c.peer->address.empty();
          ++(*counts)[connection ? static_cast<std::size_t>(c.verdict) : 3];
          std::cout << report::render_check_text(c, colour) << '\n' << std::flush;
        };
      }
      if (globals.format == "nagios" || globals.format == "markdown") {
        // One status line or one document about a bounded run (--count, --timeout): kept in memory.
        auto result = app::run_listen(st->options, events);
        if (!result) return fail(result.error());
        return emit(report::Report{SIPMTLS_VERSION, std::move(result.value())}, globals);
      }
      // Otherwise each connection's report goes to a spool on disk as it ends: a listener may run
      // for days, and its memory must not grow with every connection it has seen.
      std::shared_ptr<report::SpooledReport> spool;
      if (!stream) {
        spool = std::make_shared<report::SpooledReport>(globals.format, SIPMTLS_VERSION);
        if (!spool->error().empty()) return fail(input_error(spool->error()));
        st->options.keep_results = false;
        events.finished = [spool, &globals](const report::CheckResult& c) {
          print_verbose(c, globals.verbose);
          spool->add(c);
        };
      }
      auto result = app::run_listen(st->options, events);
      if (!result) return fail(result.error());
      if (stream) {
        const auto& [pass, failed, errors, nobody] = *counts;
        const long total = pass + failed + errors;
        std::cout << total << (total == 1 ? " connection: " : " connections: ") << pass << " passed, " << failed
                  << " failed";
        if (errors != 0) std::cout << ", " << errors << " could not run";
        std::cout << (nobody != 0 ? " (no client reached the listener)" : "") << '\n';
        return errors != 0                   ? ExitStatus::Internal
               : failed != 0 || nobody != 0 ? ExitStatus::Fail
                                            : ExitStatus::Pass;
      }
      if (!spool->error().empty()) return fail(internal_error(spool->error()));
      return emit_content([&spool](const auto& sink) { return spool->write(sink); }, spool->verdict(), globals);
    };
  });
}

}  // namespace sipmtls::cli
