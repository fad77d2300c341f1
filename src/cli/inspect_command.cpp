// SPDX-License-Identifier: MIT
// `sipmtls inspect`: the offline check of one certificate file.
#include <memory>

#include "cli.hpp"
#include "endpoint_options.hpp"
#include "sipmtls/app/inspect.hpp"

namespace sipmtls::cli {

void setup_inspect(CLI::App& app, const GlobalOptions& globals, Action& action) {
  auto opts = std::make_shared<app::InspectOptions>();
  auto profile = std::make_shared<std::string>("ocs");
  auto at = std::make_shared<std::string>();
  auto names = std::make_shared<NameArgs>();
  CLI::App* sub = app.add_subcommand(
      "inspect", "Offline: load a certificate (PEM, DER, PFX) or a request (PKCS#10, INF), check its EKUs, names, key and chain");
  sub->add_option("CERT", opts->cert_path, "Certificate file: PEM (leaf first, then its chain), DER or PKCS#12/PFX; or a request: PKCS#10 (PEM/DER) or certreq INF")
      ->required();
  sub->add_option("--key", opts->key_path, "Private key file (PEM/DER, PKCS#1/#8, encrypted PKCS#8)");
  sub->add_option("--password-env", opts->password.env_var,
                  "Name of the environment variable holding the PFX/key password (else a prompt on a tty)");
  add_name_options(sub, *names, "FQDN the certificate must answer for; repeatable", "");
  sub->add_option("--ca", opts->ca, "Trusted root CA certificate file or directory; repeatable");
  sub->add_option("--chain", opts->chain, "Extra intermediate CA certificates, any order; repeatable");
  sub->add_option("--crl", opts->crl, "CRL file (PEM or DER) to check revocation against; repeatable");
  sub->add_option("--profile", *profile, "Rules to apply: lcs2003, lcs2005, ocs (OCS/Lync/SfB), teams, rfc5922")
      ->check(CLI::IsMember({"lcs2003", "lcs2005", "ocs", "teams", "rfc5922"}))
      ->capture_default_str();
  sub->add_option("--request", opts->request_path,
                  "The request (PKCS#10 or certreq INF) this certificate answers: did the CA keep its key, names, EKUs?");
  sub->add_option("--at", *at, "Validate at this UTC time instead of now: YYYY-MM-DD[THH:MM:SSZ]");
  sub->footer(
      "Examples:\n"
      "  sipmtls inspect sip-a.pfx --password-env PFX_PASS --fqdn sip-a.contoso.com --ca root.pem\n"
      "  sipmtls inspect pool.pem --key pool.key --pool pool.contoso.com --fqdn fe1.contoso.com \\\n"
      "      --ca root.pem --crl issuing.crl --profile lcs2005\n"
      "  sipmtls inspect pool.csr --pool pool.contoso.com --fqdn fe1.contoso.com   # a request, before the CA sees it\n"
      "  sipmtls inspect issued.cer --request pool.csr --pool pool.contoso.com --ca root.pem   # what the CA dropped\n"
      "  sipmtls --x509-strict inspect sbc.pem --fqdn sbc.contoso.com --ca root.pem   # as OpenSSL/Go/browsers judge it");
  sub->callback([opts, profile, at, names, &globals, &action] {
    action = [opts, profile, at, names, &globals]() -> ExitStatus {
      opts->names = names->dialled();
      opts->profile = *rules::parse_profile(*profile);
      opts->x509_strict = globals.x509_strict;
      opts->warn_days = globals.warn_days;
      opts->revocation = globals.revocation_settings();
      opts->timeout_s = globals.timeout;
      if (!at->empty()) {
        auto t = cert::parse_time(*at);
        if (!t) return fail(input_error("--at " + *at + ": not a time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"));
        opts->at = *t;
      }
      auto result = app::run_inspect(*opts);
      if (!result) return fail(result.error());
      report::Report report{SIPMTLS_VERSION, {std::move(result.value())}};
      return emit(report, globals);
    };
  });
}

}  // namespace sipmtls::cli
