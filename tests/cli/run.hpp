// SPDX-License-Identifier: MIT
// Runs the sipmtls binary as a child process and captures what it printed.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sipmtls::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs SIPMTLS_BINARY with args; env entries are set in the child, stdin is /dev/null.
RunResult run_sipmtls(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});
/// Runs any command through /bin/sh -c and returns its exit code.
int run_shell(const std::string& command);
/// What `openssl x509 -in FILE -noout OPTIONS` prints after its '=', colons and newline removed:
/// the reference for thumbprints ("-fingerprint -sha1") and serials ("-serial").
std::string openssl_x509_value(const std::string& options, const std::string& file);

}  // namespace sipmtls::test
