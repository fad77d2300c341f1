// SPDX-License-Identifier: MIT
#include "roles.hpp"

#include <set>
#include <stdexcept>

#include "sipmtls/rules/profile.hpp"

namespace sipmtls::test {
namespace {

std::string join(const std::set<std::string>& codes) {
  std::string text;
  for (const auto& c : codes) text += (text.empty() ? "" : ",") + c;
  return text;
}

}  // namespace

std::string expected_errors(const ManifestCase& c, const std::string& profile, bool as_server) {
  std::set<std::string> want = c.expect.at(profile).errors;
  const rules::ProfilePolicy& p = rules::policy(*rules::parse_profile(profile));
  // LCS 2003 wants both EKUs of a peer in either role; the others only the role's own.
  if (!p.peer_needs_both_ekus) {
    if (as_server) want.erase("EKU_MISSING_CLIENT_AUTH");
    if (!as_server) want.erase("EKU_MISSING_SERVER_AUTH");
  }
  if (!as_server && !p.peer_client_needs_client_auth) want.erase("EKU_MISSING_CLIENT_AUTH");
  want.erase("PRIVATE_KEY_MISMATCH");
  return join(want);
}

std::string error_codes(const report::CheckResult& r) {
  std::set<std::string> out;
  for (const auto& f : r.findings) {
    if (f.severity == Severity::Error) out.emplace(finding_code_name(f.code));
  }
  return join(out);
}

app::IdentitySource identity_of(const Manifest& m, const ManifestCase& c) {
  app::IdentitySource s;
  s.cert_path = m.path(c.cert);
  if (!c.key.empty()) s.key_path = m.path(c.key);
  s.password = {m.password_env, false, ""};
  for (const auto& f : c.ca) s.ca.push_back(m.path(f));
  for (const auto& f : c.chain) s.chain.push_back(m.path(f));
  for (const auto& f : c.crl) s.crl.push_back(m.path(f));
  return s;
}

app::IdentitySource identity_of(const std::string& id) { return identity_of(manifest(), find_case(manifest(), id)); }

app::IdentitySource judging(const Manifest& m, const ManifestCase& ours, const ManifestCase& judged) {
  app::IdentitySource s = identity_of(m, ours);
  const app::IdentitySource theirs = identity_of(m, judged);
  s.ca = theirs.ca;
  s.crl = theirs.crl;
  return s;
}

const ManifestCase& find_case(const Manifest& m, const std::string& id) {
  for (const auto& c : m.cases) {
    if (c.id == id) return c;
  }
  throw std::runtime_error("no manifest case " + id);
}

}  // namespace sipmtls::test
