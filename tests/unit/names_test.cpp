// SPDX-License-Identifier: MIT
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include "sipmtls/rules/names.hpp"

using namespace sipmtls::rules;

TEST_CASE("DNS names compare case-insensitively and ignore a trailing dot", "[names]") {
  CHECK(dns_equal("SIP-A.Contoso.Test", "sip-a.contoso.test."));
  CHECK_FALSE(dns_equal("sip-a.contoso.test", "sip-b.contoso.test"));
  CHECK_FALSE(dns_equal("", ""));
}

TEST_CASE("wildcards match exactly one left-most label (RFC 2818 §3.1)", "[names]") {
  auto [pattern, host, match] = GENERATE(table<const char*, const char*, bool>({
      {"*.contoso.com", "sbc.contoso.com", true},
      {"*.contoso.com", "sbc.test.contoso.com", false},
      {"*.contoso.com", "contoso.com", false},
      {"*.com", "contoso.com", false},
      {"f*.contoso.com", "foo.contoso.com", false},
      {"*.*.contoso.com", "a.b.contoso.com", false},
      // A wildcard may not stand for a public suffix (ICANN or private section of the PSL).
      {"*.co.uk", "contoso.co.uk", false},
      {"*.s3.amazonaws.com", "bucket.s3.amazonaws.com", false},
      {"*.contoso.co.uk", "sbc.contoso.co.uk", true},
      // Private top-level domains are no public suffix: enterprise SIP names keep working.
      {"*.contoso.local", "fe1.contoso.local", true},
      {"*.contoso.test", "fe1.contoso.test", true},
  }));
  CAPTURE(pattern, host);
  CHECK(wildcard_matches(pattern, host) == match);
}

TEST_CASE("only sip: URIs without a user part carry a SIP domain (RFC 5922 §7.1)", "[names]") {
  CHECK(sip_domain_of_uri("sip:contoso.com") == "contoso.com");
  CHECK(sip_domain_of_uri("SIP:contoso.com;transport=tls") == "contoso.com");
  CHECK(sip_domain_of_uri("sip:alice@contoso.com").empty());
  CHECK(sip_domain_of_uri("sips:contoso.com").empty());
  CHECK(sip_domain_of_uri("https://contoso.com").empty());
}

TEST_CASE("the Public Suffix List knows registry suffixes, not private TLDs", "[names]") {
  CHECK(is_public_suffix("com"));
  CHECK(is_public_suffix("CO.UK."));
  CHECK(is_public_suffix("s3.amazonaws.com"));
  CHECK_FALSE(is_public_suffix("contoso.com"));
  CHECK_FALSE(is_public_suffix("local"));
  CHECK_FALSE(is_public_suffix("contoso.local"));
  CHECK_FALSE(is_public_suffix(""));
}
