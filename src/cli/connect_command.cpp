// SPDX-License-Identifier: MIT
// `sipmtls connect`: the TLS client side of a server-to-server MTLS connection.
#include <memory>

#include "cli.hpp"
#include "endpoint_options.hpp"
#include "sipmtls/app/connect.hpp"

namespace sipmtls::cli {

void setup_connect(CLI::App& app, const GlobalOptions& globals, Action& action) {
  struct State {
    app::ConnectOptions options;
    EndpointArgs args{&options, "ocs", ""};
    NameArgs names;
    bool no_options = false;
  };
  auto st = std::make_shared<State>();
  CLI::App* sub = app.add_subcommand(
      "connect", "TLS client: mutual handshake with a SIP server, verify it as LCS would, then SIP OPTIONS");
  sub->add_option("TARGET", st->options.target,
                  "HOST[:PORT] of the peer (port 5061 by default), or sip:DOMAIN to find the SIP domain's server in DNS "
                  "as the profile's product does");
  sub->add_option("--domain", st->options.domain,
                  "SIP domain whose server to find in DNS (_sipfederationtls._tcp for the Microsoft profiles; NAPTR, "
                  "_sips._tcp, _sip._tls for rfc5922), instead of TARGET");
  sub->add_option("--dns-server", st->options.dns_server, "DNS server ADDR[:PORT] for discovery (default: the system's)");
  sub->add_option("--local-fqdn", st->options.local_fqdn,
                  "Our FQDN in the OPTIONS Via and Contact, as an Edge or SBC sends it (default: our certificate's first "
                  "DNS SAN, else its CN; sip.DOMAIN under a wildcard); Teams Direct Routing finds the SBC by it");
  sub->add_option("--sip-domain", st->options.sip_domain, "Our SIP domain in the OPTIONS From (default: --local-fqdn)");
  add_name_options(sub, st->names, "FQDN the server must answer for (default HOST); repeatable", "--name");
  sub->add_option("--sni", st->options.sni, "Server name to send (default: the pool, else the first --fqdn, unless an IP address)");
  sub->add_flag("--no-sni", st->options.no_sni, "Send no server name");
  add_endpoint_options(sub, st->args);
  sub->add_flag("--no-options", st->no_options, "Only the handshake: no SIP OPTIONS round trip");
  sub->footer(
      "Examples:\n"
      "  sipmtls connect sip-b.contoso.com --cert sip-a.pfx --password-env PFX_PASS --ca root.pem\n"
      "  sipmtls connect 10.0.0.12:5061 --pool pool.contoso.com --fqdn fe1.contoso.com --cert a.pem --key a.key \\\n"
      "      --ca root.pem --profile lcs2005\n"
      "  sipmtls --tls 1.2 --keylog keys.log connect sbc.contoso.com --cert a.pem --key a.key --ca roots/ --strict\n"
      "  sipmtls connect sip:fabrikam.com --cert edge.pfx --password-env PFX_PASS --ca roots/   # via _sipfederationtls._tcp\n\n"
      "The server's certificate is judged for --pool and --fqdn under --profile; a server that rejects ours is\n"
      "diagnosed from its alert (e.g. unknown_ca: it does not trust our root).");
  sub->callback([st, &globals, &action] {
    action = [st, &globals]() -> ExitStatus {
      if (auto e = finish_endpoint_options(st->args, globals)) return fail(*e);
      if (st->options.target.empty() == st->options.domain.empty()) {
        return fail(input_error("connect: give TARGET (HOST[:PORT] or sip:DOMAIN) or --domain, not both"));
      }
      st->options.sip_options = !st->no_options;
      st->options.names = st->names.dialled();
      auto result = app::run_connect(st->options);
      if (!result) return fail(result.error());
      report::Report report{SIPMTLS_VERSION, {std::move(result.value())}};
      return emit(report, globals);
    };
  });
}

}  // namespace sipmtls::cli
