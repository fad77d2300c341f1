// SPDX-License-Identifier: MIT
// The transcript tap on hand-built records: hellos, CertificateRequest, alerts, cleartext.
#include <catch2/catch_test_macros.hpp>

#include <vector>

#include "tls/transcript.hpp"

using namespace sipmtls::tls;
using Bytes = std::vector<std::uint8_t>;

namespace {

void put16(Bytes& b, unsigned v) {
  b.push_back(static_cast<std::uint8_t>(v >> 8));
  b.push_back(static_cast<std::uint8_t>(v));
}

Bytes vec(unsigned prefix_len, const Bytes& body) {
  Bytes out;
  if (prefix_len == 1) out.push_back(static_cast<std::uint8_t>(body.size()));
  if (prefix_len == 2) put16(out, static_cast<unsigned>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes handshake(std::uint8_t type, const Bytes& body) {
  Bytes out{type, 0, static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes record(std::uint8_t type, const Bytes& body, unsigned version = 0x0303) {
  Bytes out{type};
  put16(out, version);
  put16(out, static_cast<unsigned>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

Bytes client_hello() {
  Bytes b;
  put16(b, 0x0303);
  b.insert(b.end(), 32, 0x11);
  b.push_back(0);  // session id
  Bytes suites;
  put16(suites, 0x1301);
  put16(suites, 0xc02f);
  auto s = vec(2, suites);
  b.insert(b.end(), s.begin(), s.end());
  b.push_back(1);
  b.push_back(0);  // compression
  Bytes exts;
  Bytes sni_list{0};  // host_name
  auto host = vec(2, Bytes{'s', 'i', 'p', '-', 'b'});
  sni_list.insert(sni_list.end(), host.begin(), host.end());
  auto sni = vec(2, vec(2, sni_list));
  put16(exts, 0);
  exts.insert(exts.end(), sni.begin(), sni.end());
  Bytes versions;
  put16(versions, 0x0304);
  put16(versions, 0x0303);
  auto sv = vec(2, vec(1, versions));
  put16(exts, 43);
  exts.insert(exts.end(), sv.begin(), sv.end());
  auto e = vec(2, exts);
  b.insert(b.end(), e.begin(), e.end());
  return handshake(1, b);
}

Bytes server_hello(unsigned version) {
  Bytes b;
  put16(b, 0x0303);
  b.insert(b.end(), 32, 0x22);
  b.push_back(0);
  put16(b, version == 0x0304 ? 0x1301 : 0xc02f);
  b.push_back(0);
  Bytes exts;
  if (version == 0x0304) {
    put16(exts, 43);
    put16(exts, 2);
    put16(exts, 0x0304);
  }
  auto e = vec(2, exts);
  b.insert(b.end(), e.begin(), e.end());
  return handshake(2, b);
}

}  // namespace

TEST_CASE("the tap reads the ClientHello's versions, suites and SNI, even split across reads", "[tap]") {
  Transcript t;
  const Bytes r = record(22, client_hello(), 0x0301);
  t.on_sent({r.data(), 7});
  t.on_sent({r.data() + 7, r.size() - 7});
  REQUIRE(t.facts().client_hello);
  CHECK(t.facts().client_hello->versions == std::vector<std::uint16_t>{0x0304, 0x0303});
  CHECK(t.facts().client_hello->ciphers == std::vector<std::uint16_t>{0x1301, 0xc02f});
  CHECK(t.facts().client_hello->sni == "sip-b");
  CHECK(t.facts().sent.record_versions == std::vector<std::uint16_t>{0x0301});
}

TEST_CASE("the tap reads the TLS 1.2 CertificateRequest's types and CA names", "[tap]") {
  Transcript t;
  Bytes body = vec(1, Bytes{1, 64});  // rsa_sign, ecdsa_sign
  Bytes sigalgs;
  put16(sigalgs, 0x0401);
  auto sa = vec(2, sigalgs);
  body.insert(body.end(), sa.begin(), sa.end());
  const Bytes dn1{0x30, 0x03, 0x01, 0x02, 0x03}, dn2{0x30, 0x00};
  Bytes names;
  auto n1 = vec(2, dn1), n2 = vec(2, dn2);
  names.insert(names.end(), n1.begin(), n1.end());
  names.insert(names.end(), n2.begin(), n2.end());
  auto cas = vec(2, names);
  body.insert(body.end(), cas.begin(), cas.end());
  Bytes flight = server_hello(0x0303);
  auto cr = handshake(13, body);
  flight.insert(flight.end(), cr.begin(), cr.end());  // two messages in one record
  const Bytes r = record(22, flight);
  t.on_received(r);
  REQUIRE(t.facts().server_hello);
  CHECK(t.facts().server_hello->version == 0x0303);
  REQUIRE(t.facts().certificate_request);
  CHECK(t.facts().certificate_request->certificate_types == std::vector<std::uint8_t>{1, 64});
  CHECK(t.facts().certificate_request->ca_names == std::vector<std::vector<std::uint8_t>>{dn1, dn2});
}

TEST_CASE("after a TLS 1.3 ServerHello the tap stops reading handshake bytes but still sees 2-byte alerts", "[tap]") {
  Transcript t;
  t.on_received(record(22, server_hello(0x0304)));
  CHECK(t.facts().server_hello->version == 0x0304);
  t.on_received(record(22, handshake(13, vec(1, Bytes{1}))));  // would be ciphertext: ignored
  CHECK_FALSE(t.facts().certificate_request);
  t.on_received(record(23, Bytes(40, 0xab)));
  CHECK(t.facts().received.application_records == 1);
  CHECK_FALSE(t.facts().received.alert);
  t.on_received(record(21, Bytes{2, 48}));
  REQUIRE(t.facts().received.alert);
  CHECK(t.facts().received.alert->code == 48);
  CHECK(alert_name(48) == "unknown_ca (48)");
}

TEST_CASE("cleartext where a TLS record should be is reported as not TLS", "[tap]") {
  Transcript t;
  const std::string sip = "SIP/2.0 400 Bad Request\r\n";
  t.on_received({reinterpret_cast<const std::uint8_t*>(sip.data()), sip.size()});
  REQUIRE(t.facts().not_tls);
  CHECK(t.facts().not_tls->starts_with("SIP/2.0 400 Bad Request"));
  Transcript tls;
  tls.on_received(record(21, Bytes{2, 40}));
  CHECK_FALSE(tls.facts().not_tls);
  CHECK(tls.facts().received.alert->code == 40);
}

TEST_CASE("truncated and hostile lengths never read out of bounds", "[tap]") {
  Transcript t;
  Bytes bad = record(22, Bytes{1, 0xff, 0xff, 0xff, 3, 3});  // a ClientHello claiming 16 MB
  t.on_sent(bad);
  CHECK_FALSE(t.facts().client_hello);
  Transcript u;
  Bytes hello = client_hello();
  hello.resize(hello.size() - 9);  // extensions cut short
  hello[3] = static_cast<std::uint8_t>(hello.size() - 4);
  hello[2] = static_cast<std::uint8_t>((hello.size() - 4) >> 8);
  u.on_sent(record(22, hello));
  REQUIRE(u.facts().client_hello);  // parsed as far as it goes
  CHECK(u.facts().client_hello->ciphers.size() == 2);
}

TEST_CASE("GREASE values are told apart from versions", "[tap]") {
  for (std::uint16_t v : {0x0a0a, 0x1a1a, 0x8a8a, 0xfafa}) CHECK(is_grease(v));
  for (std::uint16_t v : {0x0300, 0x0301, 0x0303, 0x0304, 0x0a1a, 0x7f1c}) CHECK_FALSE(is_grease(v));
}
