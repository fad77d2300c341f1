// SPDX-License-Identifier: MIT
// inspect of a request: judged before it is submitted, so the CA is asked for the right thing.
#include <chrono>

#include "judge.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::app {

Result<report::CheckResult> run_inspect_request(const InspectOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  auto request = cert::load_request(o.cert_path);
  if (!request) return request.error();
  std::vector<Finding> findings = judge_request(*request, o.profile, o.names, o.x509_strict);
  if (o.names.empty()) {
    findings.push_back({FindingCode::NotChecked, Severity::Info, "request " + rules::describe(request->facts),
                        "names not checked: no --fqdn given",
                        "pass the FQDN peers dial (the pool FQDN first for a pool) with --fqdn"});
  }
  std::string key_state;
  if (!o.key_path.empty()) {
    auto key = cert::load_private_key(o.key_path, o.password);
    if (!key) return key.error();
    const std::string subject = "request " + rules::describe(request->facts);
    if (request->public_key.empty()) {
      findings.push_back({FindingCode::NotChecked, Severity::Info, subject,
                          "key not compared: an INF holds no key (certreq makes it on the server)", "-"});
    } else if (key->matches_public_key(request->public_key)) {
      key_state = "matches";
    } else {
      key_state = "mismatch";
      findings.push_back({FindingCode::PrivateKeyMismatch, Severity::Error, subject,
                          "the private key in " + o.key_path + " is not the one this request was made with: the "
                              "certificate the CA issues for it will not fit this key",
                          "keep the key written with the request (sipmtls request, openssl req -keyout), or make a "
                          "new request with this key"});
    }
  }
  report::CheckResult r;
  r.private_key = key_state;
  r.name = o.cert_path;
  r.profile = std::string(rules::profile_name(o.profile));
  r.expected_names = o.names;
  r.file = o.cert_path;
  r.format = request->format;
  r.chain = "not_checked";
  r.certificates.push_back(summarize_request(*request));
  r.not_checked.push_back("issuer, validity, chain and revocation (a request has none: the CA adds them)");
  if (o.names.empty()) r.not_checked.push_back("names (no --fqdn)");
  r.verdict = has_errors(findings) ? report::Verdict::Fail : report::Verdict::Pass;
  r.findings = std::move(findings);
  r.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace sipmtls::app
