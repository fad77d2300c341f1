// SPDX-License-Identifier: MIT
// Expiry ahead (issue 16, item 1): days left for every certificate of the path, the SHA-1
// thumbprint and serial, and CERT_EXPIRES_SOON inside --warn-days in every output format. The
// certificates are made by openssl at test time with real lifetimes (no --at), so "now" is real.
#include <catch2/catch_test_macros.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "listen_process.hpp"
#include "run.hpp"

using namespace sipmtls::test;
namespace fs = std::filesystem;

namespace {

/// A root (10 years), an issuing CA living `ca_days` and a leaf for sip-a.contoso.test living
/// `leaf_days`, both EKUs and a SAN, made with openssl req/x509.
struct ShortLivedPki {
  fs::path dir = fs::temp_directory_path() / ("sipmtls-expiry-" + std::to_string(::getpid()));
  ShortLivedPki(int ca_days, int leaf_days, const std::string& eku = "serverAuth,clientAuth") {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string d = dir.string();
    const std::string ext = d + "/ext.cnf";
    REQUIRE(run_shell("printf '[ca]\\nbasicConstraints=critical,CA:TRUE\\nkeyUsage=critical,keyCertSign,cRLSign\\n"
                      "subjectKeyIdentifier=hash\\nauthorityKeyIdentifier=keyid\\n"
                      "[leaf]\\nbasicConstraints=CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\n"
                      "extendedKeyUsage=" + eku + "\\nsubjectAltName=DNS:sip-a.contoso.test\\n"
                      "crlDistributionPoints=URI:http://pki.contoso.test/expiry.crl\\n"
                      "subjectKeyIdentifier=hash\\nauthorityKeyIdentifier=keyid\\n' > " + ext) == 0);
    const std::string quiet = " >/dev/null 2>&1";
    REQUIRE(run_shell("cd " + d + " && openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem "
                      "-days 3650 -subj '/CN=Expiry Test Root' -addext basicConstraints=critical,CA:TRUE "
                      "-addext keyUsage=critical,keyCertSign,cRLSign" + quiet) == 0);
    REQUIRE(run_shell("cd " + d + " && openssl req -newkey rsa:2048 -nodes -keyout ca.key -out ca.csr "
                      "-subj '/CN=Expiry Test Issuing CA'" + quiet + " && openssl x509 -req -in ca.csr -CA root.pem "
                      "-CAkey root.key -CAcreateserial -out ca.pem -days " + std::to_string(ca_days) +
                      " -extfile ext.cnf -extensions ca" + quiet) == 0);
    REQUIRE(run_shell("cd " + d + " && openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr "
                      "-subj '/CN=sip-a.contoso.test'" + quiet + " && openssl x509 -req -in leaf.csr -CA ca.pem "
                      "-CAkey ca.key -CAcreateserial -out leaf.pem -days " + std::to_string(leaf_days) +
                      " -extfile ext.cnf -extensions leaf" + quiet + " && cat leaf.pem ca.pem > chain.pem") == 0);
  }
  ~ShortLivedPki() { fs::remove_all(dir); }
  std::string path(const std::string& name) const { return (dir / name).string(); }
  /// inspect with only the root as public store: the PKI stands for a public CA.
  RunResult inspect_as_public(const std::vector<std::string>& globals = {}) const {
    return run_sipmtls(inspect(globals), {{"SIPMTLS_PUBLIC_ROOTS", path("root.pem")}});
  }
  /// Revocation off: the CDP names a host served nowhere, and these tests are about time.
  std::vector<std::string> inspect(const std::vector<std::string>& globals = {}) const {
    std::vector<std::string> args = globals;
    args.insert(args.end(), {"--revocation", "off"});
    args.insert(args.end(), {"inspect", path("chain.pem"), "--fqdn", "sip-a.contoso.test", "--ca", path("root.pem")});
    return args;
  }
};

}  // namespace

TEST_CASE("a leaf expiring in 10 days warns in every output format", "[cli][expiry]") {
  const ShortLivedPki pki(3650, 10);
  const auto text = run_sipmtls(pki.inspect());
  CAPTURE(text.out);
  CHECK(text.exit_code == 0);  // a warning: it still works today
  CHECK(std::regex_search(text.out, std::regex(R"(  valid       .* to .*  \((9|10) days left\)\n)")));
  CHECK(std::regex_search(text.out, std::regex(R"(warning CERT_EXPIRES_SOON  leaf CN=sip-a\.contoso\.test: expires on .*, in (9|10) days \(--warn-days 30\))")));
  // The verdict says until when it holds.
  CHECK(std::regex_search(text.out, std::regex(R"(\n  PASS until 20\d\d-\d\d-\d\d  0 errors, 1 warning)")));

  const auto json = run_sipmtls(pki.inspect({"--format", "json"}));
  const auto j = nlohmann::json::parse(json.out)["checks"][0];
  CHECK(j["local"]["certificates"][0]["days_left"].get<int>() >= 9);
  CHECK(j["local"]["certificates"][0]["days_left"].get<int>() <= 10);
  CHECK(j["findings"][0]["code"] == "CERT_EXPIRES_SOON");

  const auto junit = run_sipmtls(pki.inspect({"--format", "junit"}));
  CHECK(junit.out.find("<system-out>warning CERT_EXPIRES_SOON: leaf CN=sip-a.contoso.test") != std::string::npos);

  const auto nagios = run_sipmtls(pki.inspect({"--format", "nagios"}));
  CHECK(nagios.exit_code == 1);
  CHECK(nagios.out.rfind("SIPMTLS WARNING - inspect ", 0) == 0);
  CHECK(std::regex_search(nagios.out, std::regex(R"(\| days_left=(9|10);30:;0: )")));

  const auto markdown = run_sipmtls(pki.inspect({"--format", "markdown"}));
  CHECK(markdown.out.find("- **warning `CERT_EXPIRES_SOON`** leaf CN=sip-a.contoso.test") != std::string::npos);

  // --warn-days moves or turns off the threshold.
  const auto narrow = run_sipmtls(pki.inspect({"--warn-days", "5"}));
  CHECK(narrow.out.find("CERT_EXPIRES_SOON") == std::string::npos);
  const auto off = run_sipmtls(pki.inspect({"--warn-days", "0"}));
  CHECK(off.out.find("CERT_EXPIRES_SOON") == std::string::npos);
  CHECK(run_sipmtls(pki.inspect({"--warn-days", "-1"})).exit_code == 2);
}

TEST_CASE("an issuing CA expiring before its leaf is named, with every certificate's days left", "[cli][expiry]") {
  const ShortLivedPki pki(20, 365);
  const auto r = run_sipmtls(pki.inspect());
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("warning CERT_EXPIRES_SOON  issuing CA CN=Expiry Test Issuing CA: expires on") != std::string::npos);
  CHECK(r.out.find("leaf CN=sip-a.contoso.test: expires") == std::string::npos);
  CHECK(std::regex_search(r.out, std::regex(R"(  days left   36[45] leaf, (19|20) CN=Expiry Test Issuing CA, 36[45]\d CN=Expiry Test Root\n)")));
}

TEST_CASE("the SHA-1 thumbprint and serial are the ones openssl reads", "[cli][expiry]") {
  const ShortLivedPki pki(3650, 400);
  const auto r = run_sipmtls(pki.inspect({"--format", "json"}));
  const auto leaf = nlohmann::json::parse(r.out)["checks"][0]["local"]["certificates"][0];
  CHECK(leaf["sha1"] == openssl_x509_value("-fingerprint -sha1", pki.path("leaf.pem")));
  std::string serial = leaf["serial"];
  serial.erase(std::remove(serial.begin(), serial.end(), ':'), serial.end());
  CHECK(serial == openssl_x509_value("-serial", pki.path("leaf.pem")));
  const auto text = run_sipmtls(pki.inspect());
  CHECK(text.out.find("  thumbprint  " + openssl_x509_value("-fingerprint -sha1", pki.path("leaf.pem")) + " (SHA-1)  serial ") !=
        std::string::npos);
  CHECK(text.out.find("CERT_EXPIRES_SOON") == std::string::npos);
}

TEST_CASE("connect reports the days the server's certificate has left", "[cli][expiry]") {
  ListenProcess server({"--fqdn", "sip-a.contoso.test"});
  const auto r = run_sipmtls(with_cert({"--format", "json", "connect", "127.0.0.1:" + std::to_string(server.port),
                                        "--fqdn", "sip-b.contoso.test"},
                                       "a-rsa"));
  const auto peer = nlohmann::json::parse(r.out)["checks"][0]["peer"]["certificates"][0];
  CHECK(peer["days_left"].is_number_integer());
  CHECK(peer["sha1"].get<std::string>().size() == 40);
}

TEST_CASE("pair says until when a direction works today but its certificates end soon", "[cli][expiry]") {
  const std::string a = tc("identities/a-rsa.toml"), b = tc("identities/b-rsa.toml");
  const auto soon = run_sipmtls({"pair", a, b, "--at", "2049-12-20"});  // the corpus ends 2049-12-31
  CAPTURE(soon.out);
  CHECK(soon.exit_code == 0);
  CHECK(std::regex_search(soon.out, std::regex(R"(\n  A -> B   PASS until 2049-12-31 +PASS until 2049-12-31 +PASS\n)")));
  CHECK(soon.out.find("warning CERT_EXPIRES_SOON") != std::string::npos);
  const auto later = run_sipmtls({"pair", a, b, "--at", "2026-06-01"});
  CHECK(later.out.find("until") == std::string::npos);
}

TEST_CASE("a public CA's certificate with clientAuth warns that its renewal will lack it", "[cli][expiry][public-ca]") {
  const ShortLivedPki pki(3650, 300);
  const auto r = pki.inspect_as_public();
  CAPTURE(r.out);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("warning CLIENT_AUTH_ENDING  leaf CN=sip-a.contoso.test: a public CA issued this certificate with "
                   "Client Authentication") != std::string::npos);
  CHECK(r.out.find("private (enterprise) CA") != std::string::npos);
  // The same PKI as a private CA (not in the public store): nothing to warn about.
  CHECK(run_sipmtls(pki.inspect()).out.find("CLIENT_AUTH_ENDING") == std::string::npos);
  // Teams does not need clientAuth of the SBC: no warning there either.
  auto teams = pki.inspect();
  teams.insert(teams.end(), {"--profile", "teams"});
  CHECK(run_sipmtls(teams, {{"SIPMTLS_PUBLIC_ROOTS", pki.path("root.pem")}}).out.find("CLIENT_AUTH_ENDING") ==
        std::string::npos);
}

TEST_CASE("a public CA's certificate without clientAuth gets a fix that can be carried out", "[cli][expiry][public-ca]") {
  const ShortLivedPki pki(3650, 300, "serverAuth");
  const auto pub = pki.inspect_as_public();
  CAPTURE(pub.out);
  CHECK(pub.exit_code == 1);
  CHECK(pub.out.find("error   EKU_MISSING_CLIENT_AUTH") != std::string::npos);
  CHECK(pub.out.find("public CAs no longer include Client Authentication") != std::string::npos);
  CHECK(pub.out.find("fix: a public CA cannot issue Client Authentication") != std::string::npos);
  // From a private CA the ordinary fix stands: request both EKUs again.
  const auto priv = run_sipmtls(pki.inspect());
  CHECK(priv.out.find("fix: request the certificate again with both Enhanced Key Usages") != std::string::npos);
}

TEST_CASE("pair says until when the dialling server's public certificate loses clientAuth at renewal", "[cli][expiry][public-ca]") {
  const ShortLivedPki pki(3650, 300);
  // A: the public-CA certificate, trusting the corpus root; B: the corpus's server, trusting A's root too.
  const std::string a = pki.path("a.toml"), b = pki.path("b.toml");
  std::ofstream(a) << "fqdn = \"sip-a.contoso.test\"\ncert = \"chain.pem\"\nkey = \"leaf.key\"\ntrust = [\"" +
                          tc("pki/root-ca.pem") + "\"]\nprofile = \"ocs\"\n";
  std::ofstream(b) << "fqdn = \"sip-b.contoso.test\"\ncert = \"" + tc("cases/b-rsa.pem") + "\"\nkey = \"" +
                          tc("cases/b-rsa.key") + "\"\ntrust = [\"root.pem\"]\nprofile = \"ocs\"\n";
  const auto r = run_sipmtls({"pair", a, b}, {{"SIPMTLS_PUBLIC_ROOTS", pki.path("root.pem")}});
  CAPTURE(r.out);
  // A dials B: B accepts A's client certificate today, until A's renewal drops clientAuth.
  CHECK(std::regex_search(r.out, std::regex(R"(\n  A -> B   \S+.* PASS until 20\d\d-\d\d-\d\d +PASS\n)")));
  CHECK(r.out.find("CLIENT_AUTH_ENDING") != std::string::npos);
  // Without the public store the same PKI is private: no date.
  const auto priv = run_sipmtls({"pair", a, b}, {{"SIPMTLS_PUBLIC_ROOTS", "/nonexistent"}});
  CHECK(priv.out.find("CLIENT_AUTH_ENDING") == std::string::npos);
}
