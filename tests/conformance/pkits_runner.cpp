// SPDX-License-Identifier: MIT
// The PKITS policy: RFC 5280 path validation as the product does it, with revocation required
// (the runs marked "revocation": false excepted) and strict mode (an unusable or missing CRL is
// an error). The trust anchor is PKITS' TrustAnchorRootCertificate with its CRL. End entities
// carry no EKU and no SIP names, so usage and name rules are not applied; certificate policies
// (4.8 to 4.12) are evaluated and shown, but are outside the tool's scope.
#include "pkits_runner.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "cert/native.hpp"  // ensure_crypto_initialised
#include "sipmtls/cert/chain.hpp"
#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::test {
namespace {

using nlohmann::json;

// 2022-05-01: inside the validity of every PKITS certificate that is meant to be valid.
constexpr cert::UnixTime kValidationTime = 1651363200;

std::vector<cert::Certificate> load_certs(const std::string& dir, const json& names) {
  std::vector<cert::Certificate> out;
  for (const auto& n : names) {
    auto file = cert::load_certificate_file(dir + "/certs/" + n.get<std::string>(), cert::PasswordSource{"", false, ""});
    if (!file) throw std::runtime_error(file.error().message);
    out.insert(out.end(), file->certs.begin(), file->certs.end());
  }
  return out;
}

// Every error finding, or "" to accept.
std::string verdict(const json& tc, const std::string& dir, std::string& skipped) {
  auto leaf = cert::load_certificate_file(dir + "/certs/" + tc["cert"].get<std::string>(), {"", false, ""});
  if (!leaf) {
    skipped = "cannot load the end entity: " + leaf.error().message;
    return {};
  }
  std::vector<cert::Certificate> intermediates;
  try {
    intermediates = load_certs(dir, tc.value("other_certs", json::array()));
  } catch (const std::runtime_error& e) {
    skipped = std::string("cannot load an intermediate: ") + e.what();
    return {};
  }
  const auto anchors = load_certs(dir, json::array({"TrustAnchorRootCertificate.crt"}));
  const bool revocation = tc.value("revocation", true) != false;
  std::vector<std::string> crl_paths;
  if (revocation) {
    crl_paths.push_back(dir + "/crls/TrustAnchorRootCRL.crl");
    for (const auto& c : tc.value("crls", json::array())) crl_paths.push_back(dir + "/crls/" + c.get<std::string>());
  }
  auto crls = cert::CrlSet::load(crl_paths);
  if (!crls) {
    skipped = "cannot load a CRL: " + crls.error().message;
    return {};
  }
  cert::ChainFacts chain =
      cert::build_chain({leaf->certs.front(), intermediates, anchors, &crls.value(), kValidationTime});
  rules::Context ctx{rules::Profile::Lcs2003, rules::Role::PeerServer, {}, kValidationTime, revocation, true};
  std::vector<Finding> f = rules::check_chain(chain, ctx);
  for (auto* check : {&rules::check_validity, &rules::check_name_constraints, &rules::check_extensions}) {
    for (auto& x : check(chain, ctx)) f.push_back(x);
  }
  std::string reasons;
  for (const auto& x : f) {
    if (x.severity != Severity::Error) continue;
    reasons += (reasons.empty() ? "" : " | ") + std::string(finding_code_name(x.code)) + ": " + x.subject + ": " + x.message;
  }
  return reasons;
}

}  // namespace

PkitsSection PkitsSummary::total(const std::vector<std::string>& names) const {
  PkitsSection t;
  for (const auto& n : names) {
    const auto it = sections.find(n);
    if (it == sections.end()) continue;
    t.agree += it->second.agree;
    t.false_accept += it->second.false_accept;
    t.false_reject += it->second.false_reject;
    t.skipped += it->second.skipped;
  }
  return t;
}

PkitsSummary run_pkits(const std::string& json_path, const std::string& data_dir) {
  std::ifstream in(json_path);
  if (!in) throw std::runtime_error(json_path + ": cannot open");
  const json doc = json::parse(in);
  cert::ensure_crypto_initialised();
  PkitsSummary s;
  for (const auto& tc : doc) {
    const std::string id = tc["id"];
    PkitsCaseResult r{id, "4." + std::to_string(std::stoi(id.substr(1, 2))), tc["name"], PkitsOutcome::Skipped, ""};
    if (tc.contains("params")) {
      r.note = "a re-run with other initial policy settings";
    } else {
      std::string skipped;
      const std::string reason = verdict(tc, data_dir, skipped);
      if (!skipped.empty()) {
        r.note = skipped;
      } else {
        const bool accepted = reason.empty();
        const bool should_accept = !tc.contains("error");
        r.note = accepted ? "accepted" : "rejected: " + reason;
        r.outcome = accepted == should_accept ? PkitsOutcome::Agree
                    : accepted                ? PkitsOutcome::FalseAccept
                                              : PkitsOutcome::FalseReject;
      }
    }
    PkitsSection& sec = s.sections[r.section];
    switch (r.outcome) {
      case PkitsOutcome::Agree: ++sec.agree; break;
      case PkitsOutcome::FalseAccept: ++sec.false_accept; break;
      case PkitsOutcome::FalseReject: ++sec.false_reject; break;
      case PkitsOutcome::Skipped: ++sec.skipped; break;
    }
    s.cases.push_back(std::move(r));
  }
  return s;
}

}  // namespace sipmtls::test
