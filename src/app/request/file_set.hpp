// SPDX-License-Identifier: MIT
// Files written all or none: each goes to a temporary name beside its target, and all are
// renamed into place only when every one was written.
#pragma once

#include <string>
#include <vector>

#include "sipmtls/result.hpp"

namespace sipmtls::app {

class FileSet {
 public:
  ~FileSet();  ///< removes temporaries not committed
  /// Stages contents for path; private files are created with mode 0600.
  Result<bool> add(const std::string& path, const std::string& contents, bool private_file);
  /// Renames every staged file into place.
  Result<bool> commit();

 private:
  std::vector<std::pair<std::string, std::string>> staged_;  // temporary, target
};

}  // namespace sipmtls::app
