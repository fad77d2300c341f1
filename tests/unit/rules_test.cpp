// SPDX-License-Identifier: MIT
// Each rule on hand-made facts: a certificate that passes it and one that does not.
#include <catch2/catch_test_macros.hpp>

#include <algorithm>

#include "sipmtls/rules/evaluate.hpp"

using namespace sipmtls;
using namespace sipmtls::rules;

namespace {

constexpr cert::UnixTime kNow = 1780000000;  // 2026-05-28

cert::CertFacts good_leaf() {
  cert::CertFacts c;
  c.subject = "O=Test, CN=sip.example.com";
  c.subject_cn = "sip.example.com";
  c.issuer = "O=Test, CN=CA";
  c.not_before = kNow - 86400;
  c.not_after = kNow + 400 * 86400;  // well outside --warn-days
  c.has_san = true;
  c.san_dns = {"sip.example.com"};
  c.has_eku = true;
  c.eku = {std::string(cert::kOidServerAuth), std::string(cert::kOidClientAuth)};
  c.has_key_usage = true;
  c.key_usage = cert::kDigitalSignature | cert::kKeyEncipherment;
  c.has_basic_constraints = true;
  c.key_type = cert::KeyType::Rsa;
  c.key_bits = 2048;
  c.signature_hash = "SHA256";
  c.crl_urls = {"http://pki.example.com/ca.crl"};
  c.serial_octets = 16;
  c.authority_key_id = "0A0B";
  c.subject_key_id = "0C0D";
  c.extensions = {{std::string(cert::kOidSubjectAltName), false}, {std::string(cert::kOidExtendedKeyUsage), false},
                  {std::string(cert::kOidBasicConstraints), false}, {std::string(cert::kOidAuthorityKeyId), false}};
  return c;
}

cert::CertFacts root() {
  cert::CertFacts c = good_leaf();
  c.subject = c.issuer = "O=Test, CN=CA";
  c.subject_cn = "CA";
  c.eku.clear();
  c.has_eku = false;
  c.is_ca = true;
  c.key_usage = cert::kKeyCertSign | cert::kCrlSign;
  c.self_issued = true;
  c.subject_key_id = c.authority_key_id = "0A0B";
  c.has_san = false;
  c.san_dns.clear();
  c.extensions = {{std::string(cert::kOidBasicConstraints), true}, {std::string(cert::kOidKeyUsage), true},
                  {std::string(cert::kOidSubjectKeyId), false}};
  return c;
}

cert::ChainFacts chain_of(cert::CertFacts leaf) {
  cert::ChainFacts chain;
  chain.end = cert::ChainEnd::TrustAnchor;
  chain.path.push_back({std::move(leaf), false, true, cert::RevocationStatus::NotChecked, ""});
  chain.path.push_back({root(), true, true, cert::RevocationStatus::NotChecked, ""});
  return chain;
}

std::vector<std::string> codes_of(const cert::CertFacts& leaf, Profile profile = Profile::Ocs,
                                  std::vector<std::string> names = {"sip.example.com"}, Role role = Role::Local) {
  Context ctx{profile, role, std::move(names), kNow, false};
  // Teams takes SBC certificates from public CAs only (TEAMS_CA_NOT_IN_PROGRAM has its own test):
  // the synthetic root stands for one there.
  ctx.public_ca = profile == Profile::Teams;
  std::vector<std::string> out;
  for (const auto& f : evaluate(chain_of(leaf), ctx)) {
    // Encoding conformance has its own tests (conformance_test.cpp).
    if (f.severity != Severity::Info && f.code != FindingCode::CertNonconformant) {
      out.emplace_back(finding_code_name(f.code));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

using Codes = std::vector<std::string>;

}  // namespace

TEST_CASE("a good leaf passes every profile", "[rules]") {
  for (Profile p : all_profiles()) {
    CAPTURE(profile_name(p));
    CHECK(codes_of(good_leaf(), p).empty());
  }
}

TEST_CASE("EKU rules: both purposes for our own certificate, the role's purpose for a peer", "[rules][eku]") {
  auto leaf = good_leaf();
  leaf.eku = {std::string(cert::kOidServerAuth)};
  CHECK(codes_of(leaf) == Codes{"EKU_MISSING_CLIENT_AUTH"});
  CHECK(codes_of(leaf, Profile::Ocs, {"sip.example.com"}, Role::PeerServer).empty());
  leaf.eku = {std::string(cert::kOidClientAuth)};
  CHECK(codes_of(leaf) == Codes{"EKU_MISSING_SERVER_AUTH"});
  CHECK(codes_of(leaf, Profile::Ocs, {"sip.example.com"}, Role::PeerClient).empty());
  leaf.eku = {std::string(cert::kOidAnyExtendedKeyUsage)};
  CHECK(codes_of(leaf).empty());
  leaf.has_eku = false;
  leaf.eku.clear();
  CHECK(codes_of(leaf) == Codes{"EKU_ABSENT"});
}

TEST_CASE("Teams does not require clientAuth of Microsoft's side as TLS client", "[rules][eku]") {
  auto leaf = good_leaf();
  leaf.eku = {std::string(cert::kOidServerAuth)};
  CHECK(codes_of(leaf, Profile::Teams, {"sip.example.com"}, Role::PeerClient).empty());
  leaf.eku = {std::string(cert::kOidCodeSigning)};
  CHECK(codes_of(leaf, Profile::Ocs, {"sip.example.com"}, Role::PeerClient) == Codes{"EKU_MISSING_CLIENT_AUTH"});
}

TEST_CASE("key usage must allow digital signatures, and a leaf must not be a CA", "[rules][usage]") {
  auto leaf = good_leaf();
  leaf.key_usage = cert::kKeyEncipherment;
  CHECK(codes_of(leaf) == Codes{"KEY_USAGE_INVALID"});
  leaf = good_leaf();
  leaf.is_ca = true;
  CHECK(codes_of(leaf) == Codes{"LEAF_IS_CA"});
  leaf = good_leaf();
  leaf.has_key_usage = false;
  CHECK(codes_of(leaf).empty());
}

TEST_CASE("a v1 certificate gets one finding", "[rules][usage]") {
  auto leaf = good_leaf();
  leaf.version = 1;
  leaf.has_san = leaf.has_eku = leaf.has_key_usage = false;
  leaf.san_dns.clear();
  leaf.eku.clear();
  leaf.crl_urls.clear();
  CHECK(codes_of(leaf) == Codes{"CERT_NOT_V3"});
}

TEST_CASE("OCS ignores the CN once a SAN exists; LCS 2003 reads only the CN", "[rules][names]") {
  auto leaf = good_leaf();
  leaf.san_dns = {"other.example.com"};
  CHECK(codes_of(leaf, Profile::Ocs) == Codes{"NAME_MISMATCH", "SAN_MISSING_NAME"});
  CHECK(codes_of(leaf, Profile::Lcs2003).empty());
  CHECK(codes_of(leaf, Profile::Teams).empty());
  leaf = good_leaf();
  leaf.subject_cn = "other.example.com";
  CHECK(codes_of(leaf, Profile::Lcs2003) == Codes{"NAME_MISMATCH"});
  CHECK(codes_of(leaf, Profile::Rfc5922).empty());
}

TEST_CASE("wildcards: only Teams accepts them", "[rules][names]") {
  auto leaf = good_leaf();
  leaf.san_dns = {"*.example.com"};
  leaf.subject_cn = "*.example.com";
  CHECK(codes_of(leaf, Profile::Teams).empty());
  for (Profile p : {Profile::Lcs2003, Profile::Lcs2005, Profile::Ocs, Profile::Rfc5922}) {
    CAPTURE(profile_name(p));
    CHECK(codes_of(leaf, p) == Codes{"NAME_WILDCARD_REJECTED"});
  }
  CHECK(codes_of(leaf, Profile::Teams, {"a.b.example.com"}) == Codes{"NAME_MISMATCH"});
}

TEST_CASE("a pool certificate must list the pool and the server FQDN", "[rules][names]") {
  auto leaf = good_leaf();
  leaf.subject_cn = "pool.example.com";
  leaf.san_dns = {"pool.example.com", "fe1.example.com"};
  CHECK(codes_of(leaf, Profile::Lcs2005, {"pool.example.com", "fe1.example.com"}).empty());
  leaf.san_dns = {"fe1.example.com"};
  CHECK(codes_of(leaf, Profile::Lcs2005, {"pool.example.com", "fe1.example.com"}) == Codes{"SAN_MISSING_NAME"});
  CHECK(codes_of(leaf, Profile::Ocs, {"pool.example.com", "fe1.example.com"}) ==
        Codes{"NAME_MISMATCH", "SAN_MISSING_NAME"});
}

TEST_CASE("RFC 5922 prefers sip: URIs over dNSNames", "[rules][names]") {
  auto leaf = good_leaf();
  leaf.san_uri = {"sip:example.com"};
  CHECK(codes_of(leaf, Profile::Rfc5922) == Codes{"NAME_MISMATCH"});
  CHECK(codes_of(leaf, Profile::Rfc5922, {"example.com"}).empty());
  leaf.san_uri = {"sip:bob@example.com"};
  CHECK(codes_of(leaf, Profile::Rfc5922).empty());
}

TEST_CASE("validity is checked against the given time", "[rules][validity]") {
  auto leaf = good_leaf();
  leaf.not_after = kNow - 1;
  CHECK(codes_of(leaf) == Codes{"CERT_EXPIRED"});
  leaf = good_leaf();
  leaf.not_before = kNow + 1;
  CHECK(codes_of(leaf) == Codes{"CERT_NOT_YET_VALID"});
  leaf = good_leaf();
  leaf.not_after = kNow;  // still valid in its last second, and about to end
  CHECK(codes_of(leaf) == Codes{"CERT_EXPIRES_SOON"});
}

TEST_CASE("CERT_EXPIRES_SOON inside --warn-days for the leaf and any CA of the path", "[rules][validity]") {
  auto soon = [](cert::UnixTime leaf_end, cert::UnixTime root_end, int warn_days) {
    auto leaf = good_leaf();
    leaf.not_after = leaf_end;
    auto chain = chain_of(leaf);
    chain.path.back().cert.not_after = root_end;
    Context ctx{Profile::Ocs, Role::Local, {"sip.example.com"}, kNow, false, false, warn_days};
    std::vector<std::string> subjects;
    for (const auto& f : evaluate(chain, ctx)) {
      if (f.code == FindingCode::CertExpiresSoon) {
        CHECK(f.severity == Severity::Warning);
        subjects.push_back(f.subject.substr(0, f.subject.find(' ')));
      }
    }
    return subjects;
  };
  constexpr cert::UnixTime day = 86400, far = kNow + 4000 * day;
  CHECK(soon(kNow + 29 * day, far, 30) == std::vector<std::string>{"leaf"});
  CHECK(soon(kNow + 30 * day, far, 30).empty());  // exactly N days left: not inside
  CHECK(soon(kNow + 29 * day, far, 0).empty());   // 0: never
  CHECK(soon(kNow + 29 * day, far, 20).empty());
  CHECK(soon(far, kNow + 5 * day, 30) == std::vector<std::string>{"root"});
  CHECK(soon(kNow - 1, far, 30).empty());  // expired is CERT_EXPIRED, not "soon"
}

TEST_CASE("weak keys and SHA-1: warnings for LCS/OCS, errors for Teams", "[rules][strength]") {
  auto leaf = good_leaf();
  leaf.key_bits = 1024;
  Context ctx{Profile::Ocs, Role::Local, {"sip.example.com"}, kNow, false};
  auto f = evaluate(chain_of(leaf), ctx);
  REQUIRE(f.size() == 1);
  CHECK(f[0].code == FindingCode::WeakKey);
  CHECK(f[0].severity == Severity::Warning);
  ctx.profile = Profile::Teams;
  ctx.public_ca = true;
  f = evaluate(chain_of(leaf), ctx);
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::Error);
  leaf = good_leaf();
  leaf.signature_pss = true;
  CHECK(codes_of(leaf, Profile::Ocs) == Codes{"WEAK_SIGNATURE"});
  CHECK(codes_of(leaf, Profile::Lcs2005).empty());
}

TEST_CASE("chain rules: trust, CA constraints, signatures, CA EKUs, revocation", "[rules][chain]") {
  Context ctx{Profile::Ocs, Role::Local, {"sip.example.com"}, kNow, false};
  auto codes = [&](const cert::ChainFacts& chain) {
    std::vector<std::string> out;
    for (const auto& f : check_chain(chain, ctx)) out.emplace_back(finding_code_name(f.code));
    std::sort(out.begin(), out.end());
    return out;
  };
  auto chain = chain_of(good_leaf());
  CHECK(codes(chain).empty());
  chain.end = cert::ChainEnd::UntrustedRoot;
  CHECK(codes(chain) == Codes{"CHAIN_UNTRUSTED_ROOT"});
  chain.end = cert::ChainEnd::MissingIssuer;
  CHECK(codes(chain) == Codes{"CHAIN_INCOMPLETE"});
  // The missing certificate may be a root or an intermediate: the fix says what to do for each.
  const auto incomplete = check_chain(chain, ctx);
  REQUIRE(incomplete.size() == 1);
  CHECK(incomplete[0].remediation.find("is a root CA: import ") != std::string::npos);
  CHECK(incomplete[0].remediation.find("is an intermediate CA, put it in the certificate file") != std::string::npos);
  chain = chain_of(good_leaf());
  chain.path[0].signature_ok = false;
  CHECK(codes(chain) == Codes{"CHAIN_BAD_SIGNATURE"});
  chain = chain_of(good_leaf());
  chain.path[1].cert.is_ca = false;
  CHECK(codes(chain) == Codes{"CHAIN_INVALID_CA"});
  chain = chain_of(good_leaf());
  chain.path[1].cert.has_eku = true;
  chain.path[1].cert.eku = {std::string(cert::kOidServerAuth)};
  CHECK(codes(chain) == Codes{"EKU_MISSING_CLIENT_AUTH"});
  chain = chain_of(good_leaf());
  chain.path[0].revocation = cert::RevocationStatus::Revoked;
  CHECK(codes(chain) == Codes{"CERT_REVOKED"});
  chain = chain_of(good_leaf());
  chain.path[0].cert.crl_urls.clear();
  CHECK(codes(chain) == Codes{"REVOCATION_UNKNOWN"});
  ctx.profile = Profile::Lcs2003;
  CHECK(codes(chain).empty());
}

TEST_CASE("path length constraints count the CAs below", "[rules][chain]") {
  Context ctx{Profile::Ocs, Role::Local, {"sip.example.com"}, kNow, false};
  auto chain = chain_of(good_leaf());
  cert::CertFacts mid = root();
  mid.subject = "O=Test, CN=Mid";
  mid.self_issued = false;
  chain.path.insert(chain.path.begin() + 1, {mid, false, true, cert::RevocationStatus::NotChecked, ""});
  chain.path[2].cert.path_len = 1;
  CHECK(check_chain(chain, ctx).empty());
  chain.path[2].cert.path_len = 0;
  const auto f = check_chain(chain, ctx);
  REQUIRE(f.size() == 1);
  CHECK(f[0].code == FindingCode::ChainInvalidCa);
}

TEST_CASE("teams: an SBC certificate from a private root is one Direct Routing refuses", "[rules][teams]") {
  Context ctx{Profile::Teams, Role::Local, {"sip.example.com"}, kNow, false};
  const auto chain = chain_of(good_leaf());
  auto teams_ca = [&] {
    std::vector<Finding> out;
    for (auto& f : evaluate(chain, ctx)) {
      if (f.code == FindingCode::TeamsCaNotInProgram) out.push_back(f);
    }
    return out;
  };
  auto f = teams_ca();
  REQUIRE(f.size() == 1);
  CHECK(f[0].severity == Severity::Warning);
  CHECK(f[0].message.find("Microsoft Trusted Root Program") != std::string::npos);
  ctx.public_ca = true;  // a public root: nothing to say
  CHECK(teams_ca().empty());
  ctx.public_ca = false;
  ctx.profile = Profile::Ocs;  // other products trust the enterprise CA
  CHECK(teams_ca().empty());
  ctx.profile = Profile::Teams;
  ctx.role = Role::PeerServer;  // only the SBC's own certificate is judged so
  CHECK(teams_ca().empty());
  ctx.role = Role::Local;
  auto untrusted = chain;
  untrusted.end = cert::ChainEnd::UntrustedRoot;  // CHAIN_UNTRUSTED_ROOT says it already
  std::vector<Finding> none;
  for (auto& x : evaluate(untrusted, ctx)) {
    if (x.code == FindingCode::TeamsCaNotInProgram) none.push_back(x);
  }
  CHECK(none.empty());
}
