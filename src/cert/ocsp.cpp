// SPDX-License-Identifier: MIT
// OCSP requests and responses (see ocsp.hpp).
#include "ocsp.hpp"

#include <mbedtls/md.h>

#include <algorithm>
#include <array>

#include "native.hpp"
#include "signature.hpp"

namespace sipmtls::cert {
namespace {

constexpr unsigned char kBitString = 0x03;
constexpr unsigned char kEnumerated = 0x0A;
constexpr unsigned char kGeneralizedTime = 0x18;
constexpr std::string_view kOidBasicResponse = "1.3.6.1.5.5.7.48.1.1";
constexpr std::string_view kOidOcspSigning = "1.3.6.1.5.5.7.3.9";
constexpr std::string_view kOidSha1 = "1.3.14.3.2.26";
constexpr std::string_view kOidSha256 = "2.16.840.1.101.3.4.2.1";
constexpr UnixTime kSkew = 300;

std::vector<unsigned char> digest(mbedtls_md_type_t type, der::Bytes data) {
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(type);
  std::vector<unsigned char> out(mbedtls_md_get_size(info));
  mbedtls_md(info, data.data(), data.size(), out.data());
  return out;
}

// The subjectPublicKey BIT STRING's bits of a certificate (what issuerKeyHash hashes).
der::Bytes public_key_bits(const Certificate& c) {
  const mbedtls_x509_crt* crt = c.native();
  der::Reader outer({crt->pk_raw.p, crt->pk_raw.len});
  der::Tlv spki, algorithm, bits;
  if (!outer.expect(der::kSequence, spki)) return {};
  der::Reader parts(spki.value);
  if (!parts.expect(der::kSequence, algorithm) || !parts.expect(kBitString, bits) || bits.value.empty()) return {};
  return bits.value.subspan(1);
}

der::Bytes subject_der(const Certificate& c) { return {c.native()->subject_raw.p, c.native()->subject_raw.len}; }
der::Bytes serial_of(const Certificate& c) { return {c.native()->serial.p, c.native()->serial.len}; }

bool equal(der::Bytes a, der::Bytes b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

// CertID ::= SEQUENCE { hashAlgorithm, issuerNameHash OCTET STRING, issuerKeyHash OCTET STRING, serialNumber }
bool cert_id_matches(der::Bytes id, const Certificate& cert, const Certificate& issuer) {
  der::Reader r(id);
  der::Tlv algorithm, name_hash, key_hash, serial, oid;
  if (!r.expect(der::kSequence, algorithm) || !r.expect(der::kOctetString, name_hash) ||
      !r.expect(der::kOctetString, key_hash) || !r.expect(der::kInteger, serial)) {
    return false;
  }
  der::Reader a(algorithm.value);
  if (!a.expect(der::kOid, oid)) return false;
  const std::string alg = der::oid_text(oid.value);
  const mbedtls_md_type_t md = alg == kOidSha1 ? MBEDTLS_MD_SHA1 : alg == kOidSha256 ? MBEDTLS_MD_SHA256 : MBEDTLS_MD_NONE;
  if (md == MBEDTLS_MD_NONE) return false;
  return equal(serial.value, serial_of(cert)) && equal(name_hash.value, digest(md, subject_der(issuer))) &&
         equal(key_hash.value, digest(md, public_key_bits(issuer)));
}

Error bad(const std::string& what) { return input_error(what); }

std::string responder_status_words(int status) {
  switch (status) {
    case 1: return "malformedRequest (it could not read our request)";
    case 2: return "internalError";
    case 3: return "tryLater (it is not ready to answer)";
    case 5: return "sigRequired (it wants signed requests)";
    case 6: return "unauthorized (it does not serve this CA)";
    default: return "status " + std::to_string(status);
  }
}

// SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate, nextUpdate [0] OPTIONAL, singleExtensions [1] OPTIONAL }
std::optional<OcspAnswer> read_single(der::Bytes seq, const Certificate& cert, const Certificate& issuer,
                                      std::string& flaw) {
  der::Reader r(seq);
  der::Tlv id, status, this_update, field;
  if (!r.expect(der::kSequence, id) || !r.next(status) || !r.expect(kGeneralizedTime, this_update)) {
    flaw = "a SingleResponse is malformed";
    return std::nullopt;
  }
  if (!cert_id_matches(id.value, cert, issuer)) return std::nullopt;
  OcspAnswer a;
  const auto t = der_time(this_update.tag, this_update.value);
  if (!t) {
    flaw = "thisUpdate is malformed";
    return std::nullopt;
  }
  a.this_update = *t;
  if (r.next(field) && field.tag == der::kContext0) {
    der::Reader w(field.value);
    der::Tlv time;
    if (w.expect(kGeneralizedTime, time)) a.next_update = der_time(time.tag, time.value);
    if (!a.next_update) {
      flaw = "nextUpdate is malformed";
      return std::nullopt;
    }
  }
  if (status.tag == 0x80) {
    a.status = OcspStatus::Good;
  } else if (status.tag == 0xA1) {
    // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
    der::Reader info(status.value);
    der::Tlv when, reason;
    const auto at = info.expect(kGeneralizedTime, when) ? der_time(when.tag, when.value) : std::nullopt;
    if (!at) {
      flaw = "revocationTime is malformed";
      return std::nullopt;
    }
    a.status = OcspStatus::Revoked;
    a.revoked_at = *at;
    if (info.next(reason) && reason.tag == der::kContext0) {
      der::Reader e(reason.value);
      der::Tlv code;
      if (e.expect(kEnumerated, code) && code.value.size() == 1) a.reason = code.value[0];
    }
  } else if (status.tag == 0x82) {
    a.status = OcspStatus::Unknown;
  } else {
    flaw = "certStatus is malformed";
    return std::nullopt;
  }
  return a;
}

bool valid_at(const CertFacts& f, UnixTime now) { return now >= f.not_before && now <= f.not_after; }

// Who may sign: the CA itself, or a certificate the CA issued with id-kp-OCSPSigning (RFC 6960 §4.2.2.2).
const Certificate* find_signer(der::Bytes responder_id, const std::vector<Certificate>& certs, const Certificate& issuer) {
  auto named = [&](const Certificate& c) {
    if (responder_id.empty()) return false;
    der::Reader r(responder_id);
    der::Tlv choice;
    if (!r.next(choice)) return false;
    if (choice.tag == 0xA1) return canonical_name(choice.value) == c.facts().subject_canonical;
    if (choice.tag == 0xA2) {
      der::Reader k(choice.value);
      der::Tlv hash;
      return k.expect(der::kOctetString, hash) && equal(hash.value, digest(MBEDTLS_MD_SHA1, public_key_bits(c)));
    }
    return false;
  };
  if (named(issuer)) return &issuer;
  for (const Certificate& c : certs) {
    if (named(c)) return &c;
  }
  return nullptr;
}

}  // namespace

std::vector<unsigned char> ocsp_request(const Certificate& cert, const Certificate& issuer) {
  static constexpr std::array<unsigned char, 5> kSha1Oid{0x2B, 0x0E, 0x03, 0x02, 0x1A};
  std::vector<unsigned char> algorithm, cert_id, request, list, tbs, out;
  der::append_tlv(algorithm, der::kOid, kSha1Oid);
  algorithm.push_back(0x05);  // NULL parameters
  algorithm.push_back(0x00);
  std::vector<unsigned char> fields;
  der::append_tlv(fields, der::kSequence, algorithm);
  der::append_tlv(fields, der::kOctetString, digest(MBEDTLS_MD_SHA1, subject_der(issuer)));
  der::append_tlv(fields, der::kOctetString, digest(MBEDTLS_MD_SHA1, public_key_bits(issuer)));
  der::append_tlv(fields, der::kInteger, serial_of(cert));
  der::append_tlv(cert_id, der::kSequence, fields);
  der::append_tlv(request, der::kSequence, cert_id);
  der::append_tlv(list, der::kSequence, request);
  der::append_tlv(tbs, der::kSequence, list);
  der::append_tlv(out, der::kSequence, tbs);
  return out;
}

Result<OcspAnswer> ocsp_judge(der::Bytes response, const Certificate& cert, const Certificate& issuer, UnixTime now) {
  // OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED, responseBytes [0] EXPLICIT SEQUENCE { OID, OCTET STRING } }
  der::Reader outer(response);
  der::Tlv top, status, wrapper;
  if (!outer.expect(der::kSequence, top)) return bad("the answer is not an OCSP response");
  der::Reader parts(top.value);
  if (!parts.expect(kEnumerated, status) || status.value.size() != 1) return bad("the answer is not an OCSP response");
  if (status.value[0] != 0) return bad("the responder answered " + responder_status_words(status.value[0]));
  der::Tlv bytes, type, octets;
  if (!parts.expect(der::kContext0, wrapper)) return bad("the OCSP response carries no answer");
  der::Reader w(wrapper.value);
  if (!w.expect(der::kSequence, bytes)) return bad("the OCSP response is malformed");
  der::Reader b(bytes.value);
  if (!b.expect(der::kOid, type) || !b.expect(der::kOctetString, octets)) return bad("the OCSP response is malformed");
  if (der::oid_text(type.value) != kOidBasicResponse) return bad("the OCSP response is not a basic response");

  // BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature BIT STRING, certs [0] EXPLICIT OPTIONAL }
  der::Reader basic_outer(octets.value);
  der::Tlv basic, tbs, algorithm, signature, certs_wrapper;
  if (!basic_outer.expect(der::kSequence, basic)) return bad("the basic OCSP response is malformed");
  der::Reader basic_parts(basic.value);
  if (!basic_parts.expect(der::kSequence, tbs) || !basic_parts.expect(der::kSequence, algorithm) ||
      !basic_parts.expect(kBitString, signature) || signature.value.empty()) {
    return bad("the basic OCSP response is malformed");
  }
  std::vector<Certificate> certs;
  if (basic_parts.next(certs_wrapper) && certs_wrapper.tag == der::kContext0) {
    der::Reader cw(certs_wrapper.value);
    der::Tlv list, one;
    if (cw.expect(der::kSequence, list)) {
      der::Reader each(list.value);
      while (each.next(one)) {
        auto c = Certificate::parse_der(one.whole);
        if (c) certs.push_back(std::move(c.value()));
      }
    }
  }

  // ResponseData ::= SEQUENCE { version [0] OPTIONAL, responderID, producedAt, responses, responseExtensions [1] OPTIONAL }
  der::Reader data(tbs.value);
  der::Tlv field, responder, produced, responses;
  if (!data.next(field)) return bad("the OCSP response data is malformed");
  if (field.tag == der::kContext0 && !data.next(field)) return bad("the OCSP response data is malformed");
  responder = field;
  if (!data.expect(kGeneralizedTime, produced) || !data.expect(der::kSequence, responses)) {
    return bad("the OCSP response data is malformed");
  }

  const Certificate* signer = find_signer(responder.whole, certs, issuer);
  if (signer == nullptr) return bad("the response's signer is neither the CA nor a certificate it sent");
  const std::vector<unsigned char> sig(signature.value.begin() + 1, signature.value.end());
  if (signature.value[0] != 0 || !signature_verifies(tbs.whole, algorithm.value, sig, *signer->native())) {
    return bad("the response's signature does not verify with the key of " + signer->facts().subject);
  }
  OcspAnswer answer;
  answer.signer = "the CA";
  if (!signer->same_as(issuer)) {
    const CertFacts& f = signer->facts();
    if (f.issuer_canonical != issuer.facts().subject_canonical || !signed_by_cached(*signer, issuer)) {
      return bad("the response is signed by " + f.subject + ", which the CA did not issue");
    }
    if (!f.has_eku_oid(kOidOcspSigning)) {
      return bad("the response is signed by " + f.subject + ", whose EKU lacks OCSP Signing (1.3.6.1.5.5.7.3.9)");
    }
    if (!valid_at(f, now)) return bad("the responder certificate " + f.subject + " is outside its validity");
    answer.signer = f.subject;
  }

  der::Reader each(responses.value);
  der::Tlv single;
  std::string flaw;
  while (each.next(single)) {
    if (single.tag != der::kSequence) continue;
    auto a = read_single(single.value, cert, issuer, flaw);
    if (!a) continue;
    if (a->this_update > now + kSkew) return bad("the answer's thisUpdate (" + format_time(a->this_update) + ") lies in the future");
    if (a->next_update && *a->next_update + kSkew < now) {
      return bad("the answer's nextUpdate (" + format_time(*a->next_update) + ") has passed");
    }
    a->signer = answer.signer;
    return *a;
  }
  if (!flaw.empty()) return bad("the OCSP response is malformed: " + flaw);
  return bad("the response holds no answer for this certificate");
}

}  // namespace sipmtls::cert
