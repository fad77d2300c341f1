// SPDX-License-Identifier: MIT
#include "run.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace sipmtls::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

RunResult run_sipmtls(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  char out_path[] = "/tmp/sipmtls-out-XXXXXX";
  char err_path[] = "/tmp/sipmtls-err-XXXXXX";
  const int out_fd = ::mkstemp(out_path);
  const int err_fd = ::mkstemp(err_path);
  RunResult r;
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    std::string binary = SIPMTLS_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy(args);
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(binary.c_str(), argv.data());
    std::_Exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(out_fd);
  ::close(err_fd);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(out_path);
  r.err = slurp(err_path);
  ::unlink(out_path);
  ::unlink(err_path);
  return r;
}

int run_shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string openssl_x509_value(const std::string& options, const std::string& file) {
  const std::string out = "/tmp/sipmtls-openssl-" + std::to_string(::getpid()) + ".txt";
  (void)run_shell("openssl x509 -in " + file + " -noout " + options + " > " + out);
  std::ifstream in(out);
  std::stringstream read;
  read << in.rdbuf();
  std::filesystem::remove(out);
  std::string text = read.str();
  text = text.substr(text.find('=') + 1);
  std::erase(text, ':');
  std::erase(text, '\n');
  return text;
}

}  // namespace sipmtls::test
