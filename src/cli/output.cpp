// SPDX-License-Identifier: MIT
// Report output: stdout, or --output FILE written whole or not at all; a report may come as one
// string or in pieces (a spooled listener report).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>

#include "cli.hpp"
#include "sipmtls/report/monitoring.hpp"

namespace sipmtls::cli {
namespace {

// Writes all of the bytes to fd; false with the reason when the device is full or the write fails.
bool write_bytes(int fd, std::string_view bytes, std::string& why) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      why = n < 0 ? std::strerror(errno) : "nothing could be written";
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool write_all(int fd, const Content& content, std::string& why) {
  bool ok = true;
  const bool produced = content([&](std::string_view piece) { return ok = write_bytes(fd, piece, why); });
  if (ok && !produced) why = "the report could not be assembled";
  return ok && produced;
}

// A device or a FIFO the user named (/dev/null, /dev/stdout, a pipe to a reader): written in place.
bool write_in_place(const std::string& path, const Content& content, std::string& why) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    why = errno == ENXIO ? "a FIFO nobody reads" : std::strerror(errno);
    return false;
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  const bool ok = write_all(fd, content, why);
  if (::close(fd) != 0 && ok) {
    why = std::strerror(errno);
    return false;
  }
  return ok;
}

// A regular file (new or existing): a temporary file beside it, then rename, so the previous
// report stays whole until the new one is; the existing file's permissions are kept.
bool replace_file(const std::string& path, const Content& content, const struct stat* existing, std::string& why) {
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
  if (fd < 0) {
    why = std::strerror(errno);
    return false;
  }
  bool ok = existing == nullptr || ::fchmod(fd, existing->st_mode & 07777) == 0;
  if (!ok) why = std::strerror(errno);
  ok = ok && write_all(fd, content, why);
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

bool write_whole(const std::string& path, const Content& content, std::string& why) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      why = std::strerror(errno);
      return false;
    }
    return replace_file(path, content, nullptr, why);
  }
  if (S_ISLNK(st.st_mode)) {
    why = "is a symbolic link; name the file itself";
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    why = "is a directory";
    return false;
  }
  if (S_ISREG(st.st_mode)) return replace_file(path, content, &st, why);
  if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return write_in_place(path, content, why);
  why = "is neither a regular file nor a device or FIFO";
  return false;
}

ExitStatus status_of(report::Verdict verdict) {
  switch (verdict) {
    case report::Verdict::Pass: return ExitStatus::Pass;
    case report::Verdict::Fail: return ExitStatus::Fail;
    case report::Verdict::Error: return ExitStatus::Internal;
  }
  return ExitStatus::Internal;
}

}  // namespace

Content content_of(const std::string& text) {
  return [&text](const std::function<bool(std::string_view)>& sink) { return sink(text); };
}

std::optional<Error> write_file_whole(const std::string& path, const Content& content) {
  std::string why;
  if (!write_whole(path, content, why)) return input_error(path + ": " + why);
  return std::nullopt;
}

std::optional<Error> write_file_whole(const std::string& path, const std::string& text) {
  return write_file_whole(path, content_of(text));
}

ExitStatus emit_content(const Content& content, report::Verdict verdict, const GlobalOptions& g) {
  if (g.output.empty()) {
    std::cout.flush();  // whatever went through std::cout before comes first
    std::string why;
    if (!write_all(STDOUT_FILENO, content, why)) return fail(input_error("cannot write the report: " + why));
  } else if (auto e = write_file_whole(g.output, content)) {
    return fail(input_error("--output " + e->message));
  }
  return status_of(verdict);
}

ExitStatus emit_text(const std::string& text, report::Verdict verdict, const GlobalOptions& g) {
  return emit_content(content_of(text), verdict, g);
}

/// A Nagios plugin's exit code is its state (0-3), not our verdict.
static ExitStatus emit_nagios(const report::Report& report, const GlobalOptions& g) {
  const std::string line = report::render_nagios(report, std::time(nullptr));
  if (g.output.empty()) {
    std::fwrite(line.data(), 1, line.size(), stdout);
  } else if (auto e = write_file_whole(g.output, line)) {
    return fail(*e);
  }
  return static_cast<ExitStatus>(report::nagios_state(report));
}

ExitStatus emit(const report::Report& report, const GlobalOptions& g) {
  print_verbose(report, g.verbose);
  std::string text;
  if (g.format == "json") {
    text = report::render_json(report);
  } else if (g.format == "junit") {
    text = report::render_junit(report);
  } else if (g.format == "nagios") {
    return emit_nagios(report, g);
  } else if (g.format == "markdown") {
    text = report::render_markdown(report);
  } else {
    text = report::render_text(report, use_colour(g));
  }
  return emit_text(text, report.verdict(), g);
}

}  // namespace sipmtls::cli
