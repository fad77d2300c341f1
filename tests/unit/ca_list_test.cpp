// SPDX-License-Identifier: MIT
// The listener's CA list (issue 20, item 4): its size is measured, and past 16 KB it is reported
// (CA_LIST_TRUNCATED) with how many names still fit, instead of being truncated in silence.
#include <catch2/catch_test_macros.hpp>

#include "app/ca_list.hpp"
#include "../support/manifest.hpp"

using namespace sipmtls;

TEST_CASE("a trust store whose CA list passes 16 KB is CA_LIST_TRUNCATED; a small one is not", "[app][ca-list]") {
  auto root = cert::load_certificate_file(test::manifest().path("pki/root-ca.pem"), {"", false, ""});
  REQUIRE(root);
  const std::vector<cert::Certificate> one = root->certs;
  const auto small = app::ca_list_size(one);
  CHECK(small.names == 1);
  CHECK(small.bytes == root->certs.front().facts().subject_der_size + 2);
  CHECK_FALSE(app::ca_list_finding(small));

  const std::vector<cert::Certificate> many(300, root->certs.front());
  const auto big = app::ca_list_size(many);
  CHECK(big.bytes > 16384);
  CHECK(big.names_that_fit < big.names);
  const auto f = app::ca_list_finding(big);
  REQUIRE(f);
  CHECK(f->code == FindingCode::CaListTruncated);
  CHECK(f->message.find(std::to_string(big.names_that_fit)) != std::string::npos);
}
