// SPDX-License-Identifier: MIT
#include "listen_process.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/manifest.hpp"

namespace sipmtls::test {

std::string tc(const std::string& p) { return manifest().path(p); }

std::vector<std::string> with_cert(std::vector<std::string> args, const std::string& id) {
  // The corpus CRLs, as a Windows server has them cached: the corpus CDP host is served nowhere.
  args.insert(args.end(), {"--cert", tc("cases/" + id + ".pem"), "--key", tc("cases/" + id + ".key"), "--ca",
                           tc("pki/root-ca.pem"), "--crl", tc("pki/issuing-ca.crl.pem"), "--crl",
                           tc("pki/root-ca.crl.pem"), "--at", manifest().at});
  return args;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

ListenProcess::ListenProcess(const std::vector<std::string>& extra, const std::string& id) : port(0) {
  // A free port can be taken by someone else's connection before the listener binds it (the
  // ephemeral range is shared): a listener that could not bind is started again on another port.
  for (int attempt = 0; attempt < 3; ++attempt) {
    port = free_port();
    std::vector<std::string> argv{SIPMTLS_BINARY, "--format", "json", "--timeout", "5", "listen",
                                  "127.0.0.1:" + std::to_string(port), "--count", "1"};
    argv = with_cert(argv, id);
    argv.insert(argv.end(), extra.begin(), extra.end());
    // Ours alone, and gone before the child starts: the child truncates it only once it runs, and
    // a log left by an earlier listener on the same port already says "listening on port".
    log = "/tmp/sipmtls-listen-" + std::to_string(::getpid()) + "-" + std::to_string(port) + ".json";
    std::remove(log.c_str());
    process = std::make_unique<Background>(argv, log);
    // Probing the port would count as the one connection: wait for the listener to say it is ready.
    bool exited = false;
    for (int i = 0; i < 1000 && slurp(log).find("listening on port") == std::string::npos && !exited; ++i) {
      exited = process->wait(0.01) != -1;
    }
    if (!exited) return;
  }
}

}  // namespace sipmtls::test
