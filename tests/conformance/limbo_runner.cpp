// SPDX-License-Identifier: MIT
// The limbo policy: the product's chain builder and rules in strict mode (--x509-strict: RFC 5280
// and CA/Browser Forum encoding rules, weak keys and unusable CRLs are errors), with webpki-style
// names (SAN only, no CN fallback). Where limbo's RFC 5280 and webpki readings conflict, the tool's
// own policy is webpki's: an EKU is required and a CA certificate is no end entity.
#include "limbo_runner.hpp"

#include <arpa/inet.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "cert/native.hpp"  // ensure_crypto_initialised
#include "sipmtls/cert/chain.hpp"
#include "sipmtls/rules/evaluate.hpp"
#include "sipmtls/rules/names.hpp"

namespace sipmtls::test {
namespace {

using nlohmann::json;

// Each PEM string of the list; one that does not parse is left out, as a verifier would skip it.
std::vector<cert::Certificate> parse_pems(const json& list) {
  std::vector<cert::Certificate> out;
  for (const auto& pem : list) {
    const std::string text = pem.get<std::string>();
    auto certs = cert::parse_pem_certificates(
        {reinterpret_cast<const unsigned char*>(text.data()), text.size()});
    if (certs) out.insert(out.end(), certs->begin(), certs->end());
  }
  return out;
}

bool name_matches(const cert::CertFacts& leaf, const json& name) {
  const std::string kind = name.value("kind", "");
  const std::string value = name.value("value", "");
  if (kind == "IP") {
    // Compared as addresses: "2001:db8::1" is "2001:db8:0:0:0:0:0:1".
    auto address = [](const std::string& text) {
      std::array<unsigned char, 16> out{};
      const int family = text.find(':') == std::string::npos ? AF_INET : AF_INET6;
      return inet_pton(family, text.c_str(), out.data()) == 1 ? std::optional(out) : std::nullopt;
    };
    const auto want = address(value);
    for (const auto& ip : leaf.san_ip) {
      if (want && address(ip) == want) return true;
    }
    return false;
  }
  for (const auto& dns : leaf.san_dns) {
    if (rules::dns_equal(dns, value) || (rules::is_wildcard(dns) && rules::wildcard_matches(dns, value))) return true;
  }
  return false;
}

// Returns the reason for rejecting, or "" to accept.
std::string verdict(const json& tc) {
  const auto peer = parse_pems(json::array({tc["peer_certificate"]}));
  if (peer.empty()) return "peer certificate unparseable";
  const auto anchors = parse_pems(tc["trusted_certs"]);
  const auto intermediates = parse_pems(tc["untrusted_intermediates"]);
  auto crls = cert::CrlSet::parse(tc.value("crls", json::array()).get<std::vector<std::string>>());
  if (!crls) return "CRL unparseable";
  cert::UnixTime at = 1767225600;  // 2026-01-01 when the case fixes no time
  if (tc["validation_time"].is_string()) {
    const auto t = cert::parse_time(tc["validation_time"].get<std::string>());
    if (!t) throw std::runtime_error(tc["id"].get<std::string>() + ": validation_time not understood");
    at = *t;
  }

  cert::ChainFacts chain = cert::build_chain({peer.front(), intermediates, anchors, &crls.value(), at});
  std::vector<std::string> ekus = tc.value("extended_key_usage", std::vector<std::string>{});
  const bool client = tc.value("validation_kind", "SERVER") == "CLIENT";
  // LCS 2005's EKU policy: a peer needs the EKU of its role (LCS 2003 would want both of any peer).
  rules::Context ctx{rules::Profile::Lcs2005, client ? rules::Role::PeerClient : rules::Role::PeerServer, {}, at,
                     true, true};

  std::vector<Finding> f = rules::check_chain(chain, ctx);
  for (auto* check : {&rules::check_validity, &rules::check_strength, &rules::check_conformance,
                      &rules::check_name_constraints, &rules::check_extensions}) {
    for (auto& x : check(chain, ctx)) f.push_back(x);
  }
  const bool want_eku = !ekus.empty();
  for (auto& x : rules::check_usage(chain.path.front().cert, ctx)) {
    if (x.code == FindingCode::LeafIsCa || x.code == FindingCode::EkuAbsent ||
        (want_eku && (x.code == FindingCode::EkuMissingServerAuth || x.code == FindingCode::EkuMissingClientAuth))) {
      f.push_back(x);
    }
  }
  if (!want_eku) {
    std::erase_if(f, [](const Finding& x) {
      return x.code == FindingCode::EkuMissingServerAuth || x.code == FindingCode::EkuMissingClientAuth;
    });
  }
  // The CA/Browser Forum's rules are the webpki profile's; RFC 5280 cases are judged without them.
  if (!tc["id"].get<std::string>().starts_with("webpki::")) {
    std::erase_if(f, [](const Finding& x) {
      return x.code == FindingCode::CertNonconformant && x.message.find("BR §") != std::string::npos;
    });
  }
  // Every reason, so that a verdict reached for the wrong reason shows (SIPMTLS_LIMBO_VERBOSE).
  std::vector<std::string> reasons;
  for (const auto& x : f) {
    if (x.severity == Severity::Error) {
      reasons.push_back(std::string(finding_code_name(x.code)) + ": " + x.subject + ": " + x.message);
    }
  }
  if (tc["max_chain_depth"].is_number()) {
    // Intermediates between the leaf and the trust anchor; self-issued ones do not count (RFC 5280 §6.1.4).
    std::size_t below_anchor = 0;
    const std::size_t top = chain.path.back().is_anchor ? chain.path.size() - 1 : chain.path.size();
    for (std::size_t i = 1; i < top; ++i) below_anchor += chain.path[i].cert.self_issued ? 0 : 1;
    if (below_anchor > tc["max_chain_depth"].get<std::size_t>()) reasons.emplace_back("chain deeper than max_chain_depth");
  }
  const cert::CertFacts& leaf = chain.path.front().cert;
  for (const auto& ku : tc.value("key_usage", std::vector<std::string>{})) {
    if (leaf.has_key_usage && ku == "digitalSignature" && !(leaf.key_usage & cert::kDigitalSignature)) {
      reasons.emplace_back("key usage lacks digitalSignature");
    }
  }
  if (!client && tc["expected_peer_name"].is_object() && !name_matches(leaf, tc["expected_peer_name"])) {
    reasons.emplace_back("NAME_MISMATCH (SAN only)");
  }
  std::string joined;
  for (const auto& r : reasons) joined += (joined.empty() ? "" : " | ") + r;
  return joined;
}

std::string skip_reason(const json& tc) {
  const std::string id = tc["id"];
  for (const auto& feature : tc.value("features", json::array())) {
    // The one such case wants an AKI in a trust anchor, which cve::cve-2024-0567 (valid) lacks too.
    if (feature == "pedantic-rfc5280") return "pedantic-rfc5280: trust anchors are inputs, not judged for an AKI";
  }
  for (const auto& other : tc.value("conflicts_with", json::array())) {
    if (id.starts_with("rfc5280::") && other.get<std::string>().starts_with("webpki::")) {
      return "conflicts with " + other.get<std::string>() + ", whose reading the tool follows";
    }
  }
  return "";
}

}  // namespace

LimboSummary run_limbo(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  const json doc = json::parse(in);
  cert::ensure_crypto_initialised();
  LimboSummary s;
  for (const auto& tc : doc.at("testcases")) {
    LimboCaseResult r{tc["id"], LimboOutcome::Skipped, skip_reason(tc)};
    if (r.note.empty()) {
      const auto started = std::chrono::steady_clock::now();
      if (std::getenv("SIPMTLS_LIMBO_TRACE") != nullptr) std::fprintf(stderr, "limbo: %s\n", r.id.c_str());
      const std::string reason = verdict(tc);
      r.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      const bool accepted = reason.empty();
      const bool should_accept = tc["expected_result"] == "SUCCESS";
      r.note = accepted ? "accepted" : "rejected: " + reason;
      r.outcome = accepted == should_accept ? LimboOutcome::Agree
                  : accepted                 ? LimboOutcome::FalseAccept
                                             : LimboOutcome::FalseReject;
    }
    switch (r.outcome) {
      case LimboOutcome::Agree: ++s.agree; break;
      case LimboOutcome::FalseAccept: {
        ++s.false_accept;
        const auto second = r.id.find("::", r.id.find("::") + 2);
        ++s.false_accept_by_category[r.id.substr(0, second)];
        break;
      }
      case LimboOutcome::FalseReject: ++s.false_reject; break;
      case LimboOutcome::Skipped: ++s.skipped; break;
    }
    s.cases.push_back(std::move(r));
  }
  return s;
}

}  // namespace sipmtls::test
