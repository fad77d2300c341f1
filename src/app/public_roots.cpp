// SPDX-License-Identifier: MIT
// The system's public roots, loaded once.
#include "app/public_roots.hpp"

#include "sipmtls/ascii.hpp"

#include <cstdlib>
#include <vector>
#include <set>
#include <string>

namespace sipmtls::app {
namespace {

struct PublicRoots {
  std::set<std::string> sha256, subjects;
};

const PublicRoots& public_roots() {
  static const PublicRoots roots = [] {
    PublicRoots r;
    const char* env = std::getenv("SIPMTLS_PUBLIC_ROOTS");
    const std::string where = env != nullptr ? env : "/usr/share/ca-certificates/mozilla";
    // No public store here: nothing is known to be public.
    for (const auto& c : cert::scan_certificates(where)) {
      r.sha256.insert(c.sha256);
      r.subjects.insert(c.subject_canonical);
    }
    return r;
  }();
  return roots;
}

// The organisations (2.5.4.10) of a name in comparable form ("<length>:<rdn>" per RDN, the
// attributes of an RDN joined by '+'), already case-folded.
std::vector<std::string> organisations(const std::string& canonical) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < canonical.size()) {
    const auto colon = canonical.find(':', pos);
    if (colon == std::string::npos) break;
    const std::size_t len = std::strtoul(canonical.substr(pos, colon - pos).c_str(), nullptr, 10);
    const std::string rdn = canonical.substr(colon + 1, len);
    pos = colon + 1 + len;
    for (std::size_t at = 0; (at = rdn.find("2.5.4.10=", at)) != std::string::npos;) {
      if (at != 0 && rdn[at - 1] != '+') {
        ++at;
        continue;
      }
      const auto end = rdn.find('+', at);
      out.push_back(rdn.substr(at + 9, end == std::string::npos ? std::string::npos : end - at - 9));
      at += 9;
    }
  }
  return out;
}

bool public_issuer_name(const std::string& issuer_canonical) {
  static const std::set<std::string> known = [] {
    std::set<std::string> names;
#define SIPMTLS_PUBLIC_ISSUER(name) names.insert(ascii_lower(name));
#include "public_issuers.def"
#undef SIPMTLS_PUBLIC_ISSUER
    return names;
  }();
  for (const auto& o : organisations(issuer_canonical)) {
    if (known.contains(o)) return true;
  }
  return false;
}

}  // namespace

bool issued_by_public_ca(const cert::ChainFacts& chain) {
  if (chain.path.empty()) return false;
  const PublicRoots& roots = public_roots();
  for (const auto& link : chain.path) {
    if (roots.sha256.contains(link.cert.sha256)) return true;
  }
  const cert::CertFacts& top = chain.path.back().cert;
  if (roots.subjects.contains(top.issuer_canonical)) return true;
  // A path that reached a root the store lacks is a private CA's, whatever its names say; names
  // decide only for a path that ends without a root (a leaf alone, a missing intermediate).
  return chain.end != cert::ChainEnd::TrustAnchor && public_issuer_name(top.issuer_canonical);
}

}  // namespace sipmtls::app
