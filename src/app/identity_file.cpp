// SPDX-License-Identifier: MIT
// Server identity files.
#include "sipmtls/app/identity_file.hpp"

#include <filesystem>

#include "config/toml_reader.hpp"

namespace sipmtls::app {
namespace {

std::string resolve(const std::filesystem::path& base, const std::string& path) {
  const std::filesystem::path p(path);
  return p.is_absolute() ? path : (base / p).lexically_normal().string();
}

}  // namespace

std::vector<std::string> ServerIdentity::names() const {
  if (pool_fqdn.empty()) return {fqdn};
  return {pool_fqdn, fqdn};
}

std::string ServerIdentity::label() const { return pool_fqdn.empty() ? fqdn : pool_fqdn + " (" + fqdn + ")"; }

Result<ServerIdentity> load_identity_file(const std::string& path) {
  auto parsed = config::parse_file(path);
  if (!parsed) return parsed.error();
  config::TableReader r(parsed.value(), path);
  const auto base = std::filesystem::path(path).parent_path();
  ServerIdentity id;
  id.file = path;
  id.fqdn = r.string("fqdn", true).value_or("");
  // `pool`, as --pool on the command line; `pool_fqdn` is its older spelling.
  const auto pool = r.string("pool"), pool_fqdn = r.string("pool_fqdn");
  if (pool && pool_fqdn) return r.error_at("pool_fqdn", "'pool_fqdn' is the older spelling of 'pool': give one of them");
  id.pool_fqdn = pool.value_or(pool_fqdn.value_or(""));
  id.source.cert_path = resolve(base, r.string("cert", true).value_or(""));
  if (auto key = r.string("key")) id.source.key_path = resolve(base, *key);
  id.source.password = {r.string("password_env").value_or(""), true, ""};
  for (const auto& f : r.strings("chain")) id.source.chain.push_back(resolve(base, f));
  for (const auto& f : r.strings("trust", true)) id.source.ca.push_back(resolve(base, f));
  for (const auto& f : r.strings("crl")) id.source.crl.push_back(resolve(base, f));
  const auto profile = r.string("profile");
  if (auto e = r.finish()) return *e;
  if (profile) {
    auto p = rules::parse_profile(*profile);
    if (!p) return r.error_at("profile", "unknown profile '" + *profile + "' (lcs2003, lcs2005, ocs, teams, rfc5922)");
    id.profile = *p;
  }
  if (id.fqdn.empty()) return r.error_at("fqdn", "'fqdn' must not be empty");
  if (id.source.ca.empty()) return r.error_at("trust", "'trust' must name at least one root CA file or directory");
  return id;
}

}  // namespace sipmtls::app
