// SPDX-License-Identifier: MIT
// NSS key log (SSLKEYLOGFILE format) so Wireshark can decrypt a capture of the test.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
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

  /// Writes one exported secret (mbedtls_ssl_key_export_type) as its NSS key log line.
  void on_secret(int type, const unsigned char* client_random, const unsigned char* secret, std::size_t len);
  /// One line: LABEL CLIENT_RANDOM_HEX SECRET_HEX.
  void write(const char* label, const unsigned char* client_random, const unsigned char* secret, std::size_t len);

 private:
  explicit KeyLog(std::FILE* file) : file_(file) {}
  std::FILE* file_;
  std::mutex mutex_;
};

}  // namespace sipmtls::tls
