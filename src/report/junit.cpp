// SPDX-License-Identifier: MIT
// JUnit XML: one testcase per check, a <failure> per error finding, an <error> for a check that
// could not run.
#include <cstdio>
#include <sstream>

#include "sipmtls/report/model.hpp"
#include "sipmtls/report/safe_text.hpp"

namespace sipmtls::report {

std::string xml_escape(std::string_view raw) {
  const std::string in = valid_utf8(raw);  // XML must be UTF-8: invalid bytes become U+FFFD
  std::string out;
  for (char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && ch != '\n' && ch != '\t') {
          out += '?';  // not representable in XML 1.0
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace {

std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
  return buf;
}

}  // namespace

std::string render_junit(const Report& report) {
  int failures = 0, errors = 0;
  double total_ms = 0;
  for (const auto& c : report.checks) {
    failures += c.verdict == Verdict::Fail;
    errors += c.verdict == Verdict::Error;
    total_ms += c.duration_ms;
  }
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o << "<testsuites name=\"sipmtls\" tests=\"" << report.checks.size() << "\" failures=\"" << failures
    << "\" errors=\"" << errors << "\" time=\"" << seconds(total_ms) << "\">\n";
  o << "  <testsuite name=\"sipmtls\" tests=\"" << report.checks.size() << "\" failures=\"" << failures
    << "\" errors=\"" << errors << "\" skipped=\"0\" time=\"" << seconds(total_ms) << "\">\n";
  for (const auto& c : report.checks) {
    o << "    <testcase classname=\"sipmtls." << xml_escape(c.kind) << "\" name=\"" << xml_escape(c.name)
      << " [" << xml_escape(c.profile) << "]\" time=\"" << seconds(c.duration_ms) << "\"";
    std::ostringstream body;
    if (c.verdict == Verdict::Error) {
      body << "      <error message=\"" << xml_escape(c.error) << "\" type=\"ERROR\"/>\n";
    }
    for (const auto& f : c.findings) {
      if (f.severity != Severity::Error) continue;
      const auto code = finding_code_name(f.code);
      body << "      <failure message=\"" << xml_escape(std::string(code) + ": " + f.message) << "\" type=\""
           << code << "\">" << xml_escape(f.subject + "\nfix: " + f.remediation) << "</failure>\n";
    }
    const std::string inner = body.str();
    if (inner.empty()) {
      o << "/>\n";
    } else {
      o << ">\n" << inner << "    </testcase>\n";
    }
  }
  o << "  </testsuite>\n</testsuites>\n";
  return o.str();
}

}  // namespace sipmtls::report
