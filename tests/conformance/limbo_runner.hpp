// SPDX-License-Identifier: MIT
// Runs the tool's verifier over x509-limbo test cases (shared/limbo/limbo.json).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sipmtls::test {

enum class LimboOutcome { Agree, FalseAccept, FalseReject, Skipped };

struct LimboCaseResult {
  std::string id;
  LimboOutcome outcome;
  std::string note;  ///< why skipped, or what the verifier found
  double ms = 0;     ///< time spent on the case
};

struct LimboSummary {
  std::vector<LimboCaseResult> cases;
  int agree = 0, false_accept = 0, false_reject = 0, skipped = 0;
  std::map<std::string, int> false_accept_by_category;  ///< "rfc5280::validity" -> n
  double agreement() const { return agree + false_accept + false_reject == 0 ? 0 : 100.0 * agree / (agree + false_accept + false_reject); }
};

/// Evaluates every case of the file; throws std::runtime_error when it cannot be read.
LimboSummary run_limbo(const std::string& path);

}  // namespace sipmtls::test
