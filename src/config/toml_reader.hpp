// SPDX-License-Identifier: MIT
// Strict reading of the tool's TOML files (identities, suites): every error is one line
// "FILE:LINE: what", unknown keys are errors, and types are checked.
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sipmtls/result.hpp"

namespace sipmtls::config {

/// Parses a file; the error names FILE:LINE and the parser's reason.
Result<toml::table> parse_file(const std::string& path);
/// Parses TOML text read from path (named in errors); nesting is bounded before the parser runs.
Result<toml::table> parse_text(std::string_view text, const std::string& path);

/// Reads the keys of one table, remembering the first error and every key it was asked for.
class TableReader {
 public:
  TableReader(const toml::table& table, std::string file, std::string where = "");

  std::optional<std::string> string(const std::string& key, bool required = false);
  std::vector<std::string> strings(const std::string& key, bool required = false);
  std::optional<std::int64_t> integer(const std::string& key);
  std::optional<double> number(const std::string& key);
  std::optional<bool> boolean(const std::string& key);
  /// A value that is either a string or an array of strings.
  std::optional<std::vector<std::string>> string_or_strings(const std::string& key);
  bool has(const std::string& key) const { return table_.contains(key); }
  /// Marks a key the caller reads itself (e.g. an array of tables).
  void allow(const std::string& key) { known_.insert(key); }
  const toml::table& table() const { return table_; }

  /// "FILE:LINE: message" at the line of key (or of the table).
  Error error_at(const std::string& key, const std::string& message) const;
  /// The first error, or one for a key nobody asked for.
  std::optional<Error> finish();

 private:
  void fail(const std::string& key, const std::string& message);
  const toml::table& table_;
  std::string file_, where_;
  std::set<std::string> known_;
  std::optional<Error> error_;
};

}  // namespace sipmtls::config
