// SPDX-License-Identifier: MIT
// The roots Teams Direct Routing's SIP proxies chain to (src/rules/teams_roots.def).
#pragma once

#include <string_view>
#include <vector>

namespace sipmtls::rules {

enum class RootStatus {
  Current,  ///< the proxies' certificates chain to it today: an SBC without it fails MTLS now
  Listed,   ///< on Microsoft's 2026 list: the proxies may move to it at any renewal
  Retired,  ///< no longer used (expired)
};

struct TeamsRoot {
  std::string_view name, sha1, sha256;
  RootStatus status;
  std::string_view debian_file;  ///< its copy in /usr/share/ca-certificates/mozilla/
};

const std::vector<TeamsRoot>& teams_roots();

}  // namespace sipmtls::rules
