// SPDX-License-Identifier: MIT
// NSS key log (SSLKEYLOGFILE format) so Wireshark can decrypt a capture of the test.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "sipmtls/result.hpp"

struct mbedtls_ssl_context;

namespace sipmtls::tls {

class KeyLog {
 public:
  /// Opens FILE for appending (created with mode 0600: it holds session secrets).
  static Result<std::shared_ptr<KeyLog>> open(const std::string& path);
  ~KeyLog();
  KeyLog(const KeyLog&) = delete;
  KeyLog& operator=(const KeyLog&) = delete;

  /// Registers the export callback on a session.
  void attach(mbedtls_ssl_context* ssl);
  /// One line: LABEL CLIENT_RANDOM_HEX SECRET_HEX.
  void write(const char* label, const unsigned char* client_random, const unsigned char* secret, std::size_t len);

 private:
  explicit KeyLog(std::FILE* file) : file_(file) {}
  std::FILE* file_;
  std::mutex mutex_;
};

}  // namespace sipmtls::tls
