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

std::string render_junit_case(const CheckResult& c) {
  std::ostringstream o;
  o << "    <testcase classname=\"sipmtls." << xml_escape(c.kind) << "\" name=\"" << xml_escape(c.name) << " ["
    << xml_escape(c.profile) << "]\" time=\"" << seconds(c.duration_ms) << "\"";
  std::ostringstream body;
  if (c.verdict == Verdict::Error) body << "      <error message=\"" << xml_escape(c.error) << "\" type=\"ERROR\"/>\n";
  for (const auto& f : c.findings) {
    if (f.severity != Severity::Error) continue;
    const auto code = finding_code_name(f.code);
    body << "      <failure message=\"" << xml_escape(std::string(code) + ": " + f.message) << "\" type=\"" << code
         << "\">" << xml_escape(f.subject + "\nfix: " + f.remediation) << "</failure>\n";
  }
  // What a passing case does not show: warnings (an expiry ahead) and the days each judged
  // certificate has left, where CI lists keep them (system-out).
  std::string out;
  for (const auto& f : c.findings) {
    if (f.severity == Severity::Warning) {
      out += "warning " + std::string(finding_code_name(f.code)) + ": " + f.subject + ": " + f.message + "\n";
    }
  }
  const auto& judged = c.peer && !c.peer->certificates.empty() ? c.peer->certificates : c.certificates;
  for (const auto& cert : judged) {
    if (cert.days_left) out += "days left " + std::to_string(*cert.days_left) + ": " + cert.subject + "\n";
  }
  if (!out.empty()) body << "      <system-out>" << xml_escape(out) << "</system-out>\n";
  const std::string inner = body.str();
  if (inner.empty()) {
    o << "/>\n";
  } else {
    o << ">\n" << inner << "    </testcase>\n";
  }
  return o.str();
}

std::string render_junit_head(const CheckCounts& n) {
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o << "<testsuites name=\"sipmtls\" tests=\"" << n.checks << "\" failures=\"" << n.failures << "\" errors=\""
    << n.errors << "\" time=\"" << seconds(n.total_ms) << "\">\n";
  o << "  <testsuite name=\"sipmtls\" tests=\"" << n.checks << "\" failures=\"" << n.failures << "\" errors=\""
    << n.errors << "\" skipped=\"0\" time=\"" << seconds(n.total_ms) << "\">\n";
  return o.str();
}

std::string render_junit_tail() { return "  </testsuite>\n</testsuites>\n"; }

std::string render_junit(const Report& report) {
  CheckCounts n;
  for (const auto& c : report.checks) n.add(c);
  std::string out = render_junit_head(n);
  for (const auto& c : report.checks) out += render_junit_case(c);
  return out + render_junit_tail();
}

}  // namespace sipmtls::report
