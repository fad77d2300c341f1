// SPDX-License-Identifier: MIT
// Reads testcerts/manifest.toml with toml++.
#include "manifest.hpp"

#include <stdexcept>
#include <toml++/toml.h>

namespace sipmtls::test {
namespace {

template <class View>
std::vector<std::string> strings(const View& node) {
  std::vector<std::string> out;
  if (const auto* arr = node.as_array()) {
    for (const auto& v : *arr) out.push_back(v.template value<std::string>().value());
  }
  return out;
}

template <class View>
std::set<std::string> string_set(const View& node) {
  auto v = strings(node);
  return {v.begin(), v.end()};
}

ManifestCase read_case(const toml::table& t, const toml::table& defaults, const std::vector<std::string>& profiles,
                       const toml::table* profile_extra) {
  ManifestCase c;
  c.id = t["id"].value_or(std::string());
  c.about = t["about"].value_or(std::string());
  c.cert = t["cert"].value_or(std::string());
  c.key = t["key"].value_or(std::string());
  c.password = t["password"].value_or(std::string());
  c.blame = t["blame"].value_or(std::string());
  c.fqdn = t.contains("fqdn") ? strings(t["fqdn"]) : strings(defaults["fqdn"]);
  c.ca = t.contains("ca") ? strings(t["ca"]) : strings(defaults["ca"]);
  c.chain = strings(t["chain"]);
  c.crl = strings(t["crl"]);
  const Expectation base{string_set(t["errors"]), string_set(t["warnings"])};
  for (const auto& p : profiles) {
    c.expect[p] = base;
    if (const auto* e = t["expect"][p].as_table()) {
      c.expect[p] = Expectation{string_set((*e)["errors"]), string_set((*e)["warnings"])};
    }
    // What a profile adds to every case whose path reaches the corpus root (reaches_root, default true).
    if (profile_extra != nullptr && t["reaches_root"].value_or(true)) {
      for (const auto& w : string_set((*profile_extra)[p]["warnings"])) c.expect[p].warnings.insert(w);
    }
  }
  return c;
}

Manifest load() {
  const std::string dir = SIPMTLS_TESTCERTS_DIR;
  toml::table parsed;
  try {
    parsed = toml::parse_file(dir + "/manifest.toml");
  } catch (const toml::parse_error& e) {
    throw std::runtime_error("manifest.toml: " + std::string(e.description()));
  }
  const toml::table& root = parsed;
  Manifest m;
  m.dir = dir;
  m.password_env = root["password_env"].value_or(std::string());
  m.password = root["password"].value_or(std::string());
  m.at = root["at"].value_or(std::string());
  m.profiles = strings(root["profiles"]);
  const toml::table empty;
  const toml::table& defaults = root["defaults"].as_table() ? *root["defaults"].as_table() : empty;
  if (const auto* arr = root["case"].as_array()) {
    for (const auto& n : *arr) m.cases.push_back(read_case(*n.as_table(), defaults, m.profiles, root["profile_extra"].as_table()));
  }
  if (const auto* arr = root["bad"].as_array()) {
    for (const auto& n : *arr) m.bad.push_back(read_case(*n.as_table(), empty, m.profiles, nullptr));
  }
  return m;
}

}  // namespace

const Manifest& manifest() {
  static const Manifest m = load();
  return m;
}

}  // namespace sipmtls::test
