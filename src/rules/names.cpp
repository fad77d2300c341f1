// SPDX-License-Identifier: MIT
// DNS name comparison (RFC 4343 case folding; RFC 2818 §3.1 wildcards; RFC 5922 §7.1 sip: URIs).
#include "sipmtls/rules/names.hpp"

#include <cctype>

namespace sipmtls::rules {
namespace {

std::string_view trim_dot(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return s;
}

}  // namespace

bool dns_equal(std::string_view a, std::string_view b) {
  a = trim_dot(a);
  b = trim_dot(b);
  if (a.size() != b.size() || a.empty()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool is_wildcard(std::string_view name) { return name.find('*') != std::string_view::npos; }

bool wildcard_matches(std::string_view pattern, std::string_view host) {
  pattern = trim_dot(pattern);
  host = trim_dot(host);
  if (pattern.size() < 3 || pattern.substr(0, 2) != "*.") return false;
  const std::string_view rest = pattern.substr(2);
  // "*.com" would cover a whole top-level domain: require at least two labels after the star.
  if (rest.find('.') == std::string_view::npos || is_wildcard(rest) || is_public_suffix(rest)) return false;
  const std::size_t dot = host.find('.');
  if (dot == std::string_view::npos || dot == 0) return false;
  return dns_equal(host.substr(dot + 1), rest);
}

std::string sip_domain_of_uri(std::string_view uri) {
  if (uri.size() < 4) return {};
  for (std::size_t i = 0; i < 4; ++i) {
    if (std::tolower(static_cast<unsigned char>(uri[i])) != "sip:"[i]) return {};
  }
  std::string_view rest = uri.substr(4);
  if (rest.find('@') != std::string_view::npos) return {};  // a user, not a domain
  const std::size_t end = rest.find_first_of(":;?>");
  return std::string(rest.substr(0, end));
}

}  // namespace sipmtls::rules
