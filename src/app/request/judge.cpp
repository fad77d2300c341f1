// SPDX-License-Identifier: MIT
// A request judged by the same rules as the certificate it asks for.
#include "judge.hpp"

#include "sipmtls/rules/evaluate.hpp"

namespace sipmtls::app {
namespace {


void relabel(std::vector<Finding>& findings) {
  for (auto& f : findings) {
    if (f.subject.rfind("leaf ", 0) == 0) f.subject = "request " + f.subject.substr(5);
  }
}

}  // namespace

std::vector<Finding> judge_request(const cert::CertRequest& request, rules::Profile profile,
                                   const std::vector<std::string>& names, bool x509_strict) {
  cert::CertFacts facts = request.facts;
  std::vector<Finding> out;
  const std::string subject = "request " + rules::describe(facts);
  if (!facts.has_san && !request.san_attribute.empty()) {
    for (const auto& a : request.san_attribute) cert::add_san_text(a, facts);
    out.push_back({FindingCode::SanMissingName, Severity::Warning, subject,
                   "the names are only a SAN request attribute (SAN=" + request.san_attribute.front() +
                       "), not a Subject Alternative Name extension: a CA copies them only with "
                       "EDITF_ATTRIBUTESUBJECTALTNAME2 set, and every other CA drops them",
                   "put the names in the request's SAN extension (INF [Extensions] 2.5.29.17 = \"{text}\"), or have "
                   "the CA admin run certutil -setreg policy\\EditFlags +EDITF_ATTRIBUTESUBJECTALTNAME2 on a "
                   "Standalone CA"});
  }
  cert::ChainFacts chain;
  cert::ChainLink link;
  link.cert = facts;
  chain.path.push_back(std::move(link));
  rules::Context ctx;
  ctx.profile = profile;
  ctx.role = rules::Role::Local;
  ctx.names = names;
  ctx.x509_strict = x509_strict;
  ctx.warn_days = 0;
  for (auto&& part : {rules::check_usage(facts, ctx), rules::check_names(facts, ctx), rules::check_strength(chain, ctx)}) {
    out.insert(out.end(), part.begin(), part.end());
  }
  relabel(out);
  if (!request.signature_ok) {
    out.push_back({FindingCode::CertUnparseable, Severity::Error, subject,
                   "the request's signature does not verify with the public key it carries: a CA refuses it",
                   "make the request again with the tool that holds the key (certreq -new, openssl req, sipmtls request)"});
  }
  if (request.format == "certreq INF" && !request.machine_key_set) {
    out.push_back({FindingCode::PrivateKeyMissing, Severity::Error, subject,
                   "MachineKeySet is not TRUE: certreq makes the key in the user's store, where the server's "
                   "service account cannot open it (LCS-RULES §1.4: Local Computer > Personal)",
                   "set MachineKeySet = TRUE in [NewRequest]"});
  }
  return out;
}

report::CertSummary summarize_request(const cert::CertRequest& request) {
  report::CertSummary summary = report::summarize(request.facts);
  summary.issuer.clear();
  summary.not_before.clear();
  summary.not_after.clear();
  summary.serial.clear();
  summary.sha1.clear();
  return summary;
}

}  // namespace sipmtls::app
