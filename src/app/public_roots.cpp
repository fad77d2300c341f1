// SPDX-License-Identifier: MIT
// The system's public roots, loaded once.
#include "app/public_roots.hpp"

#include <cstdlib>
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
    auto certs = cert::load_certificates({where});
    if (!certs) return r;  // no public store here: nothing is known to be public
    for (const auto& c : certs.value()) {
      r.sha256.insert(c.facts().sha256);
      r.subjects.insert(c.facts().subject_canonical);
    }
    return r;
  }();
  return roots;
}

}  // namespace

bool issued_by_public_ca(const cert::ChainFacts& chain) {
  if (chain.path.empty()) return false;
  const PublicRoots& roots = public_roots();
  for (const auto& link : chain.path) {
    if (roots.sha256.contains(link.cert.sha256)) return true;
  }
  return roots.subjects.contains(chain.path.back().cert.issuer_canonical);
}

}  // namespace sipmtls::app
