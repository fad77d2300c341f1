// SPDX-License-Identifier: MIT
// The report model: checks and their findings, rendered as text, JSON or JUnit XML.
#pragma once

#include <string>
#include <vector>

#include "sipmtls/cert/facts.hpp"
#include "sipmtls/finding.hpp"

namespace sipmtls::report {

enum class Verdict { Pass, Fail, Error };
std::string_view verdict_name(Verdict v);

/// A certificate as reports show it (DESIGN.md "certificates").
struct CertSummary {
  std::string subject, issuer, serial, not_before, not_after, key, sha256;
  std::vector<std::string> san;  ///< "DNS:x", "URI:x", "IP:x"
  std::vector<std::string> eku;  ///< "serverAuth", "clientAuth", or the OID
  bool trust_anchor = false;
};
CertSummary summarize(const cert::CertFacts& facts, bool trust_anchor = false);

struct CheckResult {
  std::string kind = "inspect";  ///< inspect | connect | listen | pair
  std::string role = "offline";  ///< client | server | offline
  std::string name;              ///< what was checked: a file, a host
  std::string profile;
  std::vector<std::string> expected_names;
  std::string file;    ///< local certificate file
  std::string format;  ///< PEM, DER, PKCS#12
  std::string chain;   ///< trusted | untrusted_root | incomplete | not_checked
  std::vector<CertSummary> certificates;  ///< the path as built, leaf first
  std::vector<Finding> findings;
  Verdict verdict = Verdict::Pass;
  std::string error;  ///< why the check could not run (verdict Error)
  double duration_ms = 0;
};

struct Report {
  std::string version;
  std::vector<CheckResult> checks;
  /// error if any check could not run, else fail if any failed, else pass.
  Verdict verdict() const;
};

std::string render_text(const Report& report, bool colour);
std::string render_json(const Report& report);
std::string render_junit(const Report& report);

}  // namespace sipmtls::report
