// SPDX-License-Identifier: MIT
// `sipmtls request` (issue 17): the files it writes are read by the tools that consume them
// (openssl req and pkey, openssl ca, an INF reader written here), a CA configured as Windows CAs
// are signs the request, and inspect names what the CA dropped; a request OpenSSL made with the
// server EKU only, and INF shapes Windows admins write, are judged before submission.
#include <catch2/catch_test_macros.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;
namespace fs = std::filesystem;

namespace {

const std::string kScript = std::string(SIPMTLS_SOURCE_DIR) + "/tests/cli/request_ca.sh";

struct Workspace {
  fs::path dir;
  explicit Workspace(const std::string& name)
      : dir(fs::temp_directory_path() / ("sipmtls-request-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    fs::create_directories(dir / "ca");
    REQUIRE(run_shell("bash " + kScript + " " + (dir / "ca").string() + " init") == 0);
  }
  ~Workspace() { fs::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }
  std::string root() const { return path("ca/root.pem"); }
  /// Signs csr with the CA in one of request_ca.sh's modes; the certificate's path.
  std::string sign(const std::string& csr, const std::string& out, const std::string& mode) const {
    REQUIRE(run_shell("bash " + kScript + " " + path("ca") + " sign " + csr + " " + path(out) + " " + mode) == 0);
    return path(out);
  }
};

bool has(const RunResult& r, const std::string& text) { return r.out.find(text) != std::string::npos; }

/// The arguments naming the server: --pool first, then --fqdn.
std::vector<std::string> name_args(const std::string& pool, const std::vector<std::string>& fqdns) {
  std::vector<std::string> out;
  if (!pool.empty()) out.insert(out.end(), {"--pool", pool});
  for (const auto& f : fqdns) out.insert(out.end(), {"--fqdn", f});
  return out;
}

std::vector<std::string> cat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

/// A reader for certreq INF files written for this test (not the product's): sections, and in
/// each the key = value lines in order, comments and quotes stripped.
std::map<std::string, std::vector<std::pair<std::string, std::string>>> read_inf(const std::string& file) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  std::ifstream in(file);
  std::string line, section;
  auto strip = [](std::string s) {
    if (auto semi = s.find(" ;"); semi != std::string::npos && s.find('"') == std::string::npos) s.erase(semi);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return s;
  };
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == ';') continue;
    if (line[0] == '[') {
      section = line.substr(1, line.find(']') - 1);
      out[section];
      continue;
    }
    const auto eq = line.find('=');
    REQUIRE(eq != std::string::npos);
    std::string value = line.substr(eq + 1);
    if (auto semi = value.find(';'); semi != std::string::npos && value.rfind('"') < semi) value.erase(semi);
    out[section].emplace_back(strip(line.substr(0, eq)), strip(value));
  }
  return out;
}

std::string value(const std::vector<std::pair<std::string, std::string>>& s, const std::string& key) {
  for (const auto& [k, v] : s) {
    if (k == key) return v;
  }
  return "(absent)";
}

struct ProfileCase {
  std::string profile, pool;
  std::vector<std::string> fqdns, extra;
};

}  // namespace

TEST_CASE("request output signed with copy_extensions passes inspect under every profile") {
  Workspace w("profiles");
  const std::vector<ProfileCase> cases = {
      {"lcs2003", "", {"sip-a.contoso.test"}, {}},
      {"lcs2005", "pool.contoso.test", {"fe1.contoso.test", "fe2.contoso.test"}, {"--sip-domain", "contoso.test"}},
      {"ocs", "pool.contoso.test", {"fe1.contoso.test"}, {"--sip-domain", "contoso.test"}},
      {"teams", "", {"sbc.contoso.test"}, {"--key", "p256"}},
      {"rfc5922", "", {"sip.contoso.test"}, {"--sip-domain", "contoso.test", "--key", "rsa3072"}},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.profile) {
      const std::string out = w.path("out-" + c.profile);
      auto made = run_sipmtls(cat(cat({"--format", "json", "request", "--profile", c.profile, "--out", out},
                                      name_args(c.pool, c.fqdns)), c.extra));
      INFO(made.out << made.err);
      REQUIRE(made.exit_code == 0);
      const auto report = nlohmann::json::parse(made.out);
      const auto check = report.at("checks").at(0);
      CHECK(check.at("kind") == "request");
      REQUIRE(check.at("written").size() == 5);
      std::vector<std::string> names = check.at("local").at("names").get<std::vector<std::string>>();
      const std::string stem = out + "/" + (c.pool.empty() ? c.fqdns.front() : c.pool);
      for (const char* ext : {".key", ".csr", ".inf", ".openssl.cnf"}) CHECK(fs::exists(stem + ext));
      CHECK(fs::exists(out + "/README.txt"));
      struct stat st{};
      REQUIRE(::stat((stem + ".key").c_str(), &st) == 0);
      CHECK((st.st_mode & 0777) == 0600);
      // The files as their consumers read them.
      CHECK(run_shell("openssl req -in " + stem + ".csr -verify -noout >/dev/null 2>&1") == 0);
      CHECK(run_shell("openssl pkey -in " + stem + ".key -noout >/dev/null 2>&1") == 0);
      std::vector<std::string> judged;
      for (std::size_t i = 0; i < names.size(); ++i) judged.insert(judged.end(), {i == 0 && !c.pool.empty() && c.profile != "rfc5922" ? "--pool" : "--fqdn", names[i]});
      auto req = run_sipmtls(cat({"inspect", stem + ".csr", "--key", stem + ".key", "--profile", c.profile}, judged));
      INFO(req.out);
      CHECK(req.exit_code == 0);
      CHECK(has(req, "(PKCS#10 PEM)"));
      CHECK(has(req, "private key present, matches the request"));
      auto inf = run_sipmtls(cat({"inspect", stem + ".inf", "--profile", c.profile}, judged));
      INFO(inf.out);
      CHECK(inf.exit_code == 0);
      CHECK(has(inf, "(certreq INF)"));

      const std::string issued = w.sign(stem + ".csr", c.profile + ".cer", "copy");
      auto back = run_sipmtls(cat({"--revocation", "off", "inspect", issued, "--request", stem + ".csr", "--key",
                                   stem + ".key", "--ca", w.root(), "--profile", c.profile},
                                  judged));
      INFO(back.out);
      CHECK(back.exit_code == 0);
      CHECK(has(back, "matches the certificate"));
      CHECK_FALSE(has(back, "CA_DROPPED_REQUEST"));
    }
  }
}

TEST_CASE("inspect names the CA setting that dropped the SAN or the client EKU") {
  Workspace w("dropped");
  const std::string out = w.path("out");
  REQUIRE(run_sipmtls({"request", "--pool", "pool.contoso.test", "--fqdn", "fe1.contoso.test", "--profile", "ocs",
                       "--out", out}).exit_code == 0);
  const std::string csr = out + "/pool.contoso.test.csr";
  const std::vector<std::string> base = {"--revocation", "off", "inspect"};
  const std::vector<std::string> judge = {"--request", csr, "--pool", "pool.contoso.test", "--fqdn", "fe1.contoso.test",
                                          "--ca", w.root(), "--profile", "ocs"};

  SECTION("a CA that copies the request's extensions drops nothing") {
    auto r = run_sipmtls(cat(cat(base, {w.sign(csr, "copy.cer", "copy")}), judge));
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(has(r, "CA_DROPPED_REQUEST"));
  }
  SECTION("a CA that builds the SAN itself drops the request's names") {
    auto r = run_sipmtls(cat(cat(base, {w.sign(csr, "no-san.cer", "no-san")}), judge));
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(has(r, "error   CA_DROPPED_REQUEST"));
    CHECK(has(r, "the request asked for SAN pool.contoso.test, fe1.contoso.test"));
    CHECK(has(r, "Supply in the request"));
    CHECK(has(r, "NAME_MISMATCH"));
  }
  SECTION("a Web Server template drops Client Authentication") {
    auto r = run_sipmtls(cat(cat(base, {w.sign(csr, "server.cer", "server-only")}), judge));
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(has(r, "EKU_MISSING_CLIENT_AUTH"));
    CHECK(has(r, "error   CA_DROPPED_REQUEST  leaf CN=pool.contoso.test: the request asked for Client Authentication"));
    CHECK(has(r, "Web Server template"));
  }
  SECTION("a certificate issued for another request carries another key") {
    const std::string other = w.path("other");
    REQUIRE(run_sipmtls({"request", "--pool", "pool.contoso.test", "--fqdn", "fe1.contoso.test", "--out", other})
                .exit_code == 0);
    auto r = run_sipmtls(cat(cat(base, {w.sign(other + "/pool.contoso.test.csr", "other.cer", "copy")}), judge));
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(has(r, "PRIVATE_KEY_MISMATCH"));
    CHECK(has(r, "it was issued for another request"));
  }
}

TEST_CASE("the INF and OpenSSL config request the same certificate") {
  Workspace w("inf");
  const std::string out = w.path("out");
  REQUIRE(run_sipmtls({"request", "--pool", "pool.contoso.test", "--fqdn", "fe1.contoso.test", "--sip-domain",
                       "contoso.test", "--profile", "ocs", "--exportable", "--template", "LyncMTLS", "--out", out})
              .exit_code == 0);
  const auto inf = read_inf(out + "/pool.contoso.test.inf");
  REQUIRE(inf.count("Version"));
  CHECK(value(inf.at("Version"), "Signature") == "$Windows NT$");
  const auto& req = inf.at("NewRequest");
  CHECK(value(req, "Subject") == "CN=pool.contoso.test");
  CHECK(value(req, "KeyAlgorithm") == "RSA");
  CHECK(value(req, "KeyLength") == "2048");
  CHECK(value(req, "MachineKeySet") == "TRUE");
  CHECK(value(req, "Exportable") == "TRUE");
  CHECK(value(req, "RequestType") == "PKCS10");
  CHECK(value(req, "KeyUsage") == "0xa0");
  const auto& eku = inf.at("EnhancedKeyUsageExtension");
  REQUIRE(eku.size() == 2);
  CHECK(eku[0] == std::make_pair(std::string("OID"), std::string("1.3.6.1.5.5.7.3.1")));
  CHECK(eku[1] == std::make_pair(std::string("OID"), std::string("1.3.6.1.5.5.7.3.2")));
  const auto& ext = inf.at("Extensions");
  REQUIRE(ext.size() == 4);
  CHECK(ext[0] == std::make_pair(std::string("2.5.29.17"), std::string("{text}")));
  CHECK(ext[1].second == "dns=pool.contoso.test&");
  CHECK(ext[2].second == "dns=fe1.contoso.test&");
  CHECK(ext[3].second == "dns=sip.contoso.test&");
  CHECK(value(inf.at("RequestAttributes"), "CertificateTemplate") == "LyncMTLS");

  SECTION("without --exportable or --template, and with an ECDSA key") {
    const std::string ec = w.path("ec");
    REQUIRE(run_sipmtls({"request", "--fqdn", "sbc.contoso.test", "--profile", "teams", "--key", "p384", "--out", ec})
                .exit_code == 0);
    const auto e = read_inf(ec + "/sbc.contoso.test.inf");
    CHECK(value(e.at("NewRequest"), "Exportable") == "FALSE");
    CHECK(value(e.at("NewRequest"), "KeyAlgorithm") == "ECDSA_P384");
    CHECK(value(e.at("NewRequest"), "KeyLength") == "384");
    CHECK(value(e.at("NewRequest"), "KeySpec") == "(absent)");
    CHECK(value(e.at("NewRequest"), "KeyUsage") == "0x80");
    CHECK(e.count("RequestAttributes") == 0);
  }
  SECTION("openssl req with the config makes a request that passes inspect") {
    const std::string cnf = out + "/pool.contoso.test.openssl.cnf";
    REQUIRE(run_shell("cd " + w.path("") + " && openssl req -new -newkey rsa:2048 -noenc -config " + cnf +
                      " -keyout ossl.key -out ossl.csr >/dev/null 2>&1") == 0);
    auto r = run_sipmtls({"inspect", w.path("ossl.csr"), "--profile", "ocs", "--pool", "pool.contoso.test", "--fqdn",
                          "fe1.contoso.test"});
    INFO(r.out);
    CHECK(r.exit_code == 0);
    CHECK(has(r, "DNS:pool.contoso.test, DNS:fe1.contoso.test, DNS:sip.contoso.test"));
    CHECK(has(r, "serverAuth, clientAuth"));
  }
  SECTION("README names the Standalone CA OID string and the next command") {
    const std::string readme = slurp(out + "/README.txt");
    CHECK(readme.find("1.3.6.1.5.5.7.3.1,1.3.6.1.5.5.7.3.2") != std::string::npos);
    CHECK(readme.find("Supply in the request") != std::string::npos);
    CHECK(readme.find("sipmtls inspect pool.contoso.test.cer --request pool.contoso.test.csr") != std::string::npos);
  }
}

TEST_CASE("requests made elsewhere are judged before submission") {
  Workspace w("elsewhere");
  const std::string d = w.path("");
  SECTION("openssl req with the server EKU only fails in PEM and DER") {
    REQUIRE(run_shell("cd " + d + " && openssl req -new -newkey rsa:2048 -noenc -keyout s.key -out s.csr "
                      "-subj /CN=sip-a.contoso.test -addext subjectAltName=DNS:sip-a.contoso.test "
                      "-addext extendedKeyUsage=serverAuth >/dev/null 2>&1 && "
                      "openssl req -in s.csr -outform DER -out s.der") == 0);
    for (const char* file : {"s.csr", "s.der"}) {
      auto r = run_sipmtls({"inspect", w.path(file), "--fqdn", "sip-a.contoso.test", "--profile", "ocs"});
      INFO(r.out);
      CHECK(r.exit_code == 1);
      CHECK(has(r, "error   EKU_MISSING_CLIENT_AUTH  request CN=sip-a.contoso.test"));
    }
    auto teams = run_sipmtls({"inspect", w.path("s.csr"), "--fqdn", "sip-a.contoso.test", "--profile", "teams"});
    CHECK(teams.exit_code == 0);  // Teams does not require it of the SBC: a warning
    CHECK(has(teams, "warning EKU_MISSING_CLIENT_AUTH"));
  }
  SECTION("a request with another request's key is a mismatch") {
    REQUIRE(run_shell("cd " + d + " && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout one.key "
                      "-out one.csr -subj /CN=a.contoso.test >/dev/null 2>&1 && openssl genpkey -algorithm EC "
                      "-pkeyopt ec_paramgen_curve:P-256 -out two.key >/dev/null 2>&1") == 0);
    auto same = run_sipmtls({"inspect", w.path("one.csr"), "--key", w.path("one.key")});
    CHECK_FALSE(has(same, "PRIVATE_KEY_MISMATCH"));
    auto other = run_sipmtls({"inspect", w.path("one.csr"), "--key", w.path("two.key")});
    CHECK(other.exit_code == 1);
    CHECK(has(other, "error   PRIVATE_KEY_MISMATCH  request CN=a.contoso.test"));
  }
  SECTION("a critical EKU, a 1024-bit key and a wrong name") {
    REQUIRE(run_shell("cd " + d + " && openssl req -new -newkey rsa:1024 -noenc -keyout k.key -out k.csr "
                      "-subj /CN=other.contoso.test -addext 'extendedKeyUsage=critical,serverAuth,clientAuth' "
                      ">/dev/null 2>&1") == 0);
    auto r = run_sipmtls({"inspect", w.path("k.csr"), "--fqdn", "sip-a.contoso.test", "--profile", "ocs"});
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(has(r, "WEAK_KEY"));
    CHECK(has(r, "NAME_MISMATCH"));
    CHECK_FALSE(has(r, "EKU_MISSING"));
  }
  SECTION("INF shapes Windows admins write") {
    // Microsoft's old samples: server EKU only, 1024-bit key, names from [Strings].
    std::ofstream(d + "/old.inf") << "[Version]\r\nSignature=\"$Windows NT$\"\r\n[Strings]\r\n"
                                     "szOID_SAN = \"2.5.29.17\"\r\n[NewRequest]\r\nSubject = \"CN=lcs.contoso.test, O=Contoso\"\r\n"
                                     "KeyLength = 1024\r\nMachineKeySet = TRUE\r\n[EnhancedKeyUsageExtension]\r\n"
                                     "OID=1.3.6.1.5.5.7.3.1 ; server only\r\n[Extensions]\r\n%szOID_SAN% = \"{text}dns=lcs.contoso.test\"\r\n";
    auto old = run_sipmtls({"inspect", d + "/old.inf", "--fqdn", "lcs.contoso.test", "--profile", "lcs2005"});
    INFO(old.out);
    CHECK(old.exit_code == 1);
    CHECK(has(old, "EKU_MISSING_CLIENT_AUTH  request CN=lcs.contoso.test"));
    CHECK(has(old, "WEAK_KEY"));
    CHECK(has(old, "DNS:lcs.contoso.test"));
    // UTF-16 with a byte order mark, the SAN only as a request attribute, the key in the user's store.
    const std::string text = "[NewRequest]\r\nSubject=\"CN=fe.contoso.test\"\r\nMachineKeySet=FALSE\r\n"
                             "[EnhancedKeyUsageExtension]\r\nOID=1.3.6.1.5.5.7.3.1\r\nOID=1.3.6.1.5.5.7.3.2\r\n"
                             "[RequestAttributes]\r\nSAN=\"dns=fe.contoso.test&dns=pool.contoso.test\"\r\n";
    std::string utf16 = "\xFF\xFE";
    for (char ch : text) utf16 += std::string(1, ch) + std::string(1, '\0');
    std::ofstream(d + "/u16.inf", std::ios::binary) << utf16;
    auto u = run_sipmtls({"inspect", d + "/u16.inf", "--pool", "pool.contoso.test", "--fqdn", "fe.contoso.test",
                          "--profile", "ocs"});
    INFO(u.out);
    CHECK(u.exit_code == 1);
    CHECK(has(u, "warning SAN_MISSING_NAME"));
    CHECK(has(u, "EDITF_ATTRIBUTESUBJECTALTNAME2"));
    CHECK(has(u, "error   PRIVATE_KEY_MISSING"));
    CHECK_FALSE(has(u, "NAME_MISMATCH"));
  }
  SECTION("a damaged request is bad input") {
    std::ofstream(d + "/bad.csr") << "-----BEGIN CERTIFICATE REQUEST-----\nMIIBnotbase64!!\n-----END CERTIFICATE REQUEST-----\n";
    auto r = run_sipmtls({"inspect", d + "/bad.csr"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(d + "/bad.csr") != std::string::npos);
  }
}

TEST_CASE("request refuses what its profile would fail and writes nothing") {
  Workspace w("refuse");
  const std::string out = w.path("out");
  auto wild = run_sipmtls({"request", "--fqdn", "*.contoso.test", "--profile", "ocs", "--out", out});
  CHECK(wild.exit_code == 2);
  CHECK(wild.err.find("wildcard") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
  auto pool03 = run_sipmtls({"request", "--pool", "pool.contoso.test", "--fqdn", "fe1.contoso.test", "--profile",
                             "lcs2003", "--out", out});
  CHECK(pool03.exit_code == 2);
  CHECK(pool03.err.find("consults only the subject CN") != std::string::npos);
  auto ec05 = run_sipmtls({"request", "--fqdn", "a.contoso.test", "--profile", "lcs2005", "--key", "p256", "--out", out});
  CHECK(ec05.exit_code == 2);
  auto unset = run_sipmtls({"request", "--fqdn", "a.contoso.test", "--password-env", "SIPMTLS_NOT_SET_ANYWHERE",
                            "--out", out});
  CHECK(unset.exit_code == 2);
  CHECK_FALSE(fs::exists(out));
  // The same wildcard is fine for a Teams SBC (RFC 2818 wildcards).
  auto teams = run_sipmtls({"request", "--fqdn", "*.contoso.test", "--profile", "teams", "--out", out});
  INFO(teams.out << teams.err);
  CHECK(teams.exit_code == 0);
  CHECK(fs::exists(out + "/wildcard.contoso.test.csr"));
  // A second run does not overwrite the first without --force.
  const std::string before = slurp(out + "/wildcard.contoso.test.key");
  auto again = run_sipmtls({"request", "--fqdn", "*.contoso.test", "--profile", "teams", "--out", out});
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("--force") != std::string::npos);
  CHECK(slurp(out + "/wildcard.contoso.test.key") == before);
  CHECK(run_sipmtls({"request", "--fqdn", "*.contoso.test", "--profile", "teams", "--out", out, "--force"}).exit_code == 0);
  CHECK(slurp(out + "/wildcard.contoso.test.key") != before);
}

TEST_CASE("requested and issued certificates with encrypted keys pass pair") {
  Workspace w("pair");
  std::map<std::string, std::string> env = {{"SIPMTLS_TEST_KEY_PASS", "correct horse"}};
  for (const std::string n : {"a", "b"}) {
    auto r = run_sipmtls({"request", "--fqdn", n + ".contoso.test", "--profile", "ocs", "--password-env",
                          "SIPMTLS_TEST_KEY_PASS", "--out", w.path(n)}, env);
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(has(r, "KEY_FILE_UNPROTECTED"));
    CHECK(slurp(w.path(n + "/" + n + ".contoso.test.key")).find("BEGIN ENCRYPTED PRIVATE KEY") != std::string::npos);
    CHECK(run_shell("SIPMTLS_TEST_KEY_PASS='correct horse' openssl pkey -in " + w.path(n + "/" + n + ".contoso.test.key") +
                    " -passin env:SIPMTLS_TEST_KEY_PASS -noout >/dev/null 2>&1") == 0);
    w.sign(w.path(n + "/" + n + ".contoso.test.csr"), n + ".cer", "copy");
  }
  auto r = run_sipmtls({"--revocation", "off", "pair", "--a-cert", w.path("a.cer"), "--a-key",
                        w.path("a/a.contoso.test.key"), "--a-password-env", "SIPMTLS_TEST_KEY_PASS", "--a-fqdn",
                        "a.contoso.test", "--a-ca", w.root(), "--b-cert", w.path("b.cer"), "--b-key",
                        w.path("b/b.contoso.test.key"), "--b-password-env", "SIPMTLS_TEST_KEY_PASS", "--b-fqdn",
                        "b.contoso.test", "--b-ca", w.root()}, env);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r, "overall PASS"));
}
