// SPDX-License-Identifier: MIT
// Global options, shared by every subcommand.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli.hpp"

namespace sipmtls::cli {

void add_global_options(CLI::App& app, GlobalOptions& g) {
  app.fallthrough();  // global options may also follow the subcommand
  app.add_option("--format", g.format,
                 "Report format: text (for people), json or junit (for machines), nagios (one status line, exit "
                 "0-3 = OK, WARNING, CRITICAL, UNKNOWN) or markdown (to paste to a partner or vendor)")
      ->check(CLI::IsMember({"text", "json", "junit", "nagios", "markdown"}))
      ->capture_default_str();
  app.add_option("--output", g.output, "Write the report to FILE (whole or not at all) instead of stdout");
  app.add_option("--timeout", g.timeout, "Seconds allowed for each network step")
      ->check(kFinite & CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  app.add_option("--tls", g.tls, "TLS version: 1.2, 1.3 or auto")
      ->check(CLI::IsMember({"1.2", "1.3", "auto"}))
      ->capture_default_str();
  app.add_option("--keylog", g.keylog, "Append TLS secrets in NSS key log format to FILE (for Wireshark)");
  app.add_flag("-v,--verbose", g.verbose,
               "On stderr: -v the SIP messages sent and received, -vv also the TLS handshake's events");
  app.add_option("--warn-days", g.warn_days,
                 "Warn (CERT_EXPIRES_SOON) when a certificate of a judged path expires within N days; 0: never")
      ->check(CLI::Range(0, 36500))
      ->capture_default_str();
  app.add_option("--revocation", g.revocation,
                 "Revocation status of every certificate of a trusted path that no --crl covers, fetched as Windows "
                 "does (OCSP from the AIA, then the HTTP CDPs): soft makes an unreachable source a warning "
                 "(REVOCATION_OFFLINE), hard an error, off fetches nothing")
      ->check(CLI::IsMember({"off", "soft", "hard"}))
      ->each([&g](const std::string&) { g.revocation_given = true; })
      ->capture_default_str();
  app.add_option("--crl-cache", g.crl_cache,
                 "Keep fetched CRLs in DIR between runs, each until its nextUpdate");
  app.add_flag("--x509-strict", g.x509_strict,
               "Judge certificates as strict verifiers do (OpenSSL -x509_strict, Go, rustls, browsers): RFC 5280 "
               "and CA/B Forum encoding flaws (CERT_NONCONFORMANT), keys below RSA-2048/P-256, SHA-1 signatures and "
               "unusable CRLs become errors instead of warnings");
}

std::string& last_failure() {
  static std::string message;
  return message;
}

ExitStatus fail(const Error& error) {
  last_failure() = error.message;
  std::cerr << "sipmtls: error: " << error.message << '\n';
  return error.kind == ErrorKind::Input ? ExitStatus::Usage : ExitStatus::Internal;
}

bool use_colour(const GlobalOptions& g) {
  return g.output.empty() && ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

}  // namespace sipmtls::cli
