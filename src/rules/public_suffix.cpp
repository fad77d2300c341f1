// SPDX-License-Identifier: MIT
// The Public Suffix List (libpsl's built-in copy, ICANN and private sections): a wildcard may not
// stand for a whole registry-controlled suffix such as "*.co.uk" or "*.s3.amazonaws.com".
#include <libpsl.h>

#include <string>

#include "sipmtls/rules/names.hpp"

namespace sipmtls::rules {

bool is_public_suffix(std::string_view domain) {
  static const psl_ctx_t* const list = psl_builtin() != nullptr ? psl_builtin() : psl_latest(nullptr);
  if (list == nullptr || domain.empty()) return false;
  std::string lower(domain);
  if (lower.back() == '.') lower.pop_back();
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  // Without the implicit "*" rule, so private TLDs (".local", ".test", ".corp") are not suffixes.
  return psl_is_public_suffix2(list, lower.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

}  // namespace sipmtls::rules
