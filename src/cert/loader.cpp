// SPDX-License-Identifier: MIT
// Loading certificate files (PEM bundles, DER, PKCS#12/PFX), keys and trust stores from disk.
#include <mbedtls/pem.h>
#include <mbedtls/platform_util.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "native.hpp"
#include "password.hpp"
#include "pkcs12.hpp"

namespace sipmtls::cert {
namespace {

constexpr std::size_t kMaxFileSize = 16 * 1024 * 1024;

bool contains(const std::vector<unsigned char>& data, std::string_view needle) {
  return std::search(data.begin(), data.end(), needle.begin(), needle.end()) != data.end();
}

Error in_file(const std::string& path, const Error& e) { return {e.kind, path + ": " + e.message, e.cause}; }

// Parses a key, asking for the password only when the key turns out to be encrypted.
Result<PrivateKey> parse_key_asking(std::span<const unsigned char> data, const PasswordSource& source,
                                    const std::string& path) {
  auto key = PrivateKey::parse(data, "");
  if (key || key.error().cause != ErrorCause::Password) return key;
  auto password = obtain_password(source, path);
  if (!password) return password.error();
  WipeOnExit wipe_password(password.value());
  return PrivateKey::parse(data, password.value());
}

Result<LoadedFile> load_pkcs12(const std::string& path, const std::vector<unsigned char>& data,
                               const PasswordSource& source) {
  // Windows lets a PFX be exported with an empty password: try that before asking.
  auto content = parse_pkcs12(data, "");
  std::string password;
  WipeOnExit wipe_password(password);
  if (!content) {
    if (content.error().cause != ErrorCause::Password) return content.error();
    auto obtained = obtain_password(source, path);
    if (!obtained) return obtained.error();
    password = std::move(obtained.value());
    content = parse_pkcs12(data, password);
    if (!content) return content.error();
  }
  WipeOnExit wipe_key(content->key_der);
  LoadedFile file{path, "PKCS#12", {}, nullptr};
  for (const auto& der : content->certificates) {
    auto cert = Certificate::parse_der(der);
    if (!cert) return input_error("a certificate in the PKCS#12 file: " + cert.error().message);
    file.certs.push_back(std::move(cert.value()));
  }
  if (!content->key_der.empty()) {
    auto key = PrivateKey::parse(content->key_der, password);
    if (!key) return input_error("the private key in the PKCS#12 file: " + key.error().message);
    file.key = std::make_shared<PrivateKey>(std::move(key.value()));
  }
  if (file.certs.empty()) return input_error("the PKCS#12 file holds no certificate");
  // Put the certificate that matches the key first: Windows exports need not order them.
  if (file.key) {
    auto leaf = std::find_if(file.certs.begin(), file.certs.end(),
                             [&](const Certificate& c) { return file.key->matches(c); });
    if (leaf != file.certs.end()) std::rotate(file.certs.begin(), leaf, leaf + 1);
  }
  return file;
}

}  // namespace

Result<std::vector<Certificate>> parse_pem_certificates(std::span<const unsigned char> data) {
  std::vector<unsigned char> text(data.begin(), data.end());  // a PEM bundle may hold a private key too
  WipeOnExit wipe_text(text);
  text.push_back('\0');
  std::vector<Certificate> certs;
  std::size_t offset = 0;
  int index = 0;
  while (offset < data.size()) {
    const char* start = std::strstr(reinterpret_cast<const char*>(text.data() + offset), "-----BEGIN CERTIFICATE-----");
    if (start == nullptr) break;
    offset = static_cast<std::size_t>(reinterpret_cast<const unsigned char*>(start) - text.data());
    mbedtls_pem_context pem;
    mbedtls_pem_init(&pem);
    std::size_t used = 0;
    const int rc = mbedtls_pem_read_buffer(&pem, "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----",
                                           text.data() + offset, nullptr, 0, &used);
    ++index;
    if (rc != 0) {
      mbedtls_pem_free(&pem);
      return input_error("PEM certificate #" + std::to_string(index) + " is damaged: " + mbedtls_error_text(rc));
    }
    std::size_t len = 0;
    const unsigned char* der = mbedtls_pem_get_buffer(&pem, &len);
    auto cert = Certificate::parse_der({der, len});
    mbedtls_pem_free(&pem);
    if (!cert) return input_error("PEM certificate #" + std::to_string(index) + ": " + cert.error().message);
    certs.push_back(std::move(cert.value()));
    offset += used;
  }
  return certs;
}

Result<std::vector<unsigned char>> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return input_error(path + ": is a directory, not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return input_error(path + ": cannot open: " + std::strerror(errno));
  std::vector<unsigned char> data;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.insert(data.end(), buf, buf + in.gcount());
    if (data.size() > kMaxFileSize) return input_error(path + ": larger than 16 MiB, not a certificate file");
  }
  if (in.bad()) return input_error(path + ": read error");
  return data;
}

Result<LoadedFile> load_certificate_file(const std::string& path, const PasswordSource& password) {
  ensure_crypto_initialised();
  auto data = read_file(path);
  if (!data) return data.error();
  if (data->empty()) return input_error(path + ": the file is empty");
  WipeOnExit wipe_data(data.value());  // it may hold a private key

  if (contains(*data, "-----BEGIN")) {
    auto certs = parse_pem_certificates(*data);
    if (!certs) return in_file(path, certs.error());
    if (certs->empty()) {
      return input_error(path + (contains(*data, "PRIVATE KEY-----") ? ": holds a private key but no certificate"
                                                                      : ": no PEM certificate in the file"));
    }
    LoadedFile file{path, "PEM", std::move(certs.value()), nullptr};
    if (contains(*data, "PRIVATE KEY-----")) {
      auto key = parse_key_asking(*data, password, path);
      if (!key) return in_file(path, key.error());
      file.key = std::make_shared<PrivateKey>(std::move(key.value()));
    }
    return file;
  }
  if (looks_like_pkcs12(*data)) {
    auto file = load_pkcs12(path, *data, password);
    if (!file) return in_file(path, file.error());
    return file;
  }
  auto cert = Certificate::parse_der(*data);
  if (!cert) return input_error(path + ": not a PEM, DER or PKCS#12 certificate: " + cert.error().message);
  return LoadedFile{path, "DER", {std::move(cert.value())}, nullptr};
}

Result<PrivateKey> load_private_key(const std::string& path, const PasswordSource& password) {
  ensure_crypto_initialised();
  auto data = read_file(path);
  if (!data) return data.error();
  if (data->empty()) return input_error(path + ": the file is empty");
  WipeOnExit wipe_data(data.value());
  auto key = parse_key_asking(*data, password, path);
  if (!key) return in_file(path, key.error());
  return key;
}

Result<std::vector<Certificate>> load_certificates(const std::vector<std::string>& paths) {
  std::vector<Certificate> out;
  auto add_file = [&](const std::string& file) -> Result<bool> {
    auto loaded = load_certificate_file(file, PasswordSource{"", false});
    if (!loaded) return loaded.error();
    for (auto& c : loaded->certs) out.push_back(std::move(c));
    return true;
  };
  for (const auto& path : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
      std::vector<std::string> files;
      for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".pem" || ext == ".crt" || ext == ".cer" || ext == ".der")) {
          files.push_back(entry.path().string());
        }
      }
      if (ec) return input_error(path + ": cannot list the directory: " + ec.message());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        auto r = add_file(f);
        if (!r) return r.error();
      }
    } else {
      auto r = add_file(path);
      if (!r) return r.error();
    }
  }
  return out;
}

}  // namespace sipmtls::cert
