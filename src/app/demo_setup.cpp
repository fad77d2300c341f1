// SPDX-License-Identifier: MIT
// Where the demo's testcerts are, and the corpus's published test password.
#include <cstdlib>
#include <filesystem>

#include "config/toml_reader.hpp"
#include "sipmtls/app/demo.hpp"

namespace sipmtls::app {

std::optional<std::string> find_testcerts(const std::vector<std::string>& candidates) {
  for (const auto& dir : candidates) {
    std::error_code ec;
    if (std::filesystem::is_regular_file(std::filesystem::path(dir) / "demo.toml", ec)) return dir;
  }
  return std::nullopt;
}

void use_corpus_password(const std::string& testcerts_dir) {
  auto parsed = config::parse_file(testcerts_dir + "/manifest.toml");
  if (!parsed) return;  // the demo then says which file needs a password
  const auto var = parsed.value()["password_env"].value<std::string>();
  const auto password = parsed.value()["password"].value<std::string>();
  if (var && password && !var->empty()) ::setenv(var->c_str(), password->c_str(), /*overwrite=*/0);
}

}  // namespace sipmtls::app
