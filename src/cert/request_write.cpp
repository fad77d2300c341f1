// SPDX-License-Identifier: MIT
// Key generation and the PKCS#10 request, with mbedTLS's x509write_csr.
#include "sipmtls/cert/request_write.hpp"

#include <mbedtls/ecp.h>
#include <mbedtls/oid.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_csr.h>

#include <list>

#include "der.hpp"
#include "native.hpp"
#include "pkcs8_write.hpp"

namespace sipmtls::cert {
namespace {

struct Pk {
  Pk() { mbedtls_pk_init(&pk); }
  ~Pk() { mbedtls_pk_free(&pk); }
  mbedtls_pk_context pk;
};

struct Csr {
  Csr() { mbedtls_x509write_csr_init(&csr); }
  ~Csr() { mbedtls_x509write_csr_free(&csr); }
  mbedtls_x509write_csr csr;
};

int generate(KeySpec spec, mbedtls_pk_context& pk) {
  const bool rsa = !is_ecdsa(spec);
  int rc = mbedtls_pk_setup(&pk, mbedtls_pk_info_from_type(rsa ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECKEY));
  if (rc != 0) return rc;
  if (rsa) return mbedtls_rsa_gen_key(mbedtls_pk_rsa(pk), random_bytes, nullptr, static_cast<unsigned>(key_bits(spec)), 65537);
  return mbedtls_ecp_gen_key(spec == KeySpec::P256 ? MBEDTLS_ECP_DP_SECP256R1 : MBEDTLS_ECP_DP_SECP384R1,
                             mbedtls_pk_ec(pk), random_bytes, nullptr);
}

// ExtKeyUsageSyntax ::= SEQUENCE OF KeyPurposeId: serverAuth, clientAuth.
std::vector<unsigned char> mtls_eku() {
  static constexpr char kServer[] = MBEDTLS_OID_SERVER_AUTH;
  static constexpr char kClient[] = MBEDTLS_OID_CLIENT_AUTH;
  std::vector<unsigned char> oids;
  der::append_tlv(oids, der::kOid, der::Bytes(reinterpret_cast<const unsigned char*>(kServer), sizeof kServer - 1));
  der::append_tlv(oids, der::kOid, der::Bytes(reinterpret_cast<const unsigned char*>(kClient), sizeof kClient - 1));
  std::vector<unsigned char> out;
  der::append_tlv(out, der::kSequence, oids);
  return out;
}

int set_san(mbedtls_x509write_csr& csr, const RequestSpec& spec) {
  std::list<mbedtls_x509_san_list> nodes;  // stable addresses for the linked list
  auto add = [&](int type, const std::string& value) {
    mbedtls_x509_san_list node{};
    node.node.type = type;
    node.node.san.unstructured_name = {0, value.size(), reinterpret_cast<unsigned char*>(const_cast<char*>(value.data()))};
    nodes.push_back(node);
  };
  // mbedTLS writes the list back to front (ASN.1 is written from the end): give it reversed, so
  // the request lists the pool first, as asked.
  for (auto it = spec.uris.rbegin(); it != spec.uris.rend(); ++it) add(MBEDTLS_X509_SAN_UNIFORM_RESOURCE_IDENTIFIER, *it);
  for (auto it = spec.dns.rbegin(); it != spec.dns.rend(); ++it) add(MBEDTLS_X509_SAN_DNS_NAME, *it);
  if (nodes.empty()) return 0;
  for (auto it = nodes.begin(); it != nodes.end(); ++it) {
    auto next = std::next(it);
    it->next = next == nodes.end() ? nullptr : &*next;
  }
  return mbedtls_x509write_csr_set_subject_alternative_name(&csr, &nodes.front());
}

}  // namespace

NewRequest::~NewRequest() { mbedtls_platform_zeroize(key_pem.data(), key_pem.size()); }

Result<NewRequest> make_request(const RequestSpec& spec, const std::string* password) {
  ensure_crypto_initialised();
  Pk key;
  if (const int rc = generate(spec.key, key.pk); rc != 0) {
    return internal_error("key generation failed (mbedTLS error " + std::to_string(rc) + ")");
  }
  Csr csr;
  mbedtls_x509write_csr_set_md_alg(&csr.csr, MBEDTLS_MD_SHA256);
  mbedtls_x509write_csr_set_key(&csr.csr, &key.pk);
  if (mbedtls_x509write_csr_set_subject_name(&csr.csr, spec.subject.c_str()) != 0) {
    return input_error("the subject " + spec.subject + " cannot be encoded");
  }
  const bool rsa = mbedtls_pk_get_type(&key.pk) == MBEDTLS_PK_RSA;
  const unsigned char usage = rsa ? MBEDTLS_X509_KU_DIGITAL_SIGNATURE | MBEDTLS_X509_KU_KEY_ENCIPHERMENT
                                  : MBEDTLS_X509_KU_DIGITAL_SIGNATURE;
  const std::vector<unsigned char> eku = mtls_eku();
  if (set_san(csr.csr, spec) != 0 || mbedtls_x509write_csr_set_key_usage(&csr.csr, usage) != 0 ||
      mbedtls_x509write_csr_set_extension(&csr.csr, MBEDTLS_OID_EXTENDED_KEY_USAGE,
                                          MBEDTLS_OID_SIZE(MBEDTLS_OID_EXTENDED_KEY_USAGE), 0, eku.data(),
                                          eku.size()) != 0) {
    return input_error("the names or extensions cannot be encoded");
  }
  std::vector<unsigned char> buf(16384);
  if (mbedtls_x509write_csr_pem(&csr.csr, buf.data(), buf.size(), random_bytes, nullptr) != 0) {
    return internal_error("the request cannot be signed");
  }
  auto key_pem = pkcs8_pem(key.pk, password);
  if (!key_pem) return key_pem.error();
  NewRequest out;
  out.csr_pem = reinterpret_cast<const char*>(buf.data());
  out.key_pem = std::move(key_pem.value());
  return out;
}

}  // namespace sipmtls::cert
