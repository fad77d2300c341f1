// SPDX-License-Identifier: MIT
// libFuzzer target: everything that reads certificate, key, PFX and request bytes (scripts/fuzz).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "cert/der.hpp"
#include "cert/ocsp.hpp"
#include "cert/pkcs12.hpp"
#include "cert/pkcs7.hpp"
#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/cert/chain.hpp"
#include "sipmtls/cert/request.hpp"

using namespace sipmtls;

namespace {

// A real leaf and its issuer, for OCSP answers about it (what a responder on the network sends).
struct OcspSubject {
  std::vector<cert::Certificate> leaf, issuer;
  OcspSubject() {
    const cert::PasswordSource none{"", false, ""};
    if (auto f = cert::load_certificate_file(SIPMTLS_TESTCERTS_DIR "/cases/a-rsa.crt.pem", none)) leaf = f->certs;
    if (auto f = cert::load_certificate_file(SIPMTLS_TESTCERTS_DIR "/pki/issuing-ca.pem", none)) issuer = f->certs;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const unsigned char> bytes(data, size);
  auto crls = cert::CrlSet::parse({std::string(reinterpret_cast<const char*>(data), size)});
  if (auto certs = cert::parse_pem_certificates(bytes); certs.ok() && !certs->empty()) {
    // Whatever parsed goes through chain building (with any CRL in the input) and the facts.
    cert::ChainInput input{certs->front(), {certs->begin() + 1, certs->end()}, {certs->back()},
                           crls.ok() ? &crls.value() : nullptr, 0};
    (void)cert::build_chain(input);
  }
  if (auto der = cert::Certificate::parse_der(bytes); der.ok()) (void)der->facts().key_description();
  (void)cert::PrivateKey::parse(bytes, "sipmtls-test");
  (void)cert::distinguished_name_text(bytes);
  const std::vector<unsigned char> copy(data, data + size);
  if (cert::looks_like_pkcs12(copy)) {
    (void)cert::parse_pkcs12(copy, cert::PbePassword{"sipmtls-test", false});
    (void)cert::parse_pkcs12(copy, cert::PbePassword{"", true});
  }
  (void)cert::pkcs7_certificates(bytes);
  (void)cert::der::ber_to_der(bytes);
  // Certificate requests: PKCS#10 (PEM or DER) and certreq INF text, as inspect reads them.
  if (cert::looks_like_request(bytes)) (void)cert::parse_request(bytes, "fuzz");
  (void)cert::parse_request_inf(std::string_view(reinterpret_cast<const char*>(data), size));
  static const OcspSubject subject;
  if (!subject.leaf.empty() && !subject.issuer.empty()) {
    (void)cert::ocsp_judge(bytes, subject.leaf.front(), subject.issuer.front(), 1780000000);
  }
  return 0;
}
