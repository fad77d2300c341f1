// SPDX-License-Identifier: MIT
// Name constraints (NAME_CONSTRAINTS_VIOLATED) and critical extensions (CERT_UNKNOWN_CRITICAL_EXTENSION)
// on hand-made facts: each subtree form admits what it should and refuses the rest.
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include "sipmtls/cert/name_constraints.hpp"
#include "sipmtls/rules/evaluate.hpp"

using namespace sipmtls;
using cert::NameForm;

namespace {

cert::CertFacts leaf_named(const std::string& dns) {
  cert::CertFacts c;
  c.subject = "CN=" + dns;
  c.subject_rdns = {"2.5.4.10=contoso", "2.5.4.3=" + dns};
  c.san_dns = {dns};
  return c;
}

cert::CertFacts ca_with(std::vector<cert::GeneralSubtree> permitted, std::vector<cert::GeneralSubtree> excluded) {
  cert::CertFacts c;
  c.subject = "CN=Contoso Issuing CA";
  c.is_ca = true;
  c.name_constraints = {true, false, std::move(permitted), std::move(excluded)};
  return c;
}

cert::GeneralSubtree dns(const std::string& v) { return {NameForm::Dns, v, {}}; }
cert::GeneralSubtree ip(std::string address_and_mask) { return {NameForm::Ip, std::move(address_and_mask), {}}; }

std::vector<Finding> findings(const cert::CertFacts& leaf, const cert::CertFacts& ca) {
  cert::ChainFacts chain;
  chain.end = cert::ChainEnd::TrustAnchor;
  chain.path.push_back({leaf, false, true, cert::RevocationStatus::NotChecked, ""});
  chain.path.push_back({ca, true, true, cert::RevocationStatus::NotChecked, ""});
  return rules::check_name_constraints(chain, rules::Context{});
}

}  // namespace

TEST_CASE("a permitted dNSName subtree admits the domain and names below it, nothing else", "[rules][nc]") {
  const auto ca = ca_with({dns("contoso.com")}, {});
  CHECK(findings(leaf_named("contoso.com"), ca).empty());
  CHECK(findings(leaf_named("sip.pool.CONTOSO.com"), ca).empty());
  const auto f = findings(leaf_named("sip.fabrikam.com"), ca);
  REQUIRE(f.size() == 1);
  CHECK(f.front().code == FindingCode::NameConstraintsViolated);
  CHECK(findings(leaf_named("sipcontoso.com"), ca).size() == 1);  // a label boundary, not a suffix
}

TEST_CASE("an excluded subtree refuses its names and a wildcard that covers them", "[rules][nc]") {
  const auto ca = ca_with({}, {dns("bar.contoso.com")});
  CHECK(findings(leaf_named("foo.contoso.com"), ca).empty());
  CHECK(findings(leaf_named("x.bar.contoso.com"), ca).size() == 1);
  CHECK(findings(leaf_named("*.contoso.com"), ca).size() == 1);
}

TEST_CASE("iPAddress subtrees compare under the mask", "[rules][nc]") {
  const auto ca = ca_with({ip(std::string("\xC0\x00\x02\x00\xFF\xFF\xFF\x00", 8))}, {});
  cert::CertFacts leaf = leaf_named("sip.contoso.com");
  leaf.san_dns.clear();
  leaf.san_ip_raw = {std::string("\xC0\x00\x02\x07", 4)};
  CHECK(findings(leaf, ca).empty());
  leaf.san_ip_raw = {std::string("\xC0\x00\x03\x07", 4)};
  CHECK(findings(leaf, ca).size() == 1);
}

TEST_CASE("a directoryName subtree admits subjects below it", "[rules][nc]") {
  const auto ca = ca_with({{NameForm::DirectoryName, "", {"2.5.4.10=contoso"}}}, {});
  CHECK(findings(leaf_named("sip.contoso.com"), ca).empty());
  cert::CertFacts other = leaf_named("sip.contoso.com");
  other.subject_rdns = {"2.5.4.10=fabrikam", "2.5.4.3=sip.contoso.com"};
  CHECK(findings(other, ca).size() == 1);
}

TEST_CASE("rfc822Name subtrees: a host, its subdomains, and malformed mailboxes", "[rules][nc]") {
  cert::CertFacts leaf = leaf_named("sip.contoso.com");
  leaf.san_email = {"admin@contoso.com"};
  CHECK(findings(leaf, ca_with({{NameForm::Email, "contoso.com", {}}}, {})).empty());
  CHECK(findings(leaf, ca_with({{NameForm::Email, ".contoso.com", {}}}, {})).size() == 1);
  leaf.san_email = {"bad@mailbox@contoso.com"};
  CHECK(findings(leaf, ca_with({{NameForm::Email, "contoso.com", {}}}, {})).size() == 1);
}

TEST_CASE("constraints a verifier cannot check reject the names they would govern", "[rules][nc]") {
  cert::CertFacts leaf = leaf_named("sip.contoso.com");
  leaf.san_other_name = true;  // e.g. a UPN
  CHECK(findings(leaf, ca_with({}, {{NameForm::Other, "", {}}})).size() == 1);
  CHECK(findings(leaf, ca_with({dns("contoso.com")}, {})).empty());  // no otherName constraint: not governed
  cert::CertFacts malformed = ca_with({}, {});
  malformed.name_constraints.malformed = true;
  CHECK(findings(leaf_named("sip.contoso.com"), malformed).size() == 1);
}

TEST_CASE("too many names against too many subtrees is refused, not computed", "[rules][nc]") {
  std::vector<cert::GeneralSubtree> many(600, dns("contoso.com"));
  cert::CertFacts leaf = leaf_named("sip.contoso.com");
  leaf.san_dns.assign(600, "sip.contoso.com");
  const auto v = cert::name_constraint_violations(ca_with(many, {}), leaf);
  REQUIRE(v.size() == 1);
  CHECK(v.front().find("too many") != std::string::npos);
}

TEST_CASE("an unknown critical extension is a finding; a known or non-critical one is not", "[rules][extensions]") {
  const auto critical = GENERATE(true, false);
  cert::CertFacts leaf = leaf_named("sip.contoso.com");
  leaf.extensions = {{"1.3.6.1.4.1.311.99.1", critical}, {std::string(cert::kOidNameConstraints), true}};
  cert::ChainFacts chain;
  chain.path.push_back({leaf, false, true, cert::RevocationStatus::NotChecked, ""});
  const auto f = rules::check_extensions(chain, rules::Context{});
  CAPTURE(critical);
  CHECK(f.size() == (critical ? 1u : 0u));
  if (critical) CHECK(f.front().code == FindingCode::CertUnknownCriticalExtension);
}
