// SPDX-License-Identifier: MIT
// Passwords: never from argv; an environment variable, else a prompt on the terminal without echo.
#include "password.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <mutex>

namespace sipmtls::cert {

// The caller names the file ("server.pfx: it needs a password ...").
constexpr const char* kNeedsPassword =
    "it needs a password: set it in an environment variable and pass --password-env VAR";

static Result<std::string> prompt(const std::string& what) {
  const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    return input_error(kNeedsPassword);
  }
  const std::string question = "Password for " + what + ": ";
  (void)!::write(fd, question.data(), question.size());
  termios saved{};
  const bool tty = ::tcgetattr(fd, &saved) == 0;
  if (tty) {
    termios silent = saved;
    silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(fd, TCSAFLUSH, &silent);
  }
  std::string password;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n' && c != '\r') password.push_back(c);
  if (tty) ::tcsetattr(fd, TCSAFLUSH, &saved);
  (void)!::write(fd, "\n", 1);
  ::close(fd);
  return password;
}

namespace {

// Passwords taken from the environment, kept here once the variable is scrubbed (a pair or a
// suite reads the same variable for several identities). Guarded: listeners load from threads.
std::mutex passwords_mutex;
std::map<std::string, std::string>& taken_passwords() {
  static std::map<std::string, std::string> taken;
  return taken;
}

// Passwords typed at the prompt, by file.
std::map<std::string, std::string>& typed_passwords() {
  static std::map<std::string, std::string> typed;
  return typed;
}

}  // namespace

Result<std::string> obtain_password(const PasswordSource& source, const std::string& what) {
  if (!source.env_var.empty()) {
    std::lock_guard<std::mutex> lock(passwords_mutex);
    auto& taken = taken_passwords();
    if (auto it = taken.find(source.env_var); it != taken.end()) return it->second;
    char* value = std::getenv(source.env_var.c_str());
    if (value == nullptr) {
      return input_error("--password-env " + source.env_var + ": the environment variable is not set");
    }
    std::string password(value);
    // Overwrite the value where it lives (for a variable the process started with, the memory
    // /proc/PID/environ shows), then drop the variable: no child or reader sees it afterwards.
    mbedtls_platform_zeroize(value, password.size());
    ::unsetenv(source.env_var.c_str());
    taken.emplace(source.env_var, password);
    return password;
  }
  if (!source.prompt_on_tty || !::isatty(STDIN_FILENO)) return input_error(kNeedsPassword);
  // Asked once per file and run: a pair loads each side's file for both directions.
  std::lock_guard<std::mutex> lock(passwords_mutex);
  auto& typed = typed_passwords();
  if (auto it = typed.find(what); it != typed.end()) return it->second;
  auto password = prompt(source.side.empty() ? what : what + " (" + source.side + ")");
  if (password) typed.emplace(what, password.value());
  return password;
}

}  // namespace sipmtls::cert
