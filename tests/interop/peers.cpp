// SPDX-License-Identifier: MIT
// Interop peers.
#include "peers.hpp"

#include <catch2/catch_test_macros.hpp>

namespace sipmtls::test {

std::string tc(const std::string& relative) { return manifest().path(relative); }

bool has(const report::CheckResult& r, FindingCode code) {
  for (const auto& f : r.findings) {
    if (f.code == code && f.severity != Severity::Info) return true;
  }
  return false;
}

SServer::SServer(const std::vector<std::string>& extra, const std::string& script) : port(free_port()) {
  std::vector<std::string> argv{"openssl", "s_server", "-accept", "127.0.0.1:" + std::to_string(port),
                                "-cert", tc("cases/b-rsa.pem"), "-key", tc("cases/b-rsa.key"),
                                "-cert_chain", tc("pki/issuing-ca.pem")};
  if (script.empty()) argv.push_back("-quiet");  // -quiet ignores commands on stdin
  argv.insert(argv.end(), extra.begin(), extra.end());
  if (!script.empty()) {
    std::string command = "(" + script + ") | exec";
    for (const auto& a : argv) command += " '" + a + "'";
    argv = {"sh", "-c", command};
  }
  process = std::make_unique<Background>(argv, "/tmp/sipmtls-s_server-" + std::to_string(port) + ".log");
  REQUIRE(wait_for_port(port, 5));
}

bool has_message(const report::CheckResult& r, FindingCode code, const std::string& text) {
  for (const auto& f : r.findings) {
    if (f.code == code && f.message.find(text) != std::string::npos) return true;
  }
  return false;
}

bool mentions(const report::CheckResult& r, const std::string& text) {
  for (const auto& f : r.findings) {
    if (f.message.find(text) != std::string::npos || f.remediation.find(text) != std::string::npos) return true;
  }
  return false;
}

report::CheckResult connect_as(const std::string& id, std::uint16_t port, const std::string& tls, bool options,
                               double timeout_s) {
  app::ConnectOptions o;
  o.identity.cert_path = tc("cases/" + id + ".pem");
  o.identity.key_path = tc("cases/" + id + ".key");
  o.identity.ca = {tc("pki/root-ca.pem")};
  o.target = "127.0.0.1:" + std::to_string(port);
  o.names = {"sip-b.contoso.test"};
  o.tls = tls;
  o.timeout_s = timeout_s;
  o.sip_options = options;
  o.at = cert::parse_time(manifest().at);
  auto r = app::run_connect(o);
  REQUIRE(r.ok());
  return r.value();
}

app::ListenOptions listen_as_b() {
  app::ListenOptions o;
  o.identity.cert_path = tc("cases/b-rsa.pem");
  o.identity.key_path = tc("cases/b-rsa.key");
  o.identity.ca = {tc("pki/root-ca.pem")};
  o.expect_names = {"sip-a.contoso.test"};
  o.timeout_s = 3;
  o.at = cert::parse_time(manifest().at);
  return o;
}

}  // namespace sipmtls::test
