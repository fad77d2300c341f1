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
#include "sipmtls/file.hpp"
#include "password.hpp"
#include "pkcs12.hpp"
#include "pkcs7.hpp"
#include "pkcs8.hpp"

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

struct PemLabel {
  const char* begin;
  const char* end;
  const char* name;
};
// Windows' "Base 64" .p7b files wrap PKCS#7 in CERTIFICATE labels; OpenSSL writes PKCS7.
constexpr PemLabel kCertificateLabels[] = {
    {"-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----", "CERTIFICATE"},
    {"-----BEGIN PKCS7-----", "-----END PKCS7-----", "PKCS7"},
    {"-----BEGIN X509 CERTIFICATE-----", "-----END X509 CERTIFICATE-----", "X509 CERTIFICATE"},
};

// Moves cursor to the next certificate-bearing PEM block; its label, or nullptr at the end.
const PemLabel* next_pem_block(const char*& cursor) {
  const PemLabel* found = nullptr;
  const char* at = nullptr;
  for (const auto& label : kCertificateLabels) {
    const char* p = std::strstr(cursor, label.begin);
    if (p != nullptr && (at == nullptr || p < at)) {
      at = p;
      found = &label;
    }
  }
  if (found != nullptr) cursor = at;
  return found;
}

// Adds every certificate of a PKCS#7 bundle to out.
Result<bool> add_bundle(const std::vector<std::vector<unsigned char>>& bundle, std::vector<Certificate>& out) {
  for (std::size_t i = 0; i < bundle.size(); ++i) {
    auto cert = Certificate::parse_der(bundle[i]);
    if (!cert) return input_error("PKCS#7 certificate #" + std::to_string(i + 1) + ": " + cert.error().message);
    out.push_back(std::move(cert.value()));
  }
  return true;
}

// Adds one DER certificate, or every certificate of a PKCS#7 bundle, to out.
Result<bool> add_der_certificates(std::span<const unsigned char> der, std::vector<Certificate>& out) {
  if (auto bundle = pkcs7_certificates(der)) return add_bundle(*bundle, out);
  auto cert = Certificate::parse_der(der);
  if (!cert) return cert.error();
  out.push_back(std::move(cert.value()));
  return true;
}

// Puts the leaf first: the certificate that matches the key; without a key, the one that issued
// none of the others (Windows orders PFX and PKCS#7 bundles as it likes, often root first).
void order_leaf_first(LoadedFile& file) {
  if (file.certs.size() < 2) return;
  auto leaf = file.certs.end();
  if (file.key) {
    leaf = std::find_if(file.certs.begin(), file.certs.end(), [&](const Certificate& c) { return file.key->matches(c); });
  } else {
    leaf = std::find_if(file.certs.begin(), file.certs.end(), [&](const Certificate& c) {
      return !c.facts().is_ca && std::none_of(file.certs.begin(), file.certs.end(), [&](const Certificate& other) {
        return !other.same_as(c) && other.facts().issuer == c.facts().subject;
      });
    });
  }
  if (leaf != file.certs.end()) std::rotate(file.certs.begin(), leaf, leaf + 1);
}

// Tries each password form in turn: the first that the MAC (or the decryption) accepts wins.
Result<Pkcs12Content> parse_pkcs12_trying(const std::vector<unsigned char>& data,
                                          std::span<const PbePassword> passwords, PbePassword& used) {
  Result<Pkcs12Content> content = password_error("wrong password for the PKCS#12 file");
  for (const PbePassword& p : passwords) {
    content = parse_pkcs12(data, p);
    if (content || content.error().cause != ErrorCause::Password) {
      used = p;
      break;
    }
  }
  return content;
}

Result<LoadedFile> load_pkcs12(const std::string& path, const std::vector<unsigned char>& data,
                               const PasswordSource& source) {
  // Windows and .NET export "without a password" as an empty or as an absent password: try both first.
  std::vector<PbePassword> passwords = {{"", false}, {"", true}};
  PbePassword used;
  WipeOnExit wipe_used(used.utf8);
  auto content = parse_pkcs12_trying(data, passwords, used);
  if (!content) {
    if (content.error().cause != ErrorCause::Password) return content.error();
    auto obtained = obtain_password(source, path);
    if (!obtained) return obtained.error();
    WipeOnExit wipe_obtained(obtained.value());
    PbePassword given[] = {{obtained.value(), false}};
    WipeOnExit wipe_given(given[0].utf8);
    content = parse_pkcs12_trying(data, given, used);
    if (!content) return content.error();
  }
  WipeOnExit wipe_key(content->key_der);
  LoadedFile file{path, "PKCS#12", {}, nullptr};
  for (std::size_t i = 0; i < content->certificates.size(); ++i) {
    auto cert = Certificate::parse_der(content->certificates[i]);
    if (!cert) return input_error("certificate #" + std::to_string(i + 1) + " in the PKCS#12 file: " + cert.error().message);
    file.certs.push_back(std::move(cert.value()));
  }
  if (!content->key_der.empty()) {
    // The key is usually encrypted with the password that opened the file; try the others too.
    passwords.insert(passwords.begin(), used);
    auto key = parse_private_key(content->key_der, passwords);
    mbedtls_platform_zeroize(passwords.front().utf8.data(), passwords.front().utf8.size());
    if (!key && key.error().cause == ErrorCause::Password && used.utf8.empty()) {
      // A file without a MAC and with plain certificates opened without a password; its key has one.
      auto obtained = obtain_password(source, path);
      if (!obtained) return obtained.error();
      WipeOnExit wipe_obtained(obtained.value());
      PbePassword given[] = {{obtained.value(), false}};
      WipeOnExit wipe_given(given[0].utf8);
      key = parse_private_key(content->key_der, given);
    }
    if (!key) {
      if (key.error().cause == ErrorCause::Password) return password_error("wrong password for the private key in the PKCS#12 file");
      return input_error("the private key in the PKCS#12 file: " + key.error().message);
    }
    file.key = std::make_shared<PrivateKey>(std::move(key.value()));
  }
  if (file.certs.empty()) return input_error("the PKCS#12 file holds no certificate");
  order_leaf_first(file);
  return file;
}

}  // namespace

Result<std::vector<Certificate>> parse_pem_certificates(std::span<const unsigned char> data) {
  std::vector<unsigned char> text(data.begin(), data.end());  // a PEM bundle may hold a private key too
  WipeOnExit wipe_text(text);
  text.push_back('\0');
  std::vector<Certificate> certs;
  const char* cursor = reinterpret_cast<const char*>(text.data());
  int index = 0;
  while (const PemLabel* label = next_pem_block(cursor)) {
    mbedtls_pem_context pem;
    mbedtls_pem_init(&pem);
    std::size_t used = 0;
    const int rc = mbedtls_pem_read_buffer(&pem, label->begin, label->end,
                                           reinterpret_cast<const unsigned char*>(cursor), nullptr, 0, &used);
    ++index;
    const std::string where = "PEM block #" + std::to_string(index) + " (" + label->name + ")";
    if (rc != 0) {
      mbedtls_pem_free(&pem);
      return input_error(where + " is damaged: its Base64 text does not decode (" + error_code_text(rc) + ")");
    }
    std::size_t len = 0;
    const unsigned char* der = mbedtls_pem_get_buffer(&pem, &len);
    auto added = add_der_certificates({der, len}, certs);
    mbedtls_pem_free(&pem);
    if (!added) return input_error(where + ": " + added.error().message);
    cursor += used;
  }
  return certs;
}

Result<std::vector<unsigned char>> read_file(const std::string& path) {
  auto data = read_regular_file(path, kMaxFileSize);
  if (!data) return data.error();
  if (data->size() >= kMaxFileSize) return input_error(path + ": larger than 16 MiB, not a certificate file");
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
    const bool pkcs7 = contains(*data, "-----BEGIN PKCS7");
    LoadedFile file{path, pkcs7 ? "PKCS#7" : "PEM", std::move(certs.value()), nullptr};
    // A bundle that starts with a CA (a .p7b in Base64, a CA-first PEM) is reordered; a PEM with
    // a key below is ordered by the key.
    if (!contains(*data, "PRIVATE KEY-----") && file.certs.front().facts().is_ca) order_leaf_first(file);
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
  if (auto bundle = pkcs7_certificates(*data)) {
    LoadedFile file{path, "PKCS#7", {}, nullptr};
    auto added = add_bundle(*bundle, file.certs);
    if (!added) return in_file(path, added.error());
    if (file.certs.empty()) return input_error(path + ": the PKCS#7 bundle holds no certificate");
    order_leaf_first(file);
    return file;
  }
  auto cert = Certificate::parse_der(*data);
  if (!cert) return input_error(path + ": not a PEM, DER, PKCS#7 or PKCS#12 certificate: " + cert.error().message);
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
    auto loaded = load_certificate_file(file, PasswordSource{"", false, ""});
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
        std::error_code type_ec;  // a symlink loop or a dangling link: not a file to read, no exception
        if (entry.is_regular_file(type_ec) && (ext == ".pem" || ext == ".crt" || ext == ".cer" || ext == ".der" ||
                                               ext == ".p7b" || ext == ".p7c")) {
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
