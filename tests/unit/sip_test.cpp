// SPDX-License-Identifier: MIT
// SIP parsing, framing, limits, and the messages the tool writes.
#include <catch2/catch_test_macros.hpp>

#include "sip/message.hpp"
#include "sip/responder.hpp"

using namespace sipmtls::sip;

TEST_CASE("the framer splits a stream by Content-Length and skips keep-alive CRLFs", "[sip]") {
  Framer f;
  f.append("\r\n\r\nSIP/2.0 200 OK\r\nCall-ID: a\r\nl: 5\r\n\r\nhel");
  CHECK(f.next().status == Framer::Status::NeedMore);
  f.append("loOPTIONS sip:x SIP/2.0\r\nv: SIP/2.0/TLS h;branch=z9hG4bK1\r\nVia: SIP/2.0/TLS g\r\n\r\n");
  auto a = f.next();
  REQUIRE(a.status == Framer::Status::Message);
  CHECK(a.message.status == 200);
  CHECK(a.message.body == "hello");
  auto b = f.next();
  REQUIRE(b.status == Framer::Status::Message);
  CHECK(b.message.method == "OPTIONS");
  CHECK(b.message.headers_named("Via").size() == 2);
  CHECK(f.next().status == Framer::Status::NeedMore);
}

TEST_CASE("oversized and malformed messages are refused, not buffered", "[sip]") {
  Framer big(Limits{1024, 16});
  big.append("OPTIONS sip:x SIP/2.0\r\nContent-Length: 2000\r\n\r\n");
  CHECK(big.next().status == Framer::Status::TooLarge);
  Framer endless(Limits{1024, 16});
  endless.append("OPTIONS sip:x SIP/2.0\r\nX: " + std::string(2000, 'a'));
  CHECK(endless.next().status == Framer::Status::TooLarge);
  std::string why;
  CHECK_FALSE(parse("GET / HTTP/1.1\r\n\r\n", &why));
  CHECK(why.find("not a SIP start line") != std::string::npos);
  CHECK_FALSE(parse("SIP/2.0 2000 OK\r\n\r\n", &why));
  CHECK_FALSE(parse("OPTIONS sip:x SIP/2.0\r\nno colon here\r\n\r\n", &why));
  CHECK_FALSE(parse("OPTIONS sip:x SIP/2.0\r\nContent-Length: x\r\n\r\n", &why));
  std::string many = "OPTIONS sip:x SIP/2.0\r\n";
  for (int i = 0; i < 20; ++i) many += "X: 1\r\n";
  CHECK_FALSE(parse(many + "\r\n", &why, Limits{65536, 16}));
}

// Issue 14 item 9: two Content-Length headers frame the stream two ways; the first no longer wins.
TEST_CASE("Content-Length copies that disagree are malformed and identical ones are one", "[sip]") {
  Framer twice;
  twice.append("OPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\nl: 5\r\n\r\nhello");
  const auto refused = twice.next();
  CHECK(refused.status == Framer::Status::Malformed);
  CHECK(refused.error.find("different values") != std::string::npos);
  Framer same;
  same.append("OPTIONS sip:x SIP/2.0\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
  const auto taken = same.next();
  REQUIRE(taken.status == Framer::Status::Message);
  CHECK(taken.message.body == "hello");
}

TEST_CASE("OPTIONS carries what RFC 3261 requires and a fresh branch", "[sip]") {
  OptionsRequest r{"sip-b.contoso.test", "10.0.0.1:40000", "sipmtls/test", "", "", ""};
  const std::string text = build_options(r);
  auto m = parse(text);
  REQUIRE(m);
  CHECK(m->method == "OPTIONS");
  CHECK(m->uri == "sip:sip-b.contoso.test;transport=tls");
  CHECK(m->header("Via")->find(";branch=z9hG4bK") != std::string::npos);
  CHECK(m->header("From")->find(";tag=" + r.tag) != std::string::npos);
  CHECK(*m->header("Call-ID") == r.call_id);
  CHECK(*m->header("CSeq") == "1 OPTIONS");
  CHECK(*m->header("Max-Forwards") == "70");
  CHECK(m->header("Contact"));
  CHECK(*m->header("Content-Length") == "0");
  OptionsRequest again{"sip-b.contoso.test", "10.0.0.1:40000", "sipmtls/test", "", "", ""};
  (void)build_options(again);
  CHECK(again.branch != r.branch);
}

TEST_CASE("OPTIONS speaks as the Edge or SBC it stands for", "[sip]") {
  OptionsRequest r{"sip-b.contoso.test", "10.0.0.1:40000", "sipmtls/test", "", "", ""};
  r.local_fqdn = "sbc.contoso.test";
  r.sip_domain = "contoso.test";
  auto m = parse(build_options(r));
  REQUIRE(m);
  CHECK(m->header("Via")->rfind("SIP/2.0/TLS sbc.contoso.test:5061;branch=", 0) == 0);
  CHECK(*m->header("Contact") == "<sip:sbc.contoso.test:5061;transport=tls>");
  CHECK(m->header("From")->rfind("<sip:sipmtls@contoso.test>;tag=", 0) == 0);
  CHECK(uri_host(*m->header("Contact")) == "sbc.contoso.test");
  // Without them: our address, as before.
  OptionsRequest bare{"sip-b.contoso.test", "10.0.0.1:40000", "sipmtls/test", "", "", ""};
  auto b = parse(build_options(bare));
  REQUIRE(b);
  CHECK(uri_host(*b->header("Contact")) == "10.0.0.1");
}

TEST_CASE("diagnostic headers and URI hosts are read as Lync and RFC 3261 write them", "[sip]") {
  auto m = parse("SIP/2.0 403 Forbidden\r\nVia: SIP/2.0/TLS a;branch=z9hG4bK9\r\nms-diagnostics: 1034;reason=\"Previous "
                 "hop federated peer did not report diagnostic information\"\r\nWarning: 399 edge \"not allowed\"\r\n"
                 "Reason: SIP;cause=403\r\nServer: RTC/7.0\r\nContent-Length: 0\r\n\r\n");
  REQUIRE(m);
  const auto d = diagnostic_headers(*m);
  REQUIRE(d.size() == 3);
  CHECK(d[0].first == "ms-diagnostics");
  CHECK(d[0].second.rfind("1034;reason=", 0) == 0);
  CHECK(d[1].first == "Warning");
  CHECK(d[2].first == "Reason");
  CHECK(uri_host("\"SBC\" <sips:user@SBC.Contoso.test:5061;transport=tls>;tag=1") == "sbc.contoso.test");
  CHECK(uri_host("<sip:[2001:db8::1]:5061>") == "2001:db8::1");
  CHECK(uri_host("no uri here").empty());
}

TEST_CASE("the listener answers 200 to OPTIONS, 405 to INVITE, 501 to the unknown, nothing to ACK", "[sip]") {
  auto req = parse("OPTIONS sip:b SIP/2.0\r\nVia: SIP/2.0/TLS a;branch=z9hG4bK9\r\nFrom: <sip:a>;tag=1\r\n"
                   "To: <sip:b>\r\nCall-ID: k\r\nCSeq: 7 OPTIONS\r\n\r\n");
  REQUIRE(req);
  auto ok = answer(*req, "srv");
  REQUIRE(ok);
  auto res = parse(ok->text);
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(res->header("To")->find(";tag=") != std::string::npos);
  CHECK(*res->header("CSeq") == "7 OPTIONS");
  CHECK(res->header("Allow"));
  CHECK(res->header("Accept"));
  CHECK(res->header("Supported"));
  req->method = "INVITE";
  CHECK(answer(*req, "srv")->status == 405);
  req->method = "FROB";
  CHECK(answer(*req, "srv")->status == 501);
  req->method = "ACK";
  CHECK_FALSE(answer(*req, "srv"));
}
