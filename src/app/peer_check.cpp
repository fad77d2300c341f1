// SPDX-License-Identifier: MIT
// Peer certificate judgement.
#include "app/peer_check.hpp"

#include "app/public_roots.hpp"

#include <algorithm>

#include "tls/transcript.hpp"

namespace sipmtls::app {
namespace {

bool is_name_finding(const Finding& f) {
  return f.code == FindingCode::NameMismatch || f.code == FindingCode::NameWildcardRejected ||
         f.code == FindingCode::SanMissingName;
}

/// The path from what was presented (leaf first) to our trust store, CRLs checked.
cert::ChainFacts build_path(const std::vector<cert::Certificate>& presented, const Identity& us, cert::UnixTime at) {
  cert::ChainInput input{presented.front(), {}, us.trust, &us.crls, at};
  input.online = us.online.get();
  input.intermediates.assign(presented.begin() + 1, presented.end());
  return cert::build_chain(input);
}

}  // namespace

PeerCheck check_peer(const std::vector<cert::Certificate>& received, const Identity& us, rules::Context ctx,
                     const std::vector<std::vector<std::string>>& alternatives) {
  PeerCheck out;
  for (const auto& c : received) out.certificates.push_back(report::summarize(c.facts(), false, ctx.at));
  if (received.empty()) {
    out.chain = "none";
    return out;
  }
  // The path does not depend on the names: build it once, judge it per expected peer.
  const cert::ChainFacts chain = build_path(received, us, ctx.at);
  ctx.revocation_hard = us.revocation_hard;
  // What decided each received certificate's revocation status, from the path built.
  for (auto& summary : out.certificates) {
    for (const auto& link : chain.path) {
      if (link.cert.sha256 != summary.sha256) continue;
      const auto judged = report::summarize(link, std::nullopt);
      summary.revocation = judged.revocation;
      summary.revocation_source = judged.revocation_source;
    }
  }
  // A client certificate from a public CA: its Client Authentication ends with its renewal.
  if (ctx.role == rules::Role::PeerClient) ctx.public_ca = issued_by_public_ca(chain);
  if (alternatives.empty()) {
    ctx.names.clear();
    out.findings = rules::evaluate(chain, ctx);
  } else {
    // The first alternative the certificate answers for decides; if none, the first one.
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      ctx.names = alternatives[i];
      auto findings = rules::evaluate(chain, ctx);
      const bool names_ok = std::none_of(findings.begin(), findings.end(), [](const Finding& f) {
        return is_name_finding(f) && f.severity == Severity::Error;
      });
      if (i == 0 || names_ok) {
        out.findings = std::move(findings);
        out.matched_name = alternatives[i].front();
      }
      if (names_ok) break;
    }
  }
  out.chain = chain_name(chain, !us.trust.empty());
  return out;
}

std::vector<std::vector<std::string>> expected_peers(const std::vector<std::string>& expect_names) {
  std::vector<std::vector<std::string>> out;
  for (const auto& n : expect_names) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= n.size()) {
      const auto comma = n.find(',', start);
      const auto part = n.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) names.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!names.empty()) out.push_back(std::move(names));
  }
  return out;
}

Finding no_client_certificate(const std::string& label, bool tls13) {
  std::string message = "the client presented no certificate: this is not mutual TLS, and LCS refuses it";
  std::string fix =
      "configure the peer to present its server certificate (with Client Authentication) on outgoing connections; "
      "check that our CA list names its issuer";
  if (tls13) {
    message += "; on TLS 1.3 this listener sends no list of acceptable CAs (mbedTLS 3.6 has no "
               "certificate_authorities extension), so a client that picks its certificate by that list, as "
               "Schannel does, may have offered none";
    fix += " (listen with --tls 1.2 to send the list)";
  }
  return {FindingCode::PeerSentNoCert, Severity::Error, label, message, fix};
}

std::optional<std::uint8_t> lcs_alert(const std::vector<Finding>& findings) {
  // Schannel's choice, most specific first: trust, validity, revocation, usage, the rest.
  static constexpr std::pair<FindingCode, std::uint8_t> kOrder[] = {
      {FindingCode::ChainUntrustedRoot, tls::kAlertUnknownCa},
      {FindingCode::ChainIncomplete, tls::kAlertUnknownCa},
      {FindingCode::CertExpired, tls::kAlertCertificateExpired},
      {FindingCode::CertNotYetValid, tls::kAlertCertificateExpired},
      {FindingCode::CertRevoked, tls::kAlertCertificateRevoked},
      {FindingCode::EkuMissingServerAuth, tls::kAlertUnsupportedCertificate},
      {FindingCode::EkuMissingClientAuth, tls::kAlertUnsupportedCertificate},
      {FindingCode::KeyUsageInvalid, tls::kAlertUnsupportedCertificate},
      {FindingCode::ChainBadSignature, tls::kAlertBadCertificate},
      {FindingCode::ChainInvalidCa, tls::kAlertBadCertificate},
      {FindingCode::CertNotV3, tls::kAlertBadCertificate},
      {FindingCode::LeafIsCa, tls::kAlertBadCertificate},
      {FindingCode::NameMismatch, tls::kAlertBadCertificate},
      {FindingCode::NameWildcardRejected, tls::kAlertBadCertificate},
  };
  if (!has_errors(findings)) return std::nullopt;
  for (const auto& [code, alert] : kOrder) {
    for (const auto& f : findings) {
      if (f.code == code && f.severity == Severity::Error) return alert;
    }
  }
  return tls::kAlertCertificateUnknown;
}

std::vector<Finding> check_ourselves(const Identity& us, rules::Context ctx) {
  ctx.names.clear();
  ctx.revocation_hard = us.revocation_hard;
  auto findings = rules::evaluate(build_path(us.chain, us, ctx.at), ctx);
  std::erase_if(findings, [](const Finding& f) { return f.severity != Severity::Error; });
  for (auto& f : findings) f.subject = "our " + f.subject;
  return findings;
}

}  // namespace sipmtls::app
