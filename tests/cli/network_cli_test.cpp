// SPDX-License-Identifier: MIT
// connect and listen as a user runs them: exit codes, reports, key log, bad input.
#include <catch2/catch_test_macros.hpp>

#include <sys/stat.h>

#include <csignal>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "../support/manifest.hpp"
#include "../support/process.hpp"
#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;


TEST_CASE("connect and listen have help with examples", "[cli][net]") {
  for (const char* sub : {"connect", "listen"}) {
    const auto r = run_sipmtls({sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("Examples:") != std::string::npos);
    CHECK(r.out.find("--strict") != std::string::npos);
  }
}

TEST_CASE("connect and listen refuse bad input with exit 2 and one line", "[cli][net]") {
  auto r = run_sipmtls(with_cert({"connect", "host:99999"}, "a-rsa"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("HOST[:PORT]") != std::string::npos);
  r = run_sipmtls({"connect", "127.0.0.1", "--cert", "/nonexistent.pem", "--ca", tc("pki/root-ca.pem")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/nonexistent.pem") != std::string::npos);
  CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  CHECK(run_sipmtls({"connect", "127.0.0.1", "--ca", tc("pki/root-ca.pem")}).exit_code == 2);  // no --cert
  CHECK(run_sipmtls(with_cert({"listen", "127.0.0.1:70000"}, "b-rsa")).exit_code == 2);
  CHECK(run_sipmtls(with_cert({"listen", "999.1.1.1:5061"}, "b-rsa")).exit_code == 2);
  CHECK(run_sipmtls(with_cert({"--keylog", "/nonexistent/dir/keys", "connect", "127.0.0.1"}, "a-rsa")).exit_code == 2);
}

TEST_CASE("connect to a port nobody listens on fails with TCP_CONNECT_FAILED and exit 1", "[cli][net]") {
  const auto port = free_port();
  const auto r = run_sipmtls(with_cert({"--format", "json", "connect", "127.0.0.1:" + std::to_string(port)}, "a-rsa"));
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["checks"][0]["findings"][0]["code"] == "TCP_CONNECT_FAILED");
  CHECK(j["checks"][0]["findings"][0]["lcs_event"] == 14428);
}

TEST_CASE("listen and connect as processes: both pass, the key log holds the secrets", "[cli][net]") {
  ListenProcess listener({"--fqdn", "sip-a.contoso.test"});
  const std::string keylog = "/tmp/sipmtls-keylog-" + std::to_string(listener.port);
  std::filesystem::remove(keylog);
  const auto r = run_sipmtls(with_cert({"--format", "json", "--keylog", keylog, "connect",
                                        "127.0.0.1:" + std::to_string(listener.port), "--fqdn", "sip-b.contoso.test"},
                                       "a-rsa"));
  CHECK(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  const auto& check = j["checks"][0];
  CHECK(check["kind"] == "connect");
  CHECK(check["sip"]["status"] == 200);
  CHECK(check["peer"]["chain"] == "trusted");
  CHECK(check["tls"]["certificate_requested"] == true);
  CHECK(listener.process->wait(10) == 0);
  const std::string served_text = slurp(listener.log);
  const auto served = nlohmann::json::parse(served_text.substr(served_text.find('{')));
  CHECK(served["verdict"] == "pass");
  CHECK(served["checks"][0]["peer"]["name"] == "sip-a.contoso.test");
  const std::string keys = slurp(keylog);
  CHECK(keys.find("CLIENT_HANDSHAKE_TRAFFIC_SECRET ") != std::string::npos);
  CHECK(keys.find("SERVER_TRAFFIC_SECRET_0 ") != std::string::npos);
  struct stat st {};
  REQUIRE(::stat(keylog.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::filesystem::remove(keylog);
}

// Issue 14 item 8: a key log that cannot be written (here: a file size limit of 0, EFBIG) is a
// finding, not silence; the check itself still runs and is reported.
TEST_CASE("a key log that cannot be written is KEYLOG_WRITE_FAILED and the check still runs", "[cli][net]") {
  ListenProcess listener({"--fqdn", "sip-a.contoso.test"});
  const std::string keylog = "/tmp/sipmtls-keylog-full-" + std::to_string(listener.port);
  std::filesystem::remove(keylog);
  std::string command = "trap '' XFSZ; ulimit -f 0; exec " SIPMTLS_BINARY " --format json --keylog " + keylog;
  for (const auto& a : with_cert({"connect", "127.0.0.1:" + std::to_string(listener.port), "--fqdn",
                                  "sip-b.contoso.test"},
                                 "a-rsa")) {
    command += " '" + a + "'";
  }
  const std::string out = shell_output(command + " 2>/dev/null");
  const auto j = nlohmann::json::parse(out.substr(out.find('{')));
  const auto& check = j["checks"][0];
  CHECK(check["sip"]["status"] == 200);
  bool reported = false;
  for (const auto& f : check["findings"]) reported |= f["code"] == "KEYLOG_WRITE_FAILED";
  CHECK(reported);
  CHECK(listener.process->wait(10) == 0);
  std::filesystem::remove(keylog);
}

// Issue 18: "0 connections", exit 0 was a PASS for the commonest federation fault.
TEST_CASE("a listener no client reached fails with a finding that says so", "[cli][net]") {
  const auto port = free_port();
  const auto r = run_sipmtls(with_cert({"--timeout", "0.5", "listen", "127.0.0.1:" + std::to_string(port)}, "b-rsa"));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("TIMEOUT") != std::string::npos);
  CHECK(r.out.find("the peer never reached this listener") != std::string::npos);
  CHECK(r.out.find("0 connections: 0 passed, 0 failed (no client reached the listener)") != std::string::npos);
  CHECK(r.err.find("listening on port " + std::to_string(port) + " of 127.0.0.1") != std::string::npos);
}

// Issue 14 item 9: a listener's JSON, JUnit or file report is spooled to disk connection by
// connection (its memory no longer grows with each one); the document comes out whole.
TEST_CASE("a listener's spooled report holds every connection in each format", "[cli][net]") {
  for (const char* format : {"json", "junit", "text"}) {
    CAPTURE(format);
    const auto port = free_port();
    const std::string out = "/tmp/sipmtls-spool-" + std::to_string(port) + "." + format;
    std::filesystem::remove(out);
    std::vector<std::string> argv{SIPMTLS_BINARY, "--format", format, "--output", out, "--timeout", "5", "listen",
                                  "127.0.0.1:" + std::to_string(port), "--count", "20"};
    argv = with_cert(argv, "b-rsa");
    const std::string log = out + ".log";
    Background listener(argv, log);
    for (int i = 0; i < 1000 && slurp(log).find("listening on port") == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    // Twenty clients that connect and leave without a word: twenty failed checks.
    CHECK(run_shell("bash -c 'for i in $(seq 20); do exec 3<>/dev/tcp/127.0.0.1/" + std::to_string(port) +
                    " && exec 3>&-; done'") == 0);
    CHECK(listener.wait(30) == 1);
    const std::string report = slurp(out);
    if (std::string(format) == "json") {
      const auto j = nlohmann::json::parse(report);
      CHECK(j["checks"].size() == 20);
      CHECK(j["verdict"] == "fail");
      CHECK(j["tool"] == "sipmtls");
    } else if (std::string(format) == "junit") {
      CHECK(report.find("<testsuite name=\"sipmtls\" tests=\"20\"") != std::string::npos);
      CHECK(report.find("</testsuites>") != std::string::npos);
    } else {
      CHECK(report.find("20 checks: 0 passed, 20 failed") != std::string::npos);
    }
    std::filesystem::remove(out);
    std::filesystem::remove(log);
  }
}

TEST_CASE("a strict listener's rejection reaches the client's exit code and report", "[cli][net]") {
  ListenProcess listener({"--strict", "--fqdn", "sip-a.contoso.test"});
  const auto r = run_sipmtls(with_cert({"connect", "127.0.0.1:" + std::to_string(listener.port), "--fqdn",
                                        "sip-b.contoso.test"},
                                       "expired"));
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("PEER_REJECTED_OUR_CERT") != std::string::npos);
  CHECK(r.out.find("certificate_expired (45)") != std::string::npos);
  CHECK(r.out.find("CERT_EXPIRED") != std::string::npos);  // why: our own certificate, checked as the peer would
  CHECK(listener.process->wait(10) == 1);
}

// Issue 14: a SIGTERM while a peer holds its connection open ends the listener at once, and the
// summary counts and reports that connection.
TEST_CASE("a signal ends the listener promptly and reports the connections still open", "[cli][net]") {
  ListenProcess listener({});
  REQUIRE(listener.process->pid() > 0);
  // A mutual-TLS client that completes the handshake, then says nothing and stays.
  Background client({"sh", "-c",
                     "sleep 30 | openssl s_client -quiet -connect 127.0.0.1:" + std::to_string(listener.port) +
                         " -cert " + tc("cases/a-rsa.pem") + " -key " + tc("cases/a-rsa.key") + " -cert_chain " +
                         tc("pki/issuing-ca.pem")},
                    "/dev/null");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // handshake done, now idle
  ::kill(listener.process->pid(), SIGTERM);
  const auto started = std::chrono::steady_clock::now();
  const int rc = listener.process->wait(5);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  CHECK(rc != -1);
  const std::string out = slurp(listener.log);
  const auto json_start = out.find('{');
  REQUIRE(json_start != std::string::npos);
  const auto j = nlohmann::json::parse(out.substr(json_start));
  REQUIRE(j["checks"].size() == 1);
  bool noted = false;
  for (const auto& f : j["checks"][0]["findings"]) {
    noted = noted || f["message"].get<std::string>().find("listener was stopped") != std::string::npos;
  }
  CHECK(noted);
}
