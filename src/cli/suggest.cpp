// SPDX-License-Identifier: MIT
// Suggestions for mistyped commands and options.
#include "suggest.hpp"

#include <algorithm>
#include <set>

namespace sipmtls::cli {
namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

void collect(const CLI::App& app, std::set<std::string>& commands, std::set<std::string>& options) {
  for (const CLI::Option* o : app.get_options()) {
    for (const auto& name : o->get_lnames()) options.insert("--" + name);
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.insert(sub->get_name());
    collect(*sub, commands, options);
  }
}

}  // namespace

std::optional<std::string> closest(const std::string& word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  bool tie = false;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
      tie = false;
    } else if (d == best_distance && best) {
      tie = true;
    }
  }
  if (tie) return std::nullopt;
  return best;
}

std::optional<std::string> suggestion(const CLI::App& app, int argc, const char* const* argv) {
  std::set<std::string> commands, options;
  collect(app, commands, options);
  const std::vector<std::string> command_list(commands.begin(), commands.end());
  const std::vector<std::string> option_list(options.begin(), options.end());
  bool command_seen = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) == 0) {
      arg = arg.substr(0, arg.find('='));
      if (options.count(arg) != 0) continue;
      if (auto near = closest(arg, option_list)) return "unknown option '" + arg + "'; did you mean '" + *near + "'?";
      continue;
    }
    if (command_seen || arg.empty() || arg[0] == '-') continue;
    if (commands.count(arg) != 0) {
      command_seen = true;
      continue;
    }
    // A word where the command should stand (not the value of a global option before it).
    const std::string before = i > 1 ? argv[i - 1] : "";
    if (before.rfind("--", 0) == 0 && before.find('=') == std::string::npos) continue;
    if (auto near = closest(arg, command_list)) return "unknown command '" + arg + "'; did you mean '" + *near + "'?";
    command_seen = true;  // an unknown word: the rest are its arguments
  }
  return std::nullopt;
}

}  // namespace sipmtls::cli
