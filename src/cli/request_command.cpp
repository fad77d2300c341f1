// SPDX-License-Identifier: MIT
// `sipmtls request`: the key and certificate request a profile's rules accept, for any CA.
#include <map>
#include <memory>

#include "cli.hpp"
#include "sipmtls/app/request.hpp"

namespace sipmtls::cli {

void setup_request(CLI::App& app, const GlobalOptions& globals, Action& action) {
  auto opts = std::make_shared<app::RequestOptions>();
  auto profile = std::make_shared<std::string>("ocs");
  auto key = std::make_shared<std::string>("rsa2048");
  CLI::App* sub = app.add_subcommand(
      "request", "Write a key and a certificate request (PKCS#10, certreq INF, OpenSSL config) the profile accepts");
  sub->add_option("--fqdn", opts->fqdns, "The server's FQDN; repeatable (each pool member)");
  sub->add_option("--pool", opts->pool, "The pool FQDN: subject CN and first SAN entry");
  sub->add_option("--sip-domain", opts->sip_domains,
                  "A SIP domain: sip.<domain> in the SAN (lcs2005, ocs), a sip: URI (rfc5922); repeatable");
  sub->add_option("--profile", *profile, "Rules the certificate must pass: lcs2003, lcs2005, ocs, teams, rfc5922")
      ->check(CLI::IsMember({"lcs2003", "lcs2005", "ocs", "teams", "rfc5922"}))
      ->capture_default_str();
  sub->add_option("--key", *key, "Key: rsa2048, rsa3072, rsa4096, p256, p384")
      ->check(CLI::IsMember({"rsa2048", "rsa3072", "rsa4096", "p256", "p384"}))
      ->capture_default_str();
  sub->add_option("--out", opts->out_dir, "Directory for the files (made if missing)")->capture_default_str();
  sub->add_option("--password-env", opts->password_env,
                  "Variable holding a password: the key is written as encrypted PKCS#8 (else unencrypted, mode 0600)");
  sub->add_flag("--exportable", opts->exportable,
                "INF: Exportable = TRUE (to copy the certificate to other pool members or an Edge pool)");
  sub->add_option("--template", opts->template_name, "INF: the Enterprise CA's certificate template name");
  sub->add_flag("--force", opts->force, "Replace the files of an earlier run");
  sub->footer(
      "Writes NAME.key, NAME.csr, NAME.inf, NAME.openssl.cnf and README.txt (NAME: the subject CN).\n"
      "Examples:\n"
      "  sipmtls request --pool pool.contoso.com --fqdn fe1.contoso.com --fqdn fe2.contoso.com \\\n"
      "      --sip-domain contoso.com --profile ocs --exportable --template LyncMTLS --out req/\n"
      "  sipmtls request --fqdn sbc.contoso.com --profile teams --key p256 --password-env KEY_PASS\n"
      "  sipmtls inspect req/pool.contoso.com.csr --pool pool.contoso.com --fqdn fe1.contoso.com   # judge a request\n"
      "  sipmtls inspect issued.cer --request req/pool.contoso.com.csr --pool pool.contoso.com --ca root.pem");
  sub->callback([opts, profile, key, &globals, &action] {
    action = [opts, profile, key, &globals]() -> ExitStatus {
      static const std::map<std::string, cert::KeySpec> kKeys = {{"rsa2048", cert::KeySpec::Rsa2048},
                                                                 {"rsa3072", cert::KeySpec::Rsa3072},
                                                                 {"rsa4096", cert::KeySpec::Rsa4096},
                                                                 {"p256", cert::KeySpec::P256},
                                                                 {"p384", cert::KeySpec::P384}};
      opts->profile = *rules::parse_profile(*profile);
      opts->key = kKeys.at(*key);
      auto result = app::run_request(*opts);
      if (!result) return fail(result.error());
      report::Report report{SIPMTLS_VERSION, {std::move(result.value())}};
      return emit(report, globals);
    };
  });
}

}  // namespace sipmtls::cli
