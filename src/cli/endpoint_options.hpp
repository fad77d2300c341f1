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
/// Converts what needs converting once parsing succeeded; an input error for bad values.
std::optional<Error> finish_endpoint_options(EndpointArgs& args, const GlobalOptions& globals);

}  // namespace sipmtls::cli
