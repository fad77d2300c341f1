// SPDX-License-Identifier: MIT
// Suite files: one [[check]] table per item, each checked strictly.
#include <filesystem>

#include "config/toml_reader.hpp"
#include "sipmtls/app/suite.hpp"

namespace sipmtls::app {
namespace {

std::string resolve(const std::filesystem::path& base, const std::string& path) {
  const std::filesystem::path p(path);
  return p.is_absolute() ? path : (base / p).lexically_normal().string();
}

/// "pass" or an array of codes; every code must exist.
std::optional<Error> read_expect(config::TableReader& r, const std::string& key, std::optional<CodeSet>& out) {
  const toml::node* node = r.table().get(key);
  if (node == nullptr) {
    r.allow(key);
    return std::nullopt;
  }
  auto values = r.string_or_strings(key);
  if (!values) return r.finish();
  CodeSet codes;
  if (node->is_string()) {
    if ((*values)[0] != "pass") return r.error_at(key, "'" + key + "' must be \"pass\" or an array of finding codes");
  } else {
    for (const auto& code : *values) {
      if (!finding_code_from_name(code)) return r.error_at(key, "unknown finding code '" + code + "'");
      codes.insert(code);
    }
  }
  out = codes;
  return std::nullopt;
}

Result<ServerIdentity> identity_at(config::TableReader& r, const std::filesystem::path& base, const std::string& key) {
  auto file = r.string(key, true);
  if (!file) {
    if (auto e = r.finish()) return *e;
    return r.error_at(key, "missing '" + key + "'");
  }
  return load_identity_file(resolve(base, *file));
}

Result<SuiteItem> read_item(const toml::table& t, const std::string& path, const std::filesystem::path& base,
                            std::size_t index) {
  config::TableReader r(t, path, "check " + std::to_string(index + 1));
  SuiteItem item;
  item.kind = r.string("kind", true).value_or("");
  item.name = r.string("name").value_or("");
  item.strict = r.boolean("strict").value_or(false);
  item.x509_strict = r.boolean("x509_strict").value_or(false);
  item.tls = r.string("tls").value_or("");
  const auto revocation = r.string("revocation");
  if (revocation) item.revocation = cert::parse_revocation_mode(*revocation);
  std::optional<CodeSet> expect;
  if (auto e = read_expect(r, "expect", expect)) return *e;
  item.expect = expect.value_or(CodeSet{});
  if (auto e = r.finish(); e && item.kind.empty()) return *e;
  if (item.kind == "pair") {
    auto a = identity_at(r, base, "a");
    if (!a) return a.error();
    auto b = identity_at(r, base, "b");
    if (!b) return b.error();
    item.a = std::move(a.value());
    item.b = std::move(b.value());
    if (auto e = read_expect(r, "expect_ab", item.expect_ab)) return *e;
    if (auto e = read_expect(r, "expect_ba", item.expect_ba)) return *e;
    if (item.name.empty()) item.name = item.a.label() + " <-> " + item.b.label();
  } else if (item.kind == "inspect" || item.kind == "connect" || item.kind == "listen") {
    auto id = identity_at(r, base, "identity");
    if (!id) return id.error();
    item.identity = std::move(id.value());
    // Names as on the command line: `fqdn` (a list) and `pool`; `names` and `expect_names` are
    // the older spellings.
    const auto fqdns = r.strings("fqdn");
    const auto pool = r.string("pool").value_or("");
    if (item.kind == "connect") {
      item.target = r.string("target", true).value_or("");
      item.dns_server = r.string("dns_server").value_or("");
      item.names = dialled_names(pool, fqdns);
      for (auto& n : r.strings("names")) item.names.push_back(std::move(n));
    } else if (item.kind == "listen") {
      item.bind = r.string("bind", true).value_or("");
      item.expect_names = accepted_peers(pool, fqdns);
      for (auto& n : r.strings("expect_names")) item.expect_names.push_back(std::move(n));
      item.count = static_cast<int>(r.integer("count").value_or(1));
      item.duration_s = r.number("duration").value_or(30);
    }
    if (item.name.empty()) item.name = item.kind + " " + item.identity.label();
  } else {
    return r.error_at("kind", "'kind' must be inspect, connect, listen or pair, not '" + item.kind + "'");
  }
  if (auto e = r.finish()) return *e;
  if (!item.tls.empty() && item.tls != "1.2" && item.tls != "1.3" && item.tls != "auto") {
    return r.error_at("tls", "'tls' must be 1.2, 1.3 or auto");
  }
  if (revocation && !item.revocation) return r.error_at("revocation", "'revocation' must be off, soft or hard");
  return item;
}

}  // namespace

Result<Suite> load_suite(const std::string& path) {
  auto parsed = config::parse_file(path);
  if (!parsed) return parsed.error();
  const toml::table& root = parsed.value();
  config::TableReader r(root, path);
  Suite suite;
  suite.file = path;
  const auto base = std::filesystem::path(path).parent_path();
  if (auto at = r.string("at")) {
    suite.at = cert::parse_time(*at);
    if (!suite.at) return r.error_at("at", "'at' must be a time: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
  }
  suite.timeout_s = r.number("timeout").value_or(10);
  if (suite.timeout_s < 0.1 || suite.timeout_s > 3600) return r.error_at("timeout", "'timeout' must be 0.1 to 3600 seconds");
  suite.tls = r.string("tls").value_or("auto");
  suite.x509_strict = r.boolean("x509_strict").value_or(false);
  if (const auto revocation = r.string("revocation")) {
    suite.revocation = cert::parse_revocation_mode(*revocation);
    if (!suite.revocation) return r.error_at("revocation", "'revocation' must be off, soft or hard");
  }
  const toml::node* checks = root.get("check");
  r.allow("check");
  if (auto e = r.finish()) return *e;
  const toml::array* arr = checks != nullptr ? checks->as_array() : nullptr;
  if (arr == nullptr || arr->empty()) return r.error_at("check", "no [[check]] tables");
  // Every item is read, so one run names all the mistakes in the file (one line each).
  std::vector<Error> errors;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::table* t = (*arr)[i].as_table();
    if (t == nullptr) return r.error_at("check", "'check' must be an array of tables ([[check]])");
    auto item = read_item(*t, path, base, i);
    if (item) {
      suite.items.push_back(std::move(item.value()));
    } else {
      errors.push_back(item.error());
    }
  }
  if (errors.size() == 1) return errors.front();
  if (!errors.empty()) {
    std::string all = path + ": " + std::to_string(errors.size()) + " errors";
    for (const auto& e : errors) all += "\n  " + e.message;
    return input_error(all);
  }
  return suite;
}

}  // namespace sipmtls::app
