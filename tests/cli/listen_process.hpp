// SPDX-License-Identifier: MIT
// `sipmtls listen` as a child process on a free port, for the CLI tests of connect and listen.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "../support/process.hpp"

namespace sipmtls::test {

/// A testcerts path.
std::string tc(const std::string& path);
/// args with --cert, --key of testcerts case `id`, --ca the root, --crl the corpus CRLs and --at
/// the manifest's time.
std::vector<std::string> with_cert(std::vector<std::string> args, const std::string& id);
std::string slurp(const std::string& path);

/// A listener (JSON report in `log`) for one connection, with testcerts case `id` as its
/// certificate; ready once constructed.
struct ListenProcess {
  explicit ListenProcess(const std::vector<std::string>& extra, const std::string& id = "b-rsa");
  std::uint16_t port;
  std::string log;
  std::unique_ptr<Background> process;
};

}  // namespace sipmtls::test
