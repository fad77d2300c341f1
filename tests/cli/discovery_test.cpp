// SPDX-License-Identifier: MIT
// connect sip:DOMAIN (issue 15): the SIP domain's server found in DNS as each profile's product
// finds it, against dnsmasq on loopback with a zone of the test's own, and a sipmtls listener
// as the server (testcerts b-rsa: sip-b.contoso.test).
#include <catch2/catch_test_macros.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/manifest.hpp"
#include "dns_server.hpp"
#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;
using nlohmann::json;

namespace {

/// connect to a SIP domain through the test DNS server, as A (testcerts a-rsa), JSON report.
json connect_domain(const std::string& target, const std::string& dns, std::vector<std::string> extra = {},
                    int* exit_code = nullptr) {
  std::vector<std::string> args{"--format", "json", "--timeout", "3", "connect", target, "--dns-server", dns};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_sipmtls(with_cert(args, "a-rsa"));
  CAPTURE(r.out, r.err);
  if (exit_code != nullptr) *exit_code = r.exit_code;
  REQUIRE(!r.out.empty());
  return json::parse(r.out)["checks"][0];
}

std::vector<std::string> codes(const json& check, const std::string& severity) {
  std::vector<std::string> out;
  for (const auto& f : check["findings"]) {
    if (f["severity"] == severity) out.push_back(f["code"]);
  }
  return out;
}

std::string srv(const std::string& name, const std::string& target, std::uint16_t port, int priority, int weight) {
  return "srv-host=" + name + "," + target + "," + std::to_string(port) + "," + std::to_string(priority) + "," +
         std::to_string(weight) + "\n";
}

#define START_DNS(dns, records)        \
  std::string why;                     \
  DnsServer dns(records, why);         \
  if (!dns.process) SKIP(why)

}  // namespace

TEST_CASE("connect sip:DOMAIN finds the Access Edge through _sipfederationtls._tcp", "[cli][discovery]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  START_DNS(dns, srv("_sipfederationtls._tcp.contoso.test", "sip-b.contoso.test", server.port, 0, 50) +
                     "host-record=sip-b.contoso.test,127.0.0.1\n");
  int rc = -1;
  const json c = connect_domain("sip:contoso.test", dns.address(), {}, &rc);
  CHECK(rc == 0);
  CHECK(codes(c, "error").empty());
  CHECK(c["discovery"]["service"] == "_sipfederationtls._tcp.contoso.test");
  CHECK(c["discovery"]["servers"][0]["outcome"] == "connected 127.0.0.1:" + std::to_string(server.port));
  CHECK(c["peer"]["name"] == "sip-b.contoso.test");  // the SRV target is the reference identity
  CHECK(c["tls"]["sni"] == "sip-b.contoso.test");
}

TEST_CASE("discovery tries targets by priority then weight and skips a dead one", "[cli][discovery]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  const auto dead = free_port();
  START_DNS(dns, srv("_sipfederationtls._tcp.contoso.test", "sip-b.contoso.test", server.port, 10, 50) +
                     srv("_sipfederationtls._tcp.contoso.test", "light.contoso.test", dead, 0, 10) +
                     srv("_sipfederationtls._tcp.contoso.test", "heavy.contoso.test", dead, 0, 90) +
                     "host-record=sip-b.contoso.test,127.0.0.1\nhost-record=light.contoso.test,127.0.0.1\n"
                     "host-record=heavy.contoso.test,127.0.0.1\n");
  int rc = -1;
  const json c = connect_domain("sip:contoso.test", dns.address(), {}, &rc);
  CHECK(rc == 0);
  const json& servers = c["discovery"]["servers"];
  REQUIRE(servers.size() == 3);
  CHECK(servers[0]["host"] == "heavy.contoso.test");  // priority 0, the higher weight first
  CHECK(servers[1]["host"] == "light.contoso.test");
  CHECK(servers[2]["host"] == "sip-b.contoso.test");
  CHECK(servers[0]["outcome"].get<std::string>().rfind("failed: ", 0) == 0);
  CHECK(servers[2]["outcome"].get<std::string>().rfind("connected ", 0) == 0);
}

TEST_CASE("every discovery failure has its own finding", "[cli][discovery]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  const auto dead = free_port();
  START_DNS(dns, srv("_sipfederationtls._tcp.fabrikam.test", "sip-b.contoso.test", server.port, 0, 0) +
                     srv("_sipfederationtls._tcp.alias.test", "sip.alias.test", dead, 0, 0) +
                     srv("_sipfederationtls._tcp.noaddr.test", "sip.noaddr.test", dead, 0, 0) +
                     srv("_sipfederationtls._tcp.down.test", "sip.down.test", dead, 0, 0) +
                     "host-record=sip-b.contoso.test,127.0.0.1\nhost-record=sip.down.test,127.0.0.1\n"
                     "cname=sip.alias.test,sip-b.contoso.test\n");
  int rc = -1;
  // No SRV record at all.
  const json none = connect_domain("sip:nosrv.test", dns.address(), {}, &rc);
  CHECK(rc == 1);
  CHECK(codes(none, "error") == std::vector<std::string>{"DNS_NO_SRV"});
  CHECK(none["findings"][0]["message"].get<std::string>().find("_sipfederationtls._tcp.nosrv.test (no such name") !=
        std::string::npos);
  // The SRV target outside the SIP domain: Microsoft federation refuses it; RFC 5922 has no such rule.
  const json outside = connect_domain("sip:fabrikam.test", dns.address(), {}, &rc);
  CHECK(rc == 1);
  CHECK(codes(outside, "error") == std::vector<std::string>{"DNS_SRV_OUTSIDE_DOMAIN"});
  // A CNAME target: a warning (RFC 2782); and it is down, so every target failed.
  const json alias = connect_domain("sip:alias.test", dns.address(), {}, &rc);
  CHECK(codes(alias, "warning") == std::vector<std::string>{"DNS_TARGET_CNAME"});
  CHECK(alias["discovery"]["servers"][0]["cname"] == "sip-b.contoso.test");
  // A target without an address.
  const json noaddr = connect_domain("sip:noaddr.test", dns.address(), {}, &rc);
  CHECK(rc == 1);
  CHECK(codes(noaddr, "error") == std::vector<std::string>{"DNS_NO_ADDRESS"});
  // Every target down.
  const json down = connect_domain("sip:down.test", dns.address(), {}, &rc);
  CHECK(rc == 1);
  const auto down_errors = codes(down, "error");
  CHECK(std::find(down_errors.begin(), down_errors.end(), "DNS_ALL_TARGETS_DOWN") != down_errors.end());
}

TEST_CASE("rfc5922 follows NAPTR to _sips._tcp and judges the SIP domain itself", "[cli][discovery]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  START_DNS(dns, "naptr-record=contoso.test,10,10,s,SIPS+D2T,,_sips._tcp.contoso.test\n" +
                     srv("_sips._tcp.contoso.test", "sip-b.contoso.test", server.port, 0, 0) +
                     "host-record=sip-b.contoso.test,127.0.0.1\n");
  int rc = -1;
  const json c = connect_domain("sip:contoso.test", dns.address(), {"--profile", "rfc5922"}, &rc);
  CHECK(c["discovery"]["queries"][0] == "NAPTR contoso.test: 1 records");
  CHECK(c["discovery"]["service"] == "_sips._tcp.contoso.test");
  // RFC 5922 §4.1: the reference identity is the domain, not the SRV target; b-rsa does not name it.
  CHECK(c["peer"]["name"] == "contoso.test");
  CHECK(rc == 1);
  CHECK(codes(c, "error") == std::vector<std::string>{"NAME_MISMATCH"});
}

TEST_CASE("a DNS server that never answers costs at most the timeout", "[cli][discovery]") {
  // A UDP socket nobody reads: queries go in, no answer comes out.
  const int silent = ::socket(AF_INET, SOCK_DGRAM, 0);
  REQUIRE(silent >= 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(silent, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  socklen_t len = sizeof a;
  REQUIRE(::getsockname(silent, reinterpret_cast<sockaddr*>(&a), &len) == 0);
  int rc = -1;
  const json c = connect_domain("sip:contoso.test", "127.0.0.1:" + std::to_string(ntohs(a.sin_port)), {}, &rc);
  ::close(silent);
  CHECK(rc == 1);
  CHECK(codes(c, "error") == std::vector<std::string>{"TIMEOUT"});
  CHECK(c["findings"][0]["message"] == "no DNS answer for _sipfederationtls._tcp.contoso.test within the timeout");
}

TEST_CASE("a target with only an IPv6 address is reached over IPv6", "[cli][discovery]") {
  const auto port = free_port();
  const std::string log = "/tmp/sipmtls-listen6-" + std::to_string(port) + ".json";
  Background server({SIPMTLS_BINARY, "--format", "json", "--timeout", "5", "listen", "[::1]:" + std::to_string(port),
                     "--count", "1", "--cert", tc("cases/b-rsa.pem"), "--key", tc("cases/b-rsa.key"), "--ca",
                     tc("pki/root-ca.pem"), "--crl", tc("pki/issuing-ca.crl.pem"), "--crl", tc("pki/root-ca.crl.pem"),
                     "--at", manifest().at},
                    log);
  for (int i = 0; i < 500 && slurp(log).find("listening on port") == std::string::npos; ++i) ::usleep(10000);
  if (slurp(log).find("listening on port") == std::string::npos) SKIP("no IPv6 loopback here: " + slurp(log));
  START_DNS(dns, srv("_sipfederationtls._tcp.contoso.test", "sip-b.contoso.test", port, 0, 0) +
                     "host-record=sip-b.contoso.test,::1\n");
  int rc = -1;
  const json c = connect_domain("sip:contoso.test", dns.address(), {}, &rc);
  CHECK(rc == 0);
  CHECK(c["discovery"]["servers"][0]["addresses"] == json::array({"::1"}));
  CHECK(c["discovery"]["servers"][0]["outcome"] == "connected [::1]:" + std::to_string(port));
  std::remove(log.c_str());
}

TEST_CASE("a suite connect check takes a SIP domain and its DNS server", "[cli][discovery][suite]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  START_DNS(dns, srv("_sipfederationtls._tcp.contoso.test", "sip-b.contoso.test", server.port, 0, 0) +
                     "host-record=sip-b.contoso.test,127.0.0.1\n");
  const std::string suite = dns.dir + "/suite.toml";
  std::ofstream(suite) << "at = \"" << manifest().at << "\"\ntimeout = 3\n[[check]]\nkind = \"connect\"\nidentity = \""
                       << tc("identities/a-rsa.toml") << "\"\ntarget = \"sip:contoso.test\"\ndns_server = \""
                       << dns.address() << "\"\nexpect = \"pass\"\n"
                       << "[[check]]\nkind = \"connect\"\nidentity = \"" << tc("identities/a-rsa.toml")
                       << "\"\ntarget = \"sip:nosrv.test\"\ndns_server = \"" << dns.address()
                       << "\"\nexpect = [\"DNS_NO_SRV\"]\n";
  const auto r = run_sipmtls({"suite", suite});
  CAPTURE(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("2 checks: 2 as expected") != std::string::npos);
}
