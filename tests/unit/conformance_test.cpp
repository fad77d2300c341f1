// SPDX-License-Identifier: MIT
// RFC 5280 / CA/B Forum encoding rules (CERT_NONCONFORMANT) on hand-made facts: a conforming chain
// has none, each flaw raises exactly its finding, and --x509-strict turns them into errors.
#include <catch2/catch_test_macros.hpp>

#include <functional>

#include "sipmtls/rules/evaluate.hpp"

using namespace sipmtls;
using namespace sipmtls::rules;

namespace {

cert::CertFacts conforming_leaf() {
  cert::CertFacts c;
  c.subject = "CN=sip.example.com";
  c.subject_cn = "sip.example.com";
  c.issuer = "CN=CA";
  c.serial_octets = 16;
  c.has_san = true;
  c.san_dns = {"sip.example.com"};
  c.has_eku = true;
  c.eku = {std::string(cert::kOidServerAuth), std::string(cert::kOidClientAuth)};
  c.key_type = cert::KeyType::Ec;
  c.key_bits = 256;
  c.key_curve = "secp256r1";
  c.authority_key_id = "AB";
  c.extensions = {{std::string(cert::kOidSubjectAltName), false}, {std::string(cert::kOidExtendedKeyUsage), false},
                  {std::string(cert::kOidAuthorityKeyId), false}};
  return c;
}

cert::CertFacts conforming_root() {
  cert::CertFacts c;
  c.subject = c.issuer = "CN=CA";
  c.subject_cn = "CA";
  c.serial_octets = 20;
  c.is_ca = c.has_basic_constraints = c.self_issued = true;
  c.key_type = cert::KeyType::Rsa;
  c.key_bits = 4096;
  c.subject_key_id = "AB";
  c.extensions = {{std::string(cert::kOidBasicConstraints), true}, {std::string(cert::kOidSubjectKeyId), false}};
  return c;
}

struct Flaw {
  const char* name;
  std::function<void(cert::CertFacts& leaf, cert::CertFacts& root)> apply;
  const char* says;  ///< a phrase of the finding's message
};

// What the conformance rules report about the two-certificate chain.
std::vector<Finding> nonconformities(const cert::CertFacts& leaf, const cert::CertFacts& root, bool strict = false) {
  cert::ChainFacts chain;
  chain.end = cert::ChainEnd::TrustAnchor;
  chain.path.push_back({leaf, false, true, cert::RevocationStatus::NotChecked, ""});
  chain.path.push_back({root, true, true, cert::RevocationStatus::NotChecked, ""});
  Context ctx{Profile::Ocs, Role::PeerServer, {}, 0, false, strict};
  return check_conformance(chain, ctx);
}

void set_critical(cert::CertFacts& c, std::string_view oid, bool critical) {
  for (auto& e : c.extensions) {
    if (e.oid == oid) {
      e.critical = critical;
      return;
    }
  }
  c.extensions.push_back({std::string(oid), critical});
}

}  // namespace

TEST_CASE("a conforming chain has no conformance finding", "[rules][conformance]") {
  CHECK(nonconformities(conforming_leaf(), conforming_root()).empty());
  // Allowed variations: a single leading wildcard label, an IP SAN named by its CN, a serial-0 root.
  auto leaf = conforming_leaf();
  leaf.san_dns = {"*.example.com", "sip.example.com"};
  leaf.san_ip = {"2001:db8::1"};
  leaf.subject_cn = "2001:db8::1";
  auto root = conforming_root();
  root.serial_zero = true;
  CHECK(nonconformities(leaf, root).empty());
}

TEST_CASE("each encoding flaw raises one CERT_NONCONFORMANT naming the rule", "[rules][conformance]") {
  const std::vector<Flaw> flaws = {
      {"serial zero", [](auto& l, auto&) { l.serial_zero = true; }, "serial number is zero"},
      {"serial negative", [](auto& l, auto&) { l.serial_negative = true; }, "serial number is negative"},
      {"serial too long", [](auto& l, auto&) { l.serial_octets = 21; }, "21 octets long"},
      {"AKI critical", [](auto& l, auto&) { set_critical(l, cert::kOidAuthorityKeyId, true); }, "marked critical"},
      {"AKI missing", [](auto& l, auto&) { l.authority_key_id.clear(); }, "no Authority Key Identifier"},
      {"CA without SKI", [](auto&, auto& r) { r.subject_key_id.clear(); }, "without a Subject Key Identifier"},
      {"root AKI names its issuer",
       [](auto&, auto& r) {
         set_critical(r, cert::kOidAuthorityKeyId, false);
         r.authority_key_id = "AB";
         r.authority_key_id_names_issuer = true;
       },
       "authorityCertIssuer"},
      {"root AKI differs from SKI",
       [](auto&, auto& r) {
         set_critical(r, cert::kOidAuthorityKeyId, false);
         r.authority_key_id = "CD";
       },
       "differs from its Subject Key Identifier"},
      {"basicConstraints not critical", [](auto&, auto& r) { set_critical(r, cert::kOidBasicConstraints, false); },
       "basicConstraints are not critical"},
      {"policyConstraints not critical",
       [](auto&, auto& r) { set_critical(r, cert::kOidPolicyConstraints, false); }, "policyConstraints"},
      {"EKU critical", [](auto& l, auto&) { set_critical(l, cert::kOidExtendedKeyUsage, true); },
       "Extended Key Usage is marked critical"},
      {"anyExtendedKeyUsage", [](auto& l, auto&) { l.eku.emplace_back(cert::kOidAnyExtendedKeyUsage); },
       "anyExtendedKeyUsage"},
      {"root with EKU", [](auto&, auto& r) { set_critical(r, cert::kOidExtendedKeyUsage, false); },
       "root CA certificate has an Extended Key Usage"},
      {"malformed AIA", [](auto& l, auto&) { l.aia_malformed = true; }, "Authority Information Access"},
      {"empty subject, SAN not critical", [](auto& l, auto&) { l.subject_empty = true; }, "not critical"},
      {"empty subject, no SAN",
       [](auto& l, auto&) {
         l.subject_empty = true;
         std::erase_if(l.extensions, [](const auto& e) { return e.oid == cert::kOidSubjectAltName; });
       },
       "no subjectAltName"},
      {"SAN critical with a subject", [](auto& l, auto&) { set_critical(l, cert::kOidSubjectAltName, true); },
       "critical although the subject is not empty"},
      {"underscore in a SAN dNSName", [](auto& l, auto&) { l.san_dns.emplace_back("sip_a.example.com"); },
       "preferred name syntax"},
      {"embedded wildcard", [](auto& l, auto&) { l.san_dns.emplace_back("f*.example.com"); }, "preferred name syntax"},
      {"CN differs in case from the SAN", [](auto& l, auto&) { l.subject_cn = "SIP.example.com"; },
       "character-for-character"},
      {"CN an IPv4 address with leading zeros",
       [](auto& l, auto&) {
         l.san_ip = {"192.168.1.1"};
         l.subject_cn = "192.168.001.001";
       },
       "character-for-character"},
      {"CN an uncompressed IPv6 address",
       [](auto& l, auto&) {
         l.san_ip = {"2001:db8:0:0:0:0:0:1"};
         l.subject_cn = "2001:0db8:0000:0000:0000:0000:0000:0001";
       },
       "character-for-character"},
      {"RSA modulus not a multiple of 8",
       [](auto&, auto& r) { r.key_bits = 2052; }, "not a multiple of 8"},
      {"curve other than P-256/384/521", [](auto& l, auto&) { l.key_curve = "brainpoolP256r1"; }, "brainpoolP256r1"},
  };
  for (const auto& flaw : flaws) {
    CAPTURE(flaw.name);
    auto leaf = conforming_leaf();
    auto root = conforming_root();
    flaw.apply(leaf, root);
    const auto found = nonconformities(leaf, root);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == FindingCode::CertNonconformant);
    CHECK(found[0].severity == Severity::Warning);
    CHECK(found[0].message.find(flaw.says) != std::string::npos);
  }
}

TEST_CASE("strict X.509 checking makes conformance flaws, weak keys and SHA-1 errors", "[rules][conformance]") {
  auto leaf = conforming_leaf();
  leaf.serial_zero = true;
  const auto strict = nonconformities(leaf, conforming_root(), true);
  REQUIRE(strict.size() == 1);
  CHECK(strict[0].severity == Severity::Error);

  leaf = conforming_leaf();
  leaf.key_type = cert::KeyType::Rsa;
  leaf.key_bits = 1024;
  leaf.signature_hash = "SHA1";
  cert::ChainFacts chain;
  chain.path.push_back({leaf, false, true, cert::RevocationStatus::NotChecked, ""});
  for (bool x509_strict : {false, true}) {
    CAPTURE(x509_strict);
    const auto found = check_strength(chain, Context{Profile::Ocs, Role::PeerServer, {}, 0, false, x509_strict});
    REQUIRE(found.size() == 2);  // WEAK_KEY and WEAK_SIGNATURE
    for (const auto& f : found) CHECK(f.severity == (x509_strict ? Severity::Error : Severity::Warning));
  }
}

TEST_CASE("an unusable CRL is a warning, and an error under --x509-strict", "[rules][conformance][crl]") {
  cert::ChainFacts chain;
  chain.end = cert::ChainEnd::TrustAnchor;
  chain.path.push_back({conforming_leaf(), false, true, cert::RevocationStatus::CrlUnusable,
                        "the CRL has no CRL Number extension"});
  chain.path.push_back({conforming_root(), true, true, cert::RevocationStatus::NotChecked, ""});
  for (bool x509_strict : {false, true}) {
    CAPTURE(x509_strict);
    const auto found = check_chain(chain, Context{Profile::Lcs2003, Role::PeerServer, {}, 0, true, x509_strict});
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == FindingCode::RevocationUnknown);
    CHECK(found[0].severity == (x509_strict ? Severity::Error : Severity::Warning));
    CHECK(found[0].message.find("CRL Number") != std::string::npos);
  }
}
