// SPDX-License-Identifier: MIT
// Strict TOML reading with file:line errors.
#include "config/toml_reader.hpp"

namespace sipmtls::config {

Result<toml::table> parse_file(const std::string& path) {
  try {
    return toml::parse_file(path);
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
  if (!node->is_number()) {
    fail(key, "'" + key + "' must be a number");
    return std::nullopt;
  }
  return node->value<double>();
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
