// SPDX-License-Identifier: MIT
// "Did you mean": the known command or option closest to a mistyped one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace sipmtls::cli {

/// The candidate within two edits of `word` (the closest; none when two tie or none is close).
std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& candidates);

/// After a failed parse: "unknown command 'inpsect'; did you mean 'inspect'?" or the same for an
/// option, when one of the arguments is a near miss; nullopt when none is.
std::optional<std::string> suggestion(const CLI::App& app, int argc, const char* const* argv);

}  // namespace sipmtls::cli
