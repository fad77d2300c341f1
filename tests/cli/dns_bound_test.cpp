// SPDX-License-Identifier: MIT
// Name resolution under --timeout (issue 14, item 8): against a DNS server that never answers,
// connect reports TIMEOUT within its step timeout instead of waiting out the resolver's own
// retries (glibc: 5 s per try). The server is a UDP socket that reads and never replies; the
// tool sees it through a private mount namespace whose /etc/resolv.conf names it.
#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <fstream>

#include "../support/manifest.hpp"
#include "../support/process.hpp"

using namespace sipmtls::test;

TEST_CASE("a DNS server that never answers costs one step timeout, not the resolver's retries", "[cli][dns]") {
  if (shell_output("unshare -m true 2>&1 && echo yes").find("yes") == std::string::npos) {
    SKIP("unshare -m is not permitted here (needs root or user namespaces)");
  }
  const std::string address = "127.0.0." + std::to_string(2 + ::getpid() % 200);
  const std::string resolv = "/tmp/sipmtls-resolv-" + std::to_string(::getpid()) + ".conf";
  std::ofstream(resolv) << "nameserver " << address << "\noptions timeout:5 attempts:2\n";
  Background silent({"python3", "-c",
                     "import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\ns.bind(('" + address +
                         "', 53))\nprint('ready', flush=True)\nwhile True: s.recvfrom(2048)"},
                    resolv + ".log");
  for (int i = 0; i < 200 && shell_output("cat " + resolv + ".log").find("ready") == std::string::npos; ++i) {
    ::usleep(20000);
  }
  const Manifest& m = manifest();
  // An outer limit of 8 s: the resolver alone would take 10 s (two tries of 5 s) and more.
  const std::string out = shell_output(
      "timeout 8 unshare -m sh -c 'mount --bind " + resolv + " /etc/resolv.conf && exec " SIPMTLS_BINARY
      " --format json --timeout 2 connect sip.never-answers.test --cert " + m.path("cases/a-rsa.pem") + " --key " +
      m.path("cases/a-rsa.key") + " --ca " + m.path("pki/root-ca.pem") + "'; echo \"exit=$?\"");
  CHECK(out.find("\"code\": \"TIMEOUT\"") != std::string::npos);
  CHECK(out.find("within 2 s") != std::string::npos);
  CHECK(out.find("exit=1") != std::string::npos);  // 124 would mean the outer limit cut it off
  ::unlink(resolv.c_str());
}
