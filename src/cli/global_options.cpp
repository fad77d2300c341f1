// SPDX-License-Identifier: MIT
// Global options and report output, shared by every subcommand.
#include <fcntl.h>
#include <sys/stat.h>
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

namespace {

// Writes all of text to fd; false with the reason when the device is full or the write fails.
bool write_all(int fd, const std::string& text, std::string& why) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      why = n < 0 ? std::strerror(errno) : "nothing could be written";
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// A device or a FIFO the user named (/dev/null, /dev/stdout, a pipe to a reader): written in place.
bool write_in_place(const std::string& path, const std::string& text, std::string& why) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    why = errno == ENXIO ? "a FIFO nobody reads" : std::strerror(errno);
    return false;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  const bool ok = write_all(fd, text, why);
  if (::close(fd) != 0 && ok) {
    why = std::strerror(errno);
    return false;
  }
  return ok;
}

// A regular file (new or existing): a temporary file beside it, then rename, so the previous
// report stays whole until the new one is; the existing file's permissions are kept.
bool replace_file(const std::string& path, const std::string& text, const struct stat* existing, std::string& why) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) {
    why = std::strerror(errno);
    return false;
  }
  bool ok = existing == nullptr || ::fchmod(fd, existing->st_mode & 07777) == 0;
  if (!ok) why = std::strerror(errno);
  ok = ok && write_all(fd, text, why);
  if (ok && ::fsync(fd) != 0) {
    why = std::strerror(errno);
    ok = false;
  }
  if (::close(fd) != 0 && ok) {
    why = std::strerror(errno);
    ok = false;
  }
  if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) {
    why = std::strerror(errno);
    ok = false;
  }
  if (!ok) ::unlink(tmp.c_str());
  return ok;
}

bool write_whole(const std::string& path, const std::string& text, std::string& why) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      why = std::strerror(errno);
      return false;
    }
    return replace_file(path, text, nullptr, why);
  }
  if (S_ISLNK(st.st_mode)) {
    why = "is a symbolic link; name the file itself";
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    why = "is a directory";
    return false;
  }
  if (S_ISREG(st.st_mode)) return replace_file(path, text, &st, why);
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return write_in_place(path, text, why);
  why = "is neither a regular file nor a device or FIFO";
  return false;
}

}  // namespace

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
