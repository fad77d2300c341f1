// SPDX-License-Identifier: MIT
// trust-store: the roots Teams Direct Routing's SIP proxies chain to, against an SBC's bundle.
#include "sipmtls/join.hpp"
#include "sipmtls/app/trust_store.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/rules/teams_roots.hpp"

namespace sipmtls::app {
namespace {

Finding missing(const rules::TeamsRoot& root, const std::vector<cert::Certificate>& bundle) {
  const bool current = root.status == rules::RootStatus::Current;
  std::string message = std::string(root.name) + " (SHA-1 " + std::string(root.sha1) + ", SHA-256 " +
                        std::string(root.sha256) + ") is not in the trust store: ";
  message += current ? "Microsoft's SIP proxies present certificates that chain to it today, so MTLS with them "
                       "fails when they dial the SBC or it checks their certificate"
                     : "it is on the list of roots Microsoft's SIP certificates move to in 2026; when they "
                       "do, MTLS fails until it is added";
  // A certificate that carries the name but not the thumbprint: another issue of the root, or an impostor.
  for (const auto& c : bundle) {
    if (c.facts().subject_cn == root.name) {
      message += "; a different certificate with this name is present (SHA-1 " + c.facts().sha1 +
                 "): compare it with the CA's published root";
      break;
    }
  }
  return {FindingCode::TrustStoreMissingRoot, current ? Severity::Error : Severity::Warning,
          "trust store root " + std::string(root.name), message,
          "add " + std::string(root.name) + " to the trusted roots of the SBC's TLS context for Teams (the one on "
          "the SIP interface toward sip.pstnhub.microsoft.com); get it from DigiCert or Microsoft's PKI repository, "
          "or from Debian's ca-certificates (/usr/share/ca-certificates/mozilla/" + std::string(root.debian_file) +
          "), and check its SHA-1 thumbprint " + std::string(root.sha1)};
}

}  // namespace

Result<report::CheckResult> run_trust_store(const TrustStoreOptions& o) {
  const auto started = std::chrono::steady_clock::now();
  if (o.profile != rules::Profile::Teams) {
    return input_error("trust-store: only --profile teams has a list of its peers' roots (Microsoft's SIP proxies)");
  }
  auto bundle = cert::load_certificates(o.paths);
  if (!bundle) return bundle.error();
  report::CheckResult r;
  r.kind = "trust-store";
  r.name = join(o.paths);
  r.profile = std::string(rules::profile_name(o.profile));
  r.chain = "not_checked";
  const cert::UnixTime now = std::time(nullptr);
  for (const auto& root : rules::teams_roots()) {
    const auto found = std::find_if(bundle->begin(), bundle->end(),
                                    [&](const cert::Certificate& c) { return c.facts().sha256 == root.sha256; });
    if (found != bundle->end()) {
      r.certificates.push_back(report::summarize(found->facts(), true, now));
    } else if (root.status != rules::RootStatus::Retired) {
      r.findings.push_back(missing(root, bundle.value()));
    }
  }
  r.verdict = has_errors(r.findings) ? report::Verdict::Fail : report::Verdict::Pass;
  r.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return r;
}

}  // namespace sipmtls::app
