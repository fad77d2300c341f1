// SPDX-License-Identifier: MIT
// `sipmtls pair`: two server identities, both directions over loopback.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "sipmtls/app/pair.hpp"

namespace sipmtls::cli {
namespace {

struct SideFlags {
  std::string cert, key, password_env, fqdn, pool, profile = "ocs";
  std::vector<std::string> ca, chain, crl;
};

void add_side(CLI::App* sub, SideFlags& s, const std::string& x) {
  sub->add_option("--" + x + "-cert", s.cert, "Server " + x + ": certificate file (PEM, DER, PFX)");
  sub->add_option("--" + x + "-key", s.key, "Server " + x + ": private key, unless in the certificate file");
  sub->add_option("--" + x + "-password-env", s.password_env, "Server " + x + ": variable holding the password");
  sub->add_option("--" + x + "-fqdn", s.fqdn, "Server " + x + ": its FQDN");
  sub->add_option("--" + x + "-pool", s.pool, "Server " + x + ": its pool FQDN, if in a pool");
  sub->add_option("--" + x + "-ca", s.ca, "Server " + x + ": trusted root CA file or directory; repeatable");
  sub->add_option("--" + x + "-chain", s.chain, "Server " + x + ": intermediates to send; repeatable");
  sub->add_option("--" + x + "-crl", s.crl, "Server " + x + ": CRL files; repeatable");
  sub->add_option("--" + x + "-profile", s.profile, "Server " + x + ": the rules it applies to peers")
      ->check(CLI::IsMember({"lcs2003", "lcs2005", "ocs", "teams", "rfc5922"}));
}

Result<app::ServerIdentity> from_flags(const SideFlags& s, const std::string& x) {
  if (s.cert.empty() || s.fqdn.empty() || s.ca.empty()) {
    return input_error("pair: server " + x + " needs --" + x + "-cert, --" + x + "-fqdn and --" + x +
                       "-ca (or give identity files)");
  }
  app::ServerIdentity id;
  id.fqdn = s.fqdn;
  id.pool_fqdn = s.pool;
  id.source = {s.cert, s.key, {s.password_env, true, ""}, s.chain, s.ca, s.crl};
  id.profile = *rules::parse_profile(s.profile);
  return id;
}

}  // namespace

void setup_pair(CLI::App& app, const GlobalOptions& globals, Action& action) {
  struct State {
    std::string file_a, file_b;
    SideFlags a, b;
    std::string at;
  };
  auto st = std::make_shared<State>();
  CLI::App* sub = app.add_subcommand(
      "pair", "Pre-deployment check of two servers: A dials B and B dials A over loopback, each judged as LCS would");
  sub->add_option("A", st->file_a, "Identity file (TOML) of server A")->type_name("A.toml");
  sub->add_option("B", st->file_b, "Identity file (TOML) of server B")->type_name("B.toml");
  add_side(sub, st->a, "a");
  add_side(sub, st->b, "b");
  sub->add_option("--at", st->at, "Validate certificates at this UTC time instead of now");
  sub->footer(
      "Examples:\n"
      "  sipmtls pair sip-a.toml sip-b.toml\n"
      "  sipmtls pair --a-cert a.pfx --a-password-env A_PASS --a-fqdn sip-a.contoso.com --a-ca root.pem \\\n"
      "               --b-cert b.pem --b-key b.key --b-fqdn sip-b.contoso.com --b-ca root.pem\n\n"
      "Identity file keys: fqdn, pool, cert, key, password_env, chain, trust, crl, profile\n"
      "(paths relative to the file). See testcerts/identities/ for examples.");
  sub->callback([st, &globals, &action] {
    action = [st, &globals]() -> ExitStatus {
      app::PairOptions o;
      if (!st->file_b.empty()) {
        auto a = app::load_identity_file(st->file_a);
        if (!a) return fail(a.error());
        auto b = app::load_identity_file(st->file_b);
        if (!b) return fail(b.error());
        o.a = std::move(a.value());
        o.b = std::move(b.value());
      } else if (st->file_a.empty()) {
        auto a = from_flags(st->a, "a");
        if (!a) return fail(a.error());
        auto b = from_flags(st->b, "b");
        if (!b) return fail(b.error());
        o.a = std::move(a.value());
        o.b = std::move(b.value());
      } else {
        return fail(input_error("pair: give two identity files, or the --a-* and --b-* options"));
      }
      if (!st->at.empty()) {
        o.at = cert::parse_time(st->at);
        if (!o.at) return fail(input_error("--at " + st->at + ": not a time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"));
      }
      o.tls = globals.tls;
      o.timeout_s = globals.timeout;
      o.keylog = globals.keylog;
      o.x509_strict = globals.x509_strict;
      o.warn_days = globals.warn_days;
      o.revocation = globals.revocation_settings();
      auto result = app::run_pair(o);
      if (!result) return fail(result.error());
      report::Report report{SIPMTLS_VERSION, result->checks()};
      if (globals.format == "text") {
        print_verbose(report, globals.verbose);
        return emit_text(app::render_pair_text(result.value(), use_colour(globals)), report.verdict(), globals);
      }
      return emit(report, globals);
    };
  });
}

}  // namespace sipmtls::cli
