// SPDX-License-Identifier: MIT
// The loopback revocation servers (see revocation_servers.hpp).
#include "revocation_servers.hpp"

#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "listen_process.hpp"
#include "run.hpp"

namespace sipmtls::test {
namespace {

std::string source_dir() { return std::filesystem::path(__FILE__).parent_path().string(); }

std::unique_ptr<RevocationServers> start(std::string& why) {
  const std::string lighttpd = have_program("lighttpd")                        ? "lighttpd"
                               : std::filesystem::exists("/usr/sbin/lighttpd") ? "/usr/sbin/lighttpd"
                                                                                 : "";
  if (lighttpd.empty()) {
    why = "lighttpd is not installed (scripts/bootstrap installs it)";
    return nullptr;
  }
  if (run_shell("python3 -c 'import cryptography.x509.ocsp' >/dev/null 2>&1") != 0) {
    why = "python3-cryptography is not installed (scripts/bootstrap installs it)";
    return nullptr;
  }
  auto s = std::make_unique<RevocationServers>();
  s->dir = (std::filesystem::temp_directory_path() / ("sipmtls-revocation-" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(s->dir);
  std::filesystem::create_directories(s->dir);
  s->http = free_port();
  s->ocsp = free_port();
  s->ocsp_bad = free_port();
  s->bad = free_port();
  const std::string made = shell_output("bash " + source_dir() + "/make_revocation_pki.sh " + s->dir + " " +
                                        std::to_string(s->http) + " " + std::to_string(s->ocsp) + " " +
                                        std::to_string(s->ocsp_bad) + " " + std::to_string(s->bad) + " && echo made");
  if (made.find("made") == std::string::npos) {
    why = "the test PKI could not be made: " + made;
    return nullptr;
  }
  std::ofstream(s->path("lighttpd.conf"))
      << "server.document-root = \"" << s->path("www") << "\"\nserver.port = " << s->http
      << "\nserver.bind = \"127.0.0.1\"\nserver.modules = (\"mod_accesslog\")\naccesslog.filename = \""
      << s->path("access.log") << "\"\nserver.errorlog = \"" << s->path("lighttpd-error.log")
      << "\"\nmimetype.assign = (\".crl\" => \"application/pkix-crl\", \".html\" => \"text/html\")\n";
  auto run = [&](std::vector<std::string> argv, const std::string& log) {
    s->processes.push_back(std::make_unique<Background>(argv, s->path(log)));
  };
  run({lighttpd, "-D", "-f", s->path("lighttpd.conf")}, "lighttpd.out");
  auto responder = [&](std::uint16_t port, const std::string& signer) {
    run({"openssl", "ocsp", "-index", s->path("index-issuing.txt"), "-port", std::to_string(port), "-rsigner",
         s->path(signer + ".pem"), "-rkey", s->path(signer + ".key"), "-CA", s->path("issuing.pem"), "-nmin", "60"},
        "ocsp-" + std::to_string(port) + ".out");
  };
  responder(s->ocsp, "responder");
  responder(s->ocsp_bad, "notresponder");
  run({"python3", source_dir() + "/bad_http.py", std::to_string(s->bad), s->path("stale-ocsp.der")}, "bad.out");
  for (auto port : {s->http, s->bad}) {
    if (!wait_for_port(port, 10)) {
      why = "a revocation server did not start on port " + std::to_string(port);
      return nullptr;
    }
  }
  // `openssl ocsp` serves one connection at a time and would wait on a probe: read its log instead.
  for (auto port : {s->ocsp, s->ocsp_bad}) {
    const std::string log = s->path("ocsp-" + std::to_string(port) + ".out");
    for (int i = 0; i < 1000 && slurp(log).find("waiting for OCSP client connections") == std::string::npos; ++i) {
      ::usleep(10000);
    }
    if (slurp(log).find("waiting for OCSP client connections") == std::string::npos) {
      why = "openssl ocsp did not start on port " + std::to_string(port) + ": " + slurp(log);
      return nullptr;
    }
  }
  return s;
}

}  // namespace

RevocationServers* RevocationServers::get(std::string& why_not) {
  static std::string why;
  static std::unique_ptr<RevocationServers> servers = start(why);
  why_not = why;
  return servers.get();
}

RevocationServers::~RevocationServers() {
  processes.clear();  // stops them before their files go
  std::filesystem::remove_all(dir);
}

int RevocationServers::requests_for(const std::string& url_path) const {
  // lighttpd buffers its access log; SIGHUP makes it write it out (and reopen it).
  ::kill(processes.front()->pid(), SIGHUP);
  ::usleep(300'000);
  std::ifstream in(path("access.log"));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) n += line.find("\"GET " + url_path + " ") != std::string::npos;
  return n;
}

}  // namespace sipmtls::test
