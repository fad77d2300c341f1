// SPDX-License-Identifier: MIT
// Strict TOML reading with file:line errors.
#include "config/toml_reader.hpp"

#include <cmath>
#include <optional>
#include <string_view>

#include "sipmtls/file.hpp"

namespace sipmtls::config {

namespace {

constexpr std::size_t kMaxTomlSize = 4 * 1024 * 1024;
constexpr int kMaxNesting = 64;

// toml++ recurses once per dotted-key segment and per nested array or inline table: a hostile
// file could exhaust the stack. Counted here first, outside strings and comments.
std::optional<std::size_t> too_deep(std::string_view text) {
  int depth = 0, dots = 0;
  std::size_t line = 1;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      dots = 0;
      if (quote == '"' || quote == '\'') quote = 0;  // basic strings end with the line (multi-line: see below)
      continue;
    }
    if (quote != 0) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) return line;
    } else if (c == ']' || c == '}') {
      depth = depth > 0 ? depth - 1 : 0;
    } else if (c == '.' && ++dots > kMaxNesting) {
      return line;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<toml::table> parse_file(const std::string& path) {
  auto bytes = read_regular_file(path, kMaxTomlSize);
  if (!bytes) return bytes.error();
  return parse_text(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), path);
}

Result<toml::table> parse_text(std::string_view text, const std::string& path) {
  if (auto line = too_deep(text)) {
    return input_error(path + ":" + std::to_string(*line) + ": nested or dotted more than " +
                       std::to_string(kMaxNesting) + " levels deep");
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    const auto line = e.source().begin.line;
    return input_error(path + ":" + std::to_string(line) + ": " + std::string(e.description()));
  }
}

TableReader::TableReader(const toml::table& table, std::string file, std::string where)
    : table_(table), file_(std::move(file)), where_(std::move(where)) {}

Error TableReader::error_at(const std::string& key, const std::string& message) const {
  const toml::node* node = table_.get(key);
  const auto line = node != nullptr ? node->source().begin.line : table_.source().begin.line;
  return input_error(file_ + ":" + std::to_string(line) + ": " + (where_.empty() ? "" : where_ + ": ") + message);
}

void TableReader::fail(const std::string& key, const std::string& message) {
  if (!error_) error_ = error_at(key, message);
}

std::optional<std::string> TableReader::string(const std::string& key, bool required) {
  known_.insert(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr) {
    if (required) fail(key, "missing '" + key + "'");
    return std::nullopt;
  }
  if (!node->is_string()) {
    fail(key, "'" + key + "' must be a string");
    return std::nullopt;
  }
  return node->value<std::string>();
}

std::vector<std::string> TableReader::strings(const std::string& key, bool required) {
  known_.insert(key);
  const toml::node* node = table_.get(key);
  std::vector<std::string> out;
  if (node == nullptr) {
    if (required) fail(key, "missing '" + key + "'");
    return out;
  }
  const toml::array* arr = node->as_array();
  if (arr == nullptr) {
    fail(key, "'" + key + "' must be an array of strings");
    return out;
  }
  for (const auto& v : *arr) {
    if (!v.is_string()) {
      fail(key, "'" + key + "' must be an array of strings");
      return {};
    }
    out.push_back(*v.value<std::string>());
  }
  return out;
}

std::optional<std::vector<std::string>> TableReader::string_or_strings(const std::string& key) {
  const toml::node* node = table_.get(key);
  if (node != nullptr && node->is_string()) return std::vector<std::string>{*string(key)};
  if (node == nullptr) {
    known_.insert(key);
    return std::nullopt;
  }
  return strings(key);
}

std::optional<std::int64_t> TableReader::integer(const std::string& key) {
  known_.insert(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_integer()) {
    fail(key, "'" + key + "' must be an integer");
    return std::nullopt;
  }
  return node->value<std::int64_t>();
}

std::optional<double> TableReader::number(const std::string& key) {
  known_.insert(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  const auto value = node->value<double>();
  // TOML has nan and inf literals: a number here is always a finite one.
  if (!node->is_number() || !value || !std::isfinite(*value)) {
    fail(key, "'" + key + "' must be a finite number");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TableReader::boolean(const std::string& key) {
  known_.insert(key);
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (!node->is_boolean()) {
    fail(key, "'" + key + "' must be true or false");
    return std::nullopt;
  }
  return node->value<bool>();
}

std::optional<Error> TableReader::finish() {
  if (error_) return error_;
  for (const auto& [key, node] : table_) {
    const std::string name(key.str());
    if (known_.count(name) == 0) {
      std::string list;
      for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
      return error_at(name, "unknown key '" + name + "' (known: " + list + ")");
    }
  }
  return std::nullopt;
}

}  // namespace sipmtls::config
