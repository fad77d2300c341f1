// SPDX-License-Identifier: MIT
// --fqdn and --pool (and the same keys in files) as the names connect and listen check.
#include "sipmtls/app/endpoint.hpp"

namespace sipmtls::app {

std::vector<std::string> dialled_names(const std::string& pool, const std::vector<std::string>& fqdns) {
  std::vector<std::string> out;
  if (!pool.empty()) out.push_back(pool);
  out.insert(out.end(), fqdns.begin(), fqdns.end());
  return out;
}

std::vector<std::string> accepted_peers(const std::string& pool, const std::vector<std::string>& fqdns) {
  std::vector<std::string> out;
  for (const auto& name : fqdns) out.push_back(pool.empty() ? name : pool + "," + name);
  if (out.empty() && !pool.empty()) out.push_back(pool);
  return out;
}

}  // namespace sipmtls::app
