// SPDX-License-Identifier: MIT
// Request files: PEM or DER PKCS#10, or a certreq INF (ANSI or UTF-16 with a byte order mark).
#include <mbedtls/pem.h>

#include <algorithm>
#include <string_view>

#include "native.hpp"
#include "sipmtls/ascii.hpp"
#include "sipmtls/cert/request.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::string_view kPemLabels[][2] = {
    {"-----BEGIN CERTIFICATE REQUEST-----", "-----END CERTIFICATE REQUEST-----"},
    {"-----BEGIN NEW CERTIFICATE REQUEST-----", "-----END NEW CERTIFICATE REQUEST-----"},
};

std::string_view as_text(std::span<const unsigned char> data) {
  return {reinterpret_cast<const char*>(data.data()), data.size()};
}

// An INF as certreq reads it: UTF-16LE with its BOM narrowed (non-ASCII becomes '?'), UTF-8 BOM dropped.
std::string inf_text(std::span<const unsigned char> data) {
  if (data.size() >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
    std::string out;
    for (std::size_t i = 2; i + 1 < data.size(); i += 2) {
      out += data[i + 1] == 0 && data[i] < 0x80 ? static_cast<char>(data[i]) : '?';
    }
    return out;
  }
  std::string_view text = as_text(data);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  return std::string(text);
}

bool is_inf(std::span<const unsigned char> data) {
  return ascii_lower(inf_text(data.first(std::min<std::size_t>(data.size(), 65536)))).find("[newrequest]") !=
         std::string::npos;
}

const std::string_view* pem_label(std::string_view text) {
  for (const auto& label : kPemLabels) {
    if (text.find(label[0]) != std::string_view::npos) return label;
  }
  return nullptr;
}

}  // namespace

bool looks_like_request(std::span<const unsigned char> data) {
  if (pem_label(as_text(data)) != nullptr || is_inf(data)) return true;
  return !data.empty() && data[0] == 0x30 && parse_pkcs10(data).ok();
}

Result<CertRequest> parse_request(std::span<const unsigned char> data, const std::string& path) {
  if (is_inf(data)) {
    auto r = parse_request_inf(inf_text(data));
    if (!r) return input_error(path + ": " + r.error().message);
    return r;
  }
  const std::string_view text = as_text(data);
  if (const std::string_view* label = pem_label(text)) {
    const std::string pem(text);  // mbedtls_pem_read_buffer needs a terminated string
    mbedtls_pem_context ctx;
    mbedtls_pem_init(&ctx);
    std::size_t used = 0;
    const int rc = mbedtls_pem_read_buffer(&ctx, std::string(label[0]).c_str(), std::string(label[1]).c_str(),
                                           reinterpret_cast<const unsigned char*>(pem.c_str()), nullptr, 0, &used);
    std::size_t len = 0;
    const unsigned char* der = rc == 0 ? mbedtls_pem_get_buffer(&ctx, &len) : nullptr;
    auto r = der != nullptr ? parse_pkcs10({der, len}) : Result<CertRequest>(input_error("its Base64 is damaged"));
    mbedtls_pem_free(&ctx);
    if (!r) return input_error(path + ": " + r.error().message);
    r->format = "PKCS#10 PEM";
    return r;
  }
  auto r = parse_pkcs10(data);
  if (!r) return input_error(path + ": " + r.error().message);
  r->format = "PKCS#10 DER";
  return r;
}

bool carries_public_key(const Certificate& cert, const CertRequest& request) {
  const mbedtls_x509_buf& spki = cert.native()->pk_raw;
  return !request.public_key.empty() && spki.len == request.public_key.size() &&
         std::equal(request.public_key.begin(), request.public_key.end(), spki.p);
}

Result<CertRequest> load_request(const std::string& path) {
  auto data = read_file(path);
  if (!data) return data.error();
  if (data->empty()) return input_error(path + ": the file is empty");
  return parse_request(*data, path);
}

}  // namespace sipmtls::cert
