// SPDX-License-Identifier: MIT
// Path building: mbedTLS only looks forward in the list it is given, so the tool builds paths
// itself, in any order, and keeps the one an administrator would want to hear about.
#include "sipmtls/cert/chain.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "native.hpp"
#include "sipmtls/cert/name_constraints.hpp"
#include "signature.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::size_t kMaxDepth = 10;
constexpr int kMaxExpansions = 256;             // bounds pathological certificate graphs
constexpr std::size_t kMaxIssuersPerCert = 8;  // candidate issuers tried per certificate
constexpr int kMaxSignerDepth = 2;              // CRL signer paths nested in one validation

struct Node {
  const Certificate* cert;
  bool anchor;
};

struct Path {
  std::vector<Node> nodes;
  std::vector<bool> signature_ok;  // per node: verified by the next node's key
  ChainEnd end = ChainEnd::MissingIssuer;
  int defects = 0;
};

bool key_ids_compatible(const mbedtls_x509_crt& child, const mbedtls_x509_crt& parent) {
  const auto& aki = child.authority_key_id.keyIdentifier;
  const auto& ski = parent.subject_key_id;
  if (aki.p == nullptr || aki.len == 0 || ski.p == nullptr || ski.len == 0) return true;
  return same_name(aki, ski);
}

// Defects that make a CA unusable at depth >= 1, counted to rank candidate paths.
int ca_defects(const CertFacts& f, bool anchor) {
  if (anchor && f.version < 3) return 0;  // v1 roots: trusted as configured
  int n = 0;
  if (!f.is_ca) ++n;
  if (f.has_key_usage && (f.key_usage & kKeyCertSign) == 0) ++n;
  return n;
}

class Builder {
 public:
  explicit Builder(const ChainInput& in) : in_(in) {
    for (const auto& c : in.intermediates) pool_.push_back({&c, false});
    for (const auto& c : in.anchors) pool_.push_back({&c, true});
  }

  Path best() {
    Path start;
    start.nodes.push_back({&in_.leaf, is_anchor(in_.leaf)});
    explore(start);
    return best_;
  }

 private:
  // Signature checks dominate the cost (ECDSA verify ~0.8 ms): each pair is verified once.
  bool verified(const Certificate& child, const Certificate& parent) {
    const auto key = std::make_pair(child.native(), parent.native());
    const auto it = signatures_.find(key);
    if (it != signatures_.end()) return it->second;
    const bool ok = signed_by_cached(child, parent);
    signatures_.emplace(key, ok);
    return ok;
  }

  bool is_anchor(const Certificate& c) const {
    return std::any_of(in_.anchors.begin(), in_.anchors.end(), [&](const Certificate& a) { return a.same_as(c); });
  }

  bool on_path(const Path& p, const Certificate& c) const {
    return std::any_of(p.nodes.begin(), p.nodes.end(), [&](const Node& n) { return n.cert->same_as(c); });
  }

  int score_defects(const Path& p) const {
    int n = 0;
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
      const CertFacts& f = p.nodes[i].cert->facts();
      if (i < p.signature_ok.size() && !p.signature_ok[i]) n += 4;
      if (i > 0) n += 2 * ca_defects(f, p.nodes[i].anchor);
      if (in_.at < f.not_before || in_.at > f.not_after) ++n;
      // A CA's name constraints against the certificates below it: of two paths to trust
      // anchors (cross-signed CAs), the one whose constraints hold is the one to keep.
      if (i > 0 && f.name_constraints.present) {
        for (std::size_t j = 0; j < i; ++j) {
          if (j > 0 && p.nodes[j].cert->facts().self_issued) continue;
          if (!name_constraint_violations(f, p.nodes[j].cert->facts()).empty()) n += 2;
        }
      }
    }
    return n;
  }

  bool better(const Path& a, const Path& b) const {
    const bool a_trusted = a.end == ChainEnd::TrustAnchor;
    const bool b_trusted = b.end == ChainEnd::TrustAnchor;
    if (a_trusted != b_trusted) return a_trusted;
    if (a.defects != b.defects) return a.defects < b.defects;
    if (a_trusted) return a.nodes.size() < b.nodes.size();
    return a.nodes.size() > b.nodes.size();  // a longer partial path explains more
  }

  void finish(Path p, ChainEnd end) {
    p.end = end;
    p.signature_ok.resize(p.nodes.size(), true);
    p.defects = score_defects(p);
    if (!have_best_ || better(p, best_)) {
      best_ = std::move(p);
      have_best_ = true;
    }
  }

  void explore(Path& p) {
    if (++expansions_ > kMaxExpansions || (have_best_ && best_.end == ChainEnd::TrustAnchor && best_.defects == 0)) {
      return;
    }
    const Node top = p.nodes.back();
    if (top.anchor) return finish(p, ChainEnd::TrustAnchor);
    const mbedtls_x509_crt& child = *top.cert->native();
    std::vector<Node> issuers;
    bool looped = false;  // an issuer exists, but it is already on the path
    for (const Node& n : pool_) {
      const mbedtls_x509_crt& parent = *n.cert->native();
      // RFC 5280 §7.1: names chain when equal after case folding and white space handling.
      if (top.cert->facts().issuer_canonical != n.cert->facts().subject_canonical || !key_ids_compatible(child, parent)) {
        continue;
      }
      if (n.cert->same_as(*top.cert)) continue;
      if (on_path(p, *n.cert)) {
        looped = true;
        continue;
      }
      issuers.push_back(n);
    }
    // Trust anchors first; then only the first few are verified and tried, so a pool of many
    // certificates sharing one name cannot cost a signature check per pair.
    std::stable_sort(issuers.begin(), issuers.end(), [](const Node& a, const Node& b) { return a.anchor && !b.anchor; });
    if (issuers.size() > kMaxIssuersPerCert) issuers.resize(kMaxIssuersPerCert);
    std::vector<std::pair<Node, bool>> candidates;  // node, signature verifies
    for (const Node& n : issuers) candidates.emplace_back(n, verified(*top.cert, *n.cert));
    std::stable_sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
      if (a.first.anchor != b.first.anchor) return a.first.anchor;
      return a.second && !b.second;
    });
    const bool self_signed = top.cert->facts().self_issued && verified(*top.cert, *top.cert);
    if (candidates.empty() || p.nodes.size() >= kMaxDepth) {
      const ChainEnd end = self_signed            ? ChainEnd::UntrustedRoot
                           : !candidates.empty() ? ChainEnd::TooLong
                           : looped              ? ChainEnd::IssuerLoop
                                                 : ChainEnd::MissingIssuer;
      return finish(p, end);
    }
    if (self_signed) finish(p, ChainEnd::UntrustedRoot);
    for (const auto& [node, sig_ok] : candidates) {
      p.signature_ok.resize(p.nodes.size(), true);
      p.signature_ok.back() = sig_ok;
      p.nodes.push_back(node);
      explore(p);
      p.nodes.pop_back();
      p.signature_ok.resize(p.nodes.size());
    }
  }

  const ChainInput& in_;
  std::vector<Node> pool_;
  Path best_;
  bool have_best_ = false;
  int expansions_ = 0;
  std::map<std::pair<const mbedtls_x509_crt*, const mbedtls_x509_crt*>, bool> signatures_;
};

// A CRL signer other than the issuer must have a valid path of its own (RFC 5280 §6.3.3 (f)).
bool signer_path_valid(const ChainInput& input, const Certificate& signer) {
  if (input.depth >= kMaxSignerDepth) return false;
  ChainInput nested{signer, input.intermediates, input.anchors, input.crls, input.at, input.depth + 1, input.online};
  const ChainFacts chain = build_chain(nested);
  if (chain.end != ChainEnd::TrustAnchor) return false;
  for (const auto& link : chain.path) {
    if (!link.signature_ok || link.revocation == RevocationStatus::Revoked) return false;
    if (input.at < link.cert.not_before || input.at > link.cert.not_after) return false;
  }
  return true;
}

}  // namespace

ChainFacts build_chain(const ChainInput& input) {
  Builder builder(input);
  Path path = builder.best();
  std::vector<Certificate> pool = input.intermediates;
  pool.insert(pool.end(), input.anchors.begin(), input.anchors.end());
  CrlContext crl_context{input.at, &pool, [&](const Certificate& signer) { return signer_path_valid(input, signer); }};
  ChainFacts facts;
  facts.end = path.end;
  for (std::size_t i = 0; i < path.nodes.size(); ++i) {
    ChainLink link;
    link.cert = path.nodes[i].cert->facts();
    link.is_anchor = path.nodes[i].anchor;
    link.signature_ok = i < path.signature_ok.size() ? path.signature_ok[i] : true;
    if (input.crls != nullptr && i + 1 < path.nodes.size() && !link.is_anchor) {
      link.revocation = input.crls->status(*path.nodes[i].cert, *path.nodes[i + 1].cert, crl_context,
                                           &link.revocation_detail);
      if (link.revocation != RevocationStatus::NotChecked) link.revocation_source = "--crl";
    }
    const bool uncovered = link.revocation == RevocationStatus::NotChecked || link.revocation == RevocationStatus::Unknown;
    if (input.online != nullptr && uncovered && path.end == ChainEnd::TrustAnchor && i + 1 < path.nodes.size() &&
        !link.is_anchor) {
      RevocationAnswer a = input.online->check(*path.nodes[i].cert, *path.nodes[i + 1].cert);
      link.revocation = a.status;
      link.revocation_detail = std::move(a.detail);
      link.revocation_source = std::move(a.source);
      link.revocation_ldap_only = a.ldap_only;
    }
    facts.path.push_back(std::move(link));
  }
  return facts;
}

}  // namespace sipmtls::cert
