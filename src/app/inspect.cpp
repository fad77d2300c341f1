// SPDX-License-Identifier: MIT
// inspect: load, build the chain, apply the profile's rules, and describe what was found.
#include "sipmtls/app/inspect.hpp"

#include <chrono>
#include <ctime>

#include "app/identity.hpp"
#include "app/public_roots.hpp"
#include "app/request/judge.hpp"
#include "sipmtls/cert/chain.hpp"
#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::app {

Result<report::CheckResult> run_inspect(const InspectOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  if (auto data = cert::read_file(o.cert_path); data && cert::looks_like_request(*data)) return run_inspect_request(o);
  auto file = cert::load_certificate_file(o.cert_path, o.password);
  if (!file) return file.error();
  std::shared_ptr<cert::PrivateKey> key = file->key;
  if (!o.key_path.empty()) {
    auto loaded = cert::load_private_key(o.key_path, o.password);
    if (!loaded) return loaded.error();
    key = std::make_shared<cert::PrivateKey>(std::move(loaded.value()));
  }
  auto anchors = cert::load_certificates(o.ca);
  if (!anchors) return anchors.error();
  auto extra = cert::load_certificates(o.chain);
  if (!extra) return extra.error();
  auto crls = cert::CrlSet::load(o.crl);
  if (!crls) return crls.error();

  const cert::Certificate& leaf = file->certs.front();
  cert::ChainInput input{leaf, {}, anchors.value(), &crls.value(), o.at.value_or(std::time(nullptr))};
  input.intermediates.assign(file->certs.begin() + 1, file->certs.end());
  input.intermediates.insert(input.intermediates.end(), extra->begin(), extra->end());
  const auto online = online_lookup(o.revocation, o.timeout_s);
  input.online = online.get();
  cert::ChainFacts chain = cert::build_chain(input);

  rules::Context ctx{o.profile, rules::Role::Local, o.names, input.at, !crls->empty(), o.x509_strict, o.warn_days,
                     issued_by_public_ca(chain), o.revocation.mode == cert::RevocationMode::Hard};
  std::vector<Finding> findings = rules::evaluate(chain, ctx);
  const bool have_anchors = !anchors->empty();
  if (!have_anchors) {
    // Without a trust store the end of the chain says nothing: keep only what is intrinsic.
    std::erase_if(findings, [](const Finding& f) {
      return f.code == FindingCode::ChainUntrustedRoot || f.code == FindingCode::ChainIncomplete;
    });
    findings.push_back({FindingCode::NotChecked, Severity::Info, "trust store",
                        "chain trust not checked: no --ca given", "pass the root CA file(s) with --ca"});
  }
  if (o.names.empty()) {
    findings.push_back({FindingCode::NotChecked, Severity::Info, "leaf " + rules::describe(leaf.facts()),
                        "names not checked: no --fqdn given",
                        "pass the FQDN peers dial (the pool FQDN first for a pool) with --fqdn"});
  }
  const bool key_matches = key && key->matches(leaf);
  if (!key && file->format == "PKCS#12") {
    // A PFX is how Windows moves a server identity: without its key it cannot serve for TLS.
    findings.push_back({FindingCode::PrivateKeyMissing, Severity::Error, "leaf " + rules::describe(leaf.facts()),
                        "the PKCS#12 file " + o.cert_path + " holds no private key: it cannot be used for TLS",
                        "export the certificate again with \"Yes, export the private key\" (certmgr, or "
                        "Export-PfxCertificate), or pass the key with --key"});
  }
  if (key && !key_matches) {
    findings.push_back({FindingCode::PrivateKeyMismatch, Severity::Error, "leaf " + rules::describe(leaf.facts()),
                        "the private key" + (o.key_path.empty() ? std::string() : " in " + o.key_path) +
                            " does not belong to this certificate: TLS handshakes with it fail",
                        "pair the certificate with the key it was requested with (re-import the PFX that "
                        "holds both, or repair the store with certutil -repairstore my <serial>)"});
  }

  if (!o.request_path.empty()) {
    auto request = cert::load_request(o.request_path);
    if (!request) return request.error();
    auto dropped = compare_with_request(leaf, *request, o.request_path, o.profile);
    findings.insert(findings.end(), dropped.begin(), dropped.end());
  }

  report::CheckResult r;
  r.name = o.cert_path;
  r.profile = std::string(rules::profile_name(o.profile));
  r.expected_names = o.names;
  r.file = o.cert_path;
  r.format = file->format;
  if (key) {
    r.private_key = key_matches ? "matches" : "mismatch";
  } else if (file->format == "PKCS#12") {
    r.private_key = "absent";
  }
  r.chain = chain_name(chain, have_anchors);
  if (!have_anchors) r.not_checked.push_back("trust (no --ca)");
  if (crls->empty() && !online) {
    r.not_checked.push_back("revocation (--revocation off, no --crl)");
  } else if (crls->empty() && chain.end != cert::ChainEnd::TrustAnchor) {
    r.not_checked.push_back("revocation (no trusted path)");
  }
  if (o.names.empty()) r.not_checked.push_back("names (no --fqdn)");
  for (const auto& link : chain.path) r.certificates.push_back(report::summarize(link, input.at));
  r.verdict = has_errors(findings) ? report::Verdict::Fail : report::Verdict::Pass;
  r.findings = std::move(findings);
  r.duration_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace sipmtls::app
