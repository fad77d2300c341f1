// SPDX-License-Identifier: MIT
// The options connect and listen share.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli.hpp"
#include "sipmtls/app/endpoint.hpp"

namespace sipmtls::cli {

struct EndpointArgs {
  app::EndpointOptions* options;  ///< filled by parsing
  std::string profile = "ocs";
  std::string at;
};

void add_endpoint_options(CLI::App* sub, EndpointArgs& args);

/// The one vocabulary for a server's names on every command: --fqdn (repeatable) and --pool, as
/// `fqdn` and `pool` in identity files. `old` is the command's earlier spelling, kept hidden.
struct NameArgs {
  std::vector<std::string> fqdn, old;
  std::string pool;
  std::vector<std::string> all_fqdns() const;  ///< --fqdn, then the older spelling's values
  /// The names a dialled server must answer for: the pool first, then each FQDN.
  std::vector<std::string> dialled() const;
  /// The peers a listener accepts: each FQDN (as "POOL,FQDN" with a pool), or the pool alone.
  std::vector<std::string> accepted() const;
};
void add_name_options(CLI::App* sub, NameArgs& names, const std::string& fqdn_help, const std::string& old_flag);
/// Converts what needs converting once parsing succeeded; an input error for bad values.
std::optional<Error> finish_endpoint_options(EndpointArgs& args, const GlobalOptions& globals);

}  // namespace sipmtls::cli
