// SPDX-License-Identifier: MIT
// dnsmasq for the discovery tests (see dns_server.hpp).
#include "dns_server.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "listen_process.hpp"

namespace sipmtls::test {

DnsServer::DnsServer(const std::string& records, std::string& why_not) {
  const std::string binary = have_program("dnsmasq")                        ? "dnsmasq"
                             : std::filesystem::exists("/usr/sbin/dnsmasq") ? "/usr/sbin/dnsmasq"
                                                                            : "";
  if (binary.empty()) {
    why_not = "dnsmasq is not installed (scripts/bootstrap installs dnsmasq-base)";
    return;
  }
  port = free_port();
  dir = (std::filesystem::temp_directory_path() / ("sipmtls-dns-" + std::to_string(::getpid()) + "-" +
                                                   std::to_string(port))).string();
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/dnsmasq.conf") << "no-resolv\nno-hosts\nno-daemon\nbind-interfaces\nlisten-address=127.0.0.1\n"
                                       << "port=" << port << "\nlocal=/test/\nlog-queries\n"
                                       << records;
  process = std::make_unique<Background>(
      std::vector<std::string>{binary, "--conf-file=" + dir + "/dnsmasq.conf", "--pid-file=" + dir + "/pid",
                               "--log-facility=" + dir + "/log", "--user=root"},
      dir + "/out");
  for (int i = 0; i < 500 && slurp(dir + "/log").find("started") == std::string::npos; ++i) ::usleep(10000);
  if (slurp(dir + "/log").find("started") == std::string::npos) {
    why_not = "dnsmasq did not start: " + slurp(dir + "/out") + slurp(dir + "/log");
    process.reset();
  }
}

DnsServer::~DnsServer() {
  process.reset();
  if (!dir.empty()) std::filesystem::remove_all(dir);
}

}  // namespace sipmtls::test
