// SPDX-License-Identifier: MIT
// Runs the tool's verifier over NIST PKITS (shared/pkits/pkits.json; certificates and CRLs from
// Debian's python3-cryptography-vectors).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace sipmtls::test {

enum class PkitsOutcome { Agree, FalseAccept, FalseReject, Skipped };

struct PkitsCaseResult {
  std::string id;       ///< "40101"
  std::string section;  ///< "4.1"
  std::string name;
  PkitsOutcome outcome;
  std::string note;  ///< why skipped, or every error finding when rejected
};

struct PkitsSection {
  int agree = 0, false_accept = 0, false_reject = 0, skipped = 0;
  int evaluated() const { return agree + false_accept + false_reject; }
};

struct PkitsSummary {
  std::vector<PkitsCaseResult> cases;
  std::map<std::string, PkitsSection> sections;  ///< "4.1" -> counts
  /// Totals over the given sections ("4.1", "4.13", ...).
  PkitsSection total(const std::vector<std::string>& sections) const;
};

/// Evaluates every case; throws std::runtime_error when the files cannot be read.
PkitsSummary run_pkits(const std::string& json_path, const std::string& data_dir);

}  // namespace sipmtls::test
