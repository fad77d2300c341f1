// SPDX-License-Identifier: MIT
// Real peers as child processes (openssl s_server, Kamailio) for interop tests.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace sipmtls::test {

/// A child process that is sent SIGTERM (then SIGKILL) and reaped when this goes.
class Background {
 public:
  /// Starts argv[0] (searched in PATH) with stdout and stderr to log_path.
  Background(const std::vector<std::string>& argv, const std::string& log_path);
  ~Background();
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  pid_t pid() const { return pid_; }
  /// Waits up to `seconds` for the process to end by itself: its exit code, or -1.
  int wait(double seconds);

 private:
  pid_t pid_ = -1;
};

/// A free TCP port on 127.0.0.1 (bound, then released).
std::uint16_t free_port();
/// Waits until 127.0.0.1:port accepts connections; false after `seconds`.
bool wait_for_port(std::uint16_t port, double seconds);
/// Runs a shell command and returns what it wrote to stdout and stderr.
std::string shell_output(const std::string& command);
/// True when the program is on PATH.
bool have_program(const std::string& name);

}  // namespace sipmtls::test
