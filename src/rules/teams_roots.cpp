// SPDX-License-Identifier: MIT
// teams_roots.def as data.
#include "sipmtls/rules/teams_roots.hpp"

namespace sipmtls::rules {

const std::vector<TeamsRoot>& teams_roots() {
  static const std::vector<TeamsRoot> roots = {
#define SIPMTLS_TEAMS_ROOT(name, sha1, sha256, status, file) TeamsRoot{name, sha1, sha256, RootStatus::status, file},
#include "teams_roots.def"
#undef SIPMTLS_TEAMS_ROOT
  };
  return roots;
}

}  // namespace sipmtls::rules
