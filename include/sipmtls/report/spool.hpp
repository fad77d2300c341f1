// SPDX-License-Identifier: MIT
// A report (JSON, JUnit, or text without colour) written check by check, for runs with no bound on their checks (a
// listener that runs for days): each check is rendered as it ends and kept in an unlinked
// temporary file, not in memory, and the document is written from there at the end.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "sipmtls/report/model.hpp"

namespace sipmtls::report {

class SpooledReport {
 public:
  /// format: "json", "junit" or "text".
  SpooledReport(std::string format, std::string version);
  ~SpooledReport();
  SpooledReport(const SpooledReport&) = delete;
  SpooledReport& operator=(const SpooledReport&) = delete;

  /// "" when the temporary file could be made and written, else why not.
  const std::string& error() const { return error_; }
  /// Renders the check and appends it; not thread-safe (the listener serialises its reports).
  void add(const CheckResult& check);
  Verdict verdict() const { return counts_.verdict(); }
  /// Hands the whole document to `sink` in pieces; false when the sink or the spool failed.
  bool write(const std::function<bool(std::string_view)>& sink) const;

 private:
  std::string format_, version_, error_;
  std::FILE* file_ = nullptr;
  CheckCounts counts_;
};

}  // namespace sipmtls::report
