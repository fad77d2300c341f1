// SPDX-License-Identifier: MIT
// request: plan the names, refuse what the profile's rules would fail, make the key and the
// request, write every file or none, and judge the request as written.
#include "sipmtls/app/request.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "file_set.hpp"
#include "files.hpp"
#include "judge.hpp"
#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::app {
namespace {

// What the plan asks for, as request facts, to be judged before any key is made.
cert::CertRequest planned(const RequestPlan& plan, cert::KeySpec key) {
  cert::CertRequest r;
  cert::CertFacts& f = r.facts;
  f.subject = "CN=" + plan.subject_cn;
  f.subject_cn = plan.subject_cn;
  f.has_san = true;
  f.san_dns = plan.san_dns;
  f.san_uri = plan.san_uris;
  f.has_eku = true;
  f.eku = {std::string(cert::kOidServerAuth), std::string(cert::kOidClientAuth)};
  const bool ec = cert::is_ecdsa(key);
  f.has_key_usage = true;
  f.key_usage = cert::kDigitalSignature | (ec ? 0u : static_cast<unsigned>(cert::kKeyEncipherment));
  f.key_type = ec ? cert::KeyType::Ec : cert::KeyType::Rsa;
  f.key_bits = cert::key_bits(key);
  return r;
}

}  // namespace

Result<report::CheckResult> run_request(const RequestOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  auto plan = plan_request(o);
  if (!plan) return plan.error();
  for (const auto& f : judge_request(planned(*plan, o.key), o.profile, plan->judged_names, false)) {
    if (f.severity == Severity::Error) {
      return input_error("request refused: " + std::string(finding_code_name(f.code)) + ": " + f.message);
    }
  }
  const char* password = nullptr;
  if (!o.password_env.empty()) {
    password = std::getenv(o.password_env.c_str());
    if (password == nullptr || *password == '\0') {
      return input_error("--password-env " + o.password_env + ": the variable is not set or empty");
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) return input_error(o.out_dir + ": cannot create the directory: " + ec.message());
  const std::string stem = (std::filesystem::path(o.out_dir) / plan->base).string();
  const std::vector<std::string> paths = {stem + ".key", stem + ".csr", stem + ".inf", stem + ".openssl.cnf",
                                          (std::filesystem::path(o.out_dir) / "README.txt").string()};
  if (!o.force) {
    for (const auto& p : paths) {
      if (std::filesystem::exists(p, ec)) return input_error(p + ": exists already; pass --force to replace it");
    }
  }
  const std::string secret = password ? password : "";
  auto made = cert::make_request({"CN=" + plan->subject_cn, plan->san_dns, plan->san_uris, o.key},
                                 password ? &secret : nullptr);
  if (!made) return made.error();
  FileSet files;
  const std::string inf = request_inf(*plan, o), cnf = request_openssl_config(*plan, o), readme = request_readme(*plan, o);
  const std::string* texts[] = {&made->key_pem, &made->csr_pem, &inf, &cnf, &readme};  // the key is not copied
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (auto added = files.add(paths[i], *texts[i], i == 0); !added) return added.error();
  }
  if (auto committed = files.commit(); !committed) return committed.error();

  auto written = cert::load_request(paths[1]);
  if (!written) return internal_error("the request just written cannot be read back: " + written.error().message);
  report::CheckResult r;
  r.kind = "request";
  r.name = paths[1];
  r.profile = std::string(rules::profile_name(o.profile));
  r.expected_names = plan->judged_names;
  r.file = paths[1];
  r.format = written->format;
  r.chain = "not_checked";
  r.certificates.push_back(summarize_request(*written));
  r.findings = judge_request(*written, o.profile, plan->judged_names, false);
  if (!password) {
    r.findings.push_back({FindingCode::KeyFileUnprotected, Severity::Warning, "key " + paths[0],
                          "the private key is written unencrypted (file mode 0600): anyone who reads the file "
                          "can impersonate " + plan->subject_cn,
                          "pass --password-env VAR to encrypt it (PKCS#8, AES-256), or better make the request "
                          "on the server with certreq -new " + plan->base + ".inf so the key never leaves its store"});
  }
  r.written = paths;
  r.not_checked.push_back("issuer, validity, chain and revocation (the CA adds them)");
  r.verdict = has_errors(r.findings) ? report::Verdict::Fail : report::Verdict::Pass;
  r.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace sipmtls::app
