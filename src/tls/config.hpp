// SPDX-License-Identifier: MIT
// One side's TLS configuration: our certificate chain and key, the trust store, versions,
// strictness and the key log. Immutable once made and shared by every session it serves.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sipmtls/cert/certificate.hpp"
#include "sipmtls/result.hpp"

struct mbedtls_ssl_config;

namespace sipmtls::tls {

class KeyLog;

enum class Versions { Auto, Tls12, Tls13 };
/// "1.2", "1.3" or "auto".
std::optional<Versions> parse_versions(const std::string& text);

struct ConfigOptions {
  bool server = false;
  Versions versions = Versions::Auto;
  /// Strict: the handshake itself enforces our verdict, ending it with the alert LCS would
  /// send. Otherwise the handshake completes so every fact can be gathered and reported.
  bool strict = false;
  std::vector<cert::Certificate> chain;  ///< ours: leaf first, then intermediates to send
  std::shared_ptr<cert::PrivateKey> key;
  std::vector<cert::Certificate> trust;  ///< trust store; its names go into CertificateRequest
  std::shared_ptr<KeyLog> keylog;        ///< may be null
};

class Config {
 public:
  static Result<std::shared_ptr<const Config>> make(ConfigOptions options);
  ~Config();
  Config(const Config&) = delete;
  Config& operator=(const Config&) = delete;

  const mbedtls_ssl_config* native() const;
  const ConfigOptions& options() const { return options_; }

  struct Impl;

 private:
  explicit Config(ConfigOptions options);
  ConfigOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sipmtls::tls
