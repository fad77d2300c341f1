// SPDX-License-Identifier: MIT
// Global options and report output, shared by every subcommand.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli.hpp"

namespace sipmtls::cli {

void add_global_options(CLI::App& app, GlobalOptions& g) {
  app.fallthrough();  // global options may also follow the subcommand
  app.add_option("--format", g.format, "Report format: text (for people), json or junit (for machines)")
      ->check(CLI::IsMember({"text", "json", "junit"}))
      ->capture_default_str();
  app.add_option("--output", g.output, "Write the report to FILE (whole or not at all) instead of stdout");
  app.add_option("--timeout", g.timeout, "Seconds allowed for each network step")
      ->check(kFinite & CLI::Range(0.1, 3600.0))
      ->capture_default_str();
  app.add_option("--tls", g.tls, "TLS version: 1.2, 1.3 or auto")
      ->check(CLI::IsMember({"1.2", "1.3", "auto"}))
      ->capture_default_str();
  app.add_option("--keylog", g.keylog, "Append TLS secrets in NSS key log format to FILE (for Wireshark)");
  app.add_flag("-v,--verbose", g.verbose, "More detail; repeat for more");
  app.add_flag("--x509-strict", g.x509_strict,
               "Judge certificates as strict verifiers do (OpenSSL -x509_strict, Go, rustls, browsers): RFC 5280 "
               "and CA/B Forum encoding flaws (CERT_NONCONFORMANT), keys below RSA-2048/P-256, SHA-1 signatures and "
               "unusable CRLs become errors instead of warnings");
}

ExitStatus fail(const Error& error) {
  std::cerr << "sipmtls: error: " << error.message << '\n';
  return error.kind == ErrorKind::Input ? ExitStatus::Usage : ExitStatus::Internal;
}

static bool write_whole(const std::string& path, const std::string& text, std::string& why) {
  const std::filesystem::path target(path);
  const std::filesystem::path tmp = target.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      why = std::strerror(errno);
      return false;
    }
    out << text;
    out.flush();
    if (!out) {
      why = "write failed";
      std::filesystem::remove(tmp);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    why = ec.message();
    std::filesystem::remove(tmp, ec);
    return false;
  }
  return true;
}

std::optional<Error> write_file_whole(const std::string& path, const std::string& text) {
  std::string why;
  if (!write_whole(path, text, why)) return input_error(path + ": " + why);
  return std::nullopt;
}

ExitStatus emit_text(const std::string& text, report::Verdict verdict, const GlobalOptions& g) {
  if (g.output.empty()) {
    std::cout << text << std::flush;
  } else if (auto e = write_file_whole(g.output, text)) {
    return fail(input_error("--output " + e->message));
  }
  switch (verdict) {
    case report::Verdict::Pass: return ExitStatus::Pass;
    case report::Verdict::Fail: return ExitStatus::Fail;
    case report::Verdict::Error: return ExitStatus::Internal;
  }
  return ExitStatus::Internal;
}

bool use_colour(const GlobalOptions& g) {
  return g.output.empty() && ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
}

ExitStatus emit(const report::Report& report, const GlobalOptions& g) {
  std::string text;
  if (g.format == "json") {
    text = report::render_json(report);
  } else if (g.format == "junit") {
    text = report::render_junit(report);
  } else {
    text = report::render_text(report, use_colour(g));
  }
  return emit_text(text, report.verdict(), g);
}

}  // namespace sipmtls::cli
