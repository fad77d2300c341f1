// SPDX-License-Identifier: MIT
// The options connect and listen share: our certificate, trust store, profile, strictness.
#include "endpoint_options.hpp"

namespace sipmtls::cli {

void add_endpoint_options(CLI::App* sub, EndpointArgs& a) {
  auto& id = a.options->identity;
  sub->add_option("--cert", id.cert_path, "Our certificate: PEM (leaf first, then its chain), DER or PKCS#12/PFX")
      ->required();
  sub->add_option("--key", id.key_path, "Our private key file, unless the certificate file holds it");
  sub->add_option("--password-env", id.password.env_var,
                  "Name of the environment variable holding the PFX/key password (else a prompt on a tty)");
  sub->add_option("--chain", id.chain, "Extra intermediate CA certificates to send; repeatable");
  sub->add_option("--ca", id.ca, "Trusted root CA certificate file or directory the peer is checked against; repeatable")
      ->required();
  sub->add_option("--crl", id.crl, "CRL file (PEM or DER) to check the peer's revocation against; repeatable");
  sub->add_option("--profile", a.profile, "Rules to apply: lcs2003, lcs2005, ocs (OCS/Lync/SfB), teams, rfc5922")
      ->check(CLI::IsMember({"lcs2003", "lcs2005", "ocs", "teams", "rfc5922"}))
      ->capture_default_str();
  sub->add_option("--at", a.at, "Validate the peer's certificates at this UTC time instead of now: YYYY-MM-DD[THH:MM:SSZ]");
  sub->add_flag("--strict", a.options->strict,
                "End the handshake with the alert LCS would send when the peer's certificate fails (default: "
                "complete it and report everything)");
}

void add_name_options(CLI::App* sub, NameArgs& n, const std::string& fqdn_help, const std::string& old_flag) {
  sub->add_option("--fqdn", n.fqdn, fqdn_help);
  sub->add_option("--pool", n.pool, "Pool FQDN the server belongs to (checked first, then each --fqdn)");
  if (!old_flag.empty()) sub->add_option(old_flag, n.old, "Older spelling of --fqdn")->group("");
}

std::vector<std::string> NameArgs::all_fqdns() const {
  std::vector<std::string> out = fqdn;
  out.insert(out.end(), old.begin(), old.end());
  return out;
}

std::vector<std::string> NameArgs::dialled() const { return app::dialled_names(pool, all_fqdns()); }

std::vector<std::string> NameArgs::accepted() const { return app::accepted_peers(pool, all_fqdns()); }

std::optional<Error> finish_endpoint_options(EndpointArgs& a, const GlobalOptions& g) {
  a.options->profile = *rules::parse_profile(a.profile);
  if (!a.at.empty()) {
    auto t = cert::parse_time(a.at);
    if (!t) return input_error("--at " + a.at + ": not a time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    a.options->at = *t;
  }
  a.options->tls = g.tls;
  a.options->x509_strict = g.x509_strict;
  a.options->warn_days = g.warn_days;
  a.options->keylog = g.keylog;
  a.options->timeout_s = g.timeout;
  a.options->revocation = g.revocation_settings();
  return std::nullopt;
}

}  // namespace sipmtls::cli
