// SPDX-License-Identifier: MIT
// testcerts/manifest.toml, read for the tests.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace sipmtls::test {

struct Expectation {
  std::set<std::string> errors;
  std::set<std::string> warnings;
};

struct ManifestCase {
  std::string id, about, cert, key;
  std::vector<std::string> fqdn, ca, chain, crl;
  std::string password;  ///< for [[bad]]: overrides the corpus password when set
  std::string blame;     ///< for [[bad]]: the file the error message must name
  std::map<std::string, Expectation> expect;  ///< per profile, defaults applied
};

struct Manifest {
  std::string dir;  ///< testcerts/
  std::string password_env, password, at;
  std::vector<std::string> profiles;
  std::vector<ManifestCase> cases;
  std::vector<ManifestCase> bad;
  std::string path(const std::string& relative) const { return dir + "/" + relative; }
};

/// Loads SIPMTLS_TESTCERTS_DIR/manifest.toml; throws std::runtime_error with the reason.
const Manifest& manifest();

}  // namespace sipmtls::test
