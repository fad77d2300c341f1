// SPDX-License-Identifier: MIT
// Report model helpers: certificate summaries and verdicts.
#include "sipmtls/report/model.hpp"

#include <algorithm>

namespace sipmtls::report {

std::string_view verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Error: return "error";
  }
  return "error";
}

static std::string eku_name(const std::string& oid) {
  if (oid == cert::kOidServerAuth) return "serverAuth";
  if (oid == cert::kOidClientAuth) return "clientAuth";
  if (oid == cert::kOidCodeSigning) return "codeSigning";
  if (oid == cert::kOidSipDomain) return "sipDomain";
  if (oid == cert::kOidAnyExtendedKeyUsage) return "anyExtendedKeyUsage";
  return oid;
}

std::string revocation_name(cert::RevocationStatus s) {
  switch (s) {
    case cert::RevocationStatus::Good: return "good";
    case cert::RevocationStatus::Revoked: return "revoked";
    case cert::RevocationStatus::Offline: return "offline";
    case cert::RevocationStatus::NoSource: return "no_source";
    case cert::RevocationStatus::CrlUnusable: return "crl_unusable";
    case cert::RevocationStatus::Unknown: return "not_covered";
    case cert::RevocationStatus::NotChecked: break;
  }
  return {};
}

CertSummary summarize(const cert::ChainLink& link, std::optional<cert::UnixTime> at) {
  CertSummary s = summarize(link.cert, link.is_anchor, at);
  s.revocation = revocation_name(link.revocation);
  if (!s.revocation.empty()) s.revocation_source = link.revocation_source;
  return s;
}

CertSummary summarize(const cert::CertFacts& f, bool trust_anchor, std::optional<cert::UnixTime> at) {
  CertSummary s;
  s.cdp = f.crl_urls;
  s.ocsp = f.ocsp_urls;
  s.ca_issuers = f.ca_issuer_urls;
  s.subject = f.subject;
  s.issuer = f.issuer;
  s.serial = f.serial;
  s.not_before = cert::format_time(f.not_before);
  s.not_after = cert::format_time(f.not_after);
  s.key = f.key_description();
  s.sha256 = f.sha256;
  s.sha1 = f.sha1;
  // Whole days, rounded down: a certificate that ends in 10 h has 0 days left; one that ended an
  // hour ago has -1.
  if (at) s.days_left = (f.not_after - *at) >= 0 ? (f.not_after - *at) / 86400 : -((*at - f.not_after + 86399) / 86400);
  s.trust_anchor = trust_anchor;
  for (const auto& n : f.san_dns) s.san.push_back("DNS:" + n);
  for (const auto& n : f.san_uri) s.san.push_back("URI:" + n);
  for (const auto& n : f.san_ip) s.san.push_back("IP:" + n);
  for (const auto& n : f.san_other) s.san.push_back(n);
  for (const auto& e : f.eku) s.eku.push_back(eku_name(e));
  return s;
}

std::string until_text(const CheckResult& c) {
  if (c.verdict != Verdict::Pass) return {};
  const bool soon = std::any_of(c.findings.begin(), c.findings.end(), [](const Finding& f) {
    return f.code == FindingCode::CertExpiresSoon || f.code == FindingCode::ClientAuthEnding;
  });
  const auto& judged = c.peer && !c.peer->certificates.empty() ? c.peer->certificates : c.certificates;
  if (!soon || judged.empty()) return {};
  std::string first;
  for (const auto& cert : judged) {
    if (first.empty() || cert.not_after < first) first = cert.not_after;
  }
  return " until " + first.substr(0, 10);
}

Verdict Report::verdict() const {
  bool failed = false;
  for (const auto& c : checks) {
    if (c.verdict == Verdict::Error) return Verdict::Error;
    failed = failed || c.verdict == Verdict::Fail;
  }
  return failed ? Verdict::Fail : Verdict::Pass;
}

}  // namespace sipmtls::report
