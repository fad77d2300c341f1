// SPDX-License-Identifier: MIT
// Certificates identified without being parsed whole: a public store of ~150 roots parsed with
// mbedTLS costs every process ~11 ms here (docs/PERFORMANCE.md); their fingerprints and subjects
// cost well under one.
#include <mbedtls/base64.h>

#include <algorithm>
#include <filesystem>
#include <string_view>

#include "der.hpp"
#include "native.hpp"
#include "sipmtls/cert/certificate.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kBegin = "-----BEGIN CERTIFICATE-----";
constexpr std::string_view kEnd = "-----END CERTIFICATE-----";

// Certificate ::= SEQUENCE { tbs SEQUENCE { [0] version?, serial, signature, issuer, validity, subject, ... } ... }
void add(der::Bytes der, std::vector<CertificateKey>& out) {
  der::Reader outer(der);
  der::Tlv cert, tbs, item;
  if (!outer.expect(der::kSequence, cert) || !der::Reader(cert.value).expect(der::kSequence, tbs)) return;
  der::Reader fields(tbs.value);
  if (!fields.next(item)) return;
  if (item.tag == der::kContext0 && !fields.next(item)) return;  // version, then the serial
  for (int skip = 0; skip < 3; ++skip) {                           // signature, issuer, validity
    if (!fields.next(item)) return;
  }
  if (!fields.expect(der::kSequence, item)) return;
  out.push_back({sha256_hex(cert.whole), canonical_name(item.whole)});
}

void scan_file(const std::string& path, std::vector<CertificateKey>& out) {
  auto data = read_file(path);
  if (!data) return;
  const std::string_view text(reinterpret_cast<const char*>(data->data()), data->size());
  if (text.find(kBegin) == std::string_view::npos) {
    add(*data, out);  // DER
    return;
  }
  for (std::size_t at = text.find(kBegin); at != std::string_view::npos; at = text.find(kBegin, at + 1)) {
    const std::size_t body = at + kBegin.size();
    const std::size_t end = text.find(kEnd, body);
    if (end == std::string_view::npos) return;
    std::string b64;
    for (char c : text.substr(body, end - body)) {
      if (c != '\n' && c != '\r' && c != ' ' && c != '\t') b64 += c;
    }
    std::vector<unsigned char> der(b64.size());
    std::size_t len = 0;
    if (mbedtls_base64_decode(der.data(), der.size(), &len, reinterpret_cast<const unsigned char*>(b64.data()),
                              b64.size()) == 0) {
      add({der.data(), len}, out);
    }
  }
}

}  // namespace

std::vector<CertificateKey> scan_certificates(const std::string& path) {
  std::vector<CertificateKey> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    scan_file(path, out);
    return out;
  }
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    const std::string ext = entry.path().extension().string();
    std::error_code type_ec;
    if (entry.is_regular_file(type_ec) && (ext == ".pem" || ext == ".crt" || ext == ".cer" || ext == ".der")) {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) scan_file(f, out);
  return out;
}

}  // namespace sipmtls::cert
