// SPDX-License-Identifier: MIT
// Spooled JSON and JUnit reports.
#include "sipmtls/report/spool.hpp"

#include <cerrno>
#include <cstring>

namespace sipmtls::report {

SpooledReport::SpooledReport(std::string format, std::string version)
    : format_(std::move(format)), version_(std::move(version)), file_(std::tmpfile()) {
  if (file_ == nullptr) error_ = std::string("cannot make a temporary file for the report: ") + std::strerror(errno);
}

SpooledReport::~SpooledReport() {
  if (file_ != nullptr) std::fclose(file_);
}

void SpooledReport::add(const CheckResult& check) {
  if (file_ == nullptr || !error_.empty()) return;
  std::string fragment;
  if (format_ == "json") {
    fragment = (counts_.checks == 0 ? "\n" : ",\n") + render_json_check(check);
  } else if (format_ == "junit") {
    fragment = render_junit_case(check);
  } else {
    fragment = (counts_.checks == 0 ? "" : "\n") + render_check_text(check, false);
  }
  counts_.add(check);
  if (std::fwrite(fragment.data(), 1, fragment.size(), file_) != fragment.size()) {
    error_ = std::string("cannot write the report's temporary file: ") + std::strerror(errno);
  }
}

bool SpooledReport::write(const std::function<bool(std::string_view)>& sink) const {
  if (file_ == nullptr || !error_.empty() || std::fflush(file_) != 0) return false;
  const std::string head = format_ == "json" ? render_json_head() : format_ == "junit" ? render_junit_head(counts_) : "";
  if (!head.empty() && !sink(head)) return false;
  std::rewind(file_);
  char buffer[65536];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file_);
    if (n > 0 && !sink(std::string_view(buffer, n))) return false;
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file_) != 0) return false;
  std::fseek(file_, 0, SEEK_END);  // further checks append
  const std::string tail = format_ == "json"    ? render_json_tail(counts_.checks, counts_.verdict(), version_)
                           : format_ == "junit" ? render_junit_tail()
                                                : render_text_tail(counts_);
  return tail.empty() || sink(tail);
}

}  // namespace sipmtls::report
