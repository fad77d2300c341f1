// SPDX-License-Identifier: MIT
// `sipmtls demo`: the bundled testcerts' pairs as a first impression (demo.toml, run as a suite).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sipmtls/app/suite.hpp"

namespace sipmtls::app {

/// One screen: per case the two directions with their codes and what happened to A's
/// certificate; each finding code once, with its sentence, Windows error and fix; a summary.
std::string render_demo_text(const SuiteResult& result, bool colour);

/// The first of `candidates` that holds demo.toml.
std::optional<std::string> find_testcerts(const std::vector<std::string>& candidates);

/// The bundled corpus's PFX files are protected by a published test password (manifest.toml
/// `password_env` and `password`): sets that variable for this process unless it is set.
void use_corpus_password(const std::string& testcerts_dir);

}  // namespace sipmtls::app
