// SPDX-License-Identifier: MIT
// Certificates mbedTLS refuses for their encoding load from a repaired copy, keep their own bytes,
// and are reported as nonconformant; DER times with UTC offsets read as the instant they name.
#include <catch2/catch_test_macros.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "cert/der.hpp"
#include "cert/native.hpp"
#include "sipmtls/cert/certificate.hpp"

using namespace sipmtls;
using Bytes = std::vector<unsigned char>;

namespace {

cert::der::Bytes text(const char* s) { return {reinterpret_cast<const unsigned char*>(s), std::strlen(s)}; }

// The bundled good certificate with its notBefore re-encoded as the given UTCTime text.
Bytes with_not_before(const char* utc_time) {
  auto file = cert::load_certificate_file(std::string(SIPMTLS_TESTCERTS_DIR) + "/cases/a-rsa.crt.pem", {"", false, ""});
  REQUIRE(file);
  const auto der = file->certs.front().der();
  cert::der::Reader outer(der);
  cert::der::Tlv c, tbs, alg, sig, field;
  REQUIRE(outer.expect(0x30, c));
  cert::der::Reader parts(c.value);
  REQUIRE((parts.expect(0x30, tbs) && parts.expect(0x30, alg) && parts.next(sig)));
  Bytes fields;
  cert::der::Reader f(tbs.value);
  for (int i = 0; f.next(field); ++i) {
    if (i != 4) {  // [0] version, serial, signature, issuer, validity
      fields.insert(fields.end(), field.whole.begin(), field.whole.end());
      continue;
    }
    cert::der::Reader times(field.value);
    cert::der::Tlv not_before, not_after;
    REQUIRE((times.next(not_before) && times.next(not_after)));
    Bytes validity;
    cert::der::append_tlv(validity, 0x17, text(utc_time));
    validity.insert(validity.end(), not_after.whole.begin(), not_after.whole.end());
    cert::der::append_tlv(fields, 0x30, validity);
  }
  Bytes body, out;
  cert::der::append_tlv(body, 0x30, fields);
  body.insert(body.end(), alg.whole.begin(), alg.whole.end());
  body.insert(body.end(), sig.whole.begin(), sig.whole.end());
  cert::der::append_tlv(out, 0x30, body);
  return out;
}

}  // namespace

TEST_CASE("DER times with UTC offsets and without seconds read as the instant they name", "[cert][time]") {
  using cert::der_time;
  CHECK(der_time(0x17, text("250601120000Z")) == cert::unix_time(2025, 6, 1, 12, 0, 0));
  CHECK(der_time(0x17, text("250601120000+0200")) == cert::unix_time(2025, 6, 1, 10, 0, 0));
  CHECK(der_time(0x17, text("2506011200-0130")) == cert::unix_time(2025, 6, 1, 13, 30, 0));
  CHECK(der_time(0x18, text("20500101000000Z")) == cert::unix_time(2050, 1, 1, 0, 0, 0));
  CHECK(der_time(0x17, text("490101000000Z")) == cert::unix_time(2049, 1, 1, 0, 0, 0));
  CHECK(der_time(0x17, text("500101000000Z")) == cert::unix_time(1950, 1, 1, 0, 0, 0));
  CHECK_FALSE(der_time(0x17, text("251301000000Z")));  // month 13
  CHECK_FALSE(der_time(0x17, text("250601120000")));   // no zone at all
  CHECK_FALSE(der_time(0x17, text("250601120000+2400")));
}

TEST_CASE("a certificate whose validity carries a UTC offset loads, judged as nonconformant", "[cert][repair]") {
  const Bytes der = with_not_before("250601120000+0200");
  auto cert = cert::Certificate::parse_der(der);
  REQUIRE(cert);
  CHECK(cert->facts().not_before == cert::unix_time(2025, 6, 1, 10, 0, 0));
  REQUIRE(cert->facts().encoding_flaws.size() == 1);
  CHECK(cert->facts().encoding_flaws.front().find("validity") != std::string::npos);
  // The certificate stays what it was: its bytes, its fingerprint.
  CHECK(Bytes(cert->der().begin(), cert->der().end()) == der);
  CHECK(cert->facts().sha256 == cert::sha256_hex(der));
}

TEST_CASE("a conforming certificate is parsed as it is, with nothing to repair", "[cert][repair]") {
  const Bytes der = with_not_before("250601120000Z");
  auto cert = cert::Certificate::parse_der(der);
  REQUIRE(cert);
  CHECK(cert->facts().encoding_flaws.empty());
  CHECK_FALSE(cert->signature_malformed());
}

TEST_CASE("bytes that are no certificate stay an error in words", "[cert][repair]") {
  const Bytes garbage = {0x30, 0x03, 0x02, 0x01, 0x05};
  auto cert = cert::Certificate::parse_der(garbage);
  REQUIRE_FALSE(cert);
  CHECK(cert.error().message.find("mbedTLS error") != std::string::npos);
  CHECK(cert.error().message.find("X509 -") == std::string::npos);
}
