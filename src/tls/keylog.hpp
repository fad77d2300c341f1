// SPDX-License-Identifier: MIT
// NSS key log (SSLKEYLOGFILE format) so Wireshark can decrypt a capture of the test.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "sipmtls/result.hpp"

namespace sipmtls::tls {

class KeyLog {
 public:
  /// Opens FILE for appending (created with mode 0600: it holds session secrets).
  static Result<std::shared_ptr<KeyLog>> open(const std::string& path);
  ~KeyLog();
  KeyLog(const KeyLog&) = delete;
  KeyLog& operator=(const KeyLog&) = delete;

  /// Writes one exported secret (mbedtls_ssl_key_export_type) as its NSS key log line; the
  /// error ("PATH: No space left on device") when it could not be written.
  std::optional<std::string> on_secret(int type, const unsigned char* client_random, const unsigned char* secret,
                                       std::size_t len);
  /// One line: LABEL CLIENT_RANDOM_HEX SECRET_HEX; the error, if any.
  std::optional<std::string> write(const char* label, const unsigned char* client_random, const unsigned char* secret,
                                   std::size_t len);

 private:
  KeyLog(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {}
  std::FILE* file_;
  std::string path_;
  std::mutex mutex_;
};

}  // namespace sipmtls::tls
