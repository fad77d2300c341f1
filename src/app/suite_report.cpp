// SPDX-License-Identifier: MIT
// Suite reports: a table for people, JSON and JUnit XML for CI.
#include <nlohmann/json.hpp>

#include "sipmtls/report/safe_text.hpp"

#include <cstdio>
#include <sstream>

#include "sipmtls/app/suite.hpp"

namespace sipmtls::app {
namespace {

std::string codes_text(const CodeSet& codes) {
  if (codes.empty()) return "pass";
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::string seconds(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
  return buf;
}

std::size_t matched_count(const SuiteResult& r) {
  return static_cast<std::size_t>(
      std::count_if(r.items.begin(), r.items.end(), [](const SuiteItemResult& i) { return i.matched; }));
}

/// What a CI list shows of a mismatch: the first finding nobody expected, in words, then why the
/// item did not match ("expected pass, got CERT_EXPIRED").
std::string junit_message(const SuiteItemResult& i) {
  const Finding* first = nullptr;
  for (const auto& c : i.checks) {
    for (const auto& f : c.findings) {
      if (f.severity != Severity::Error) continue;
      const bool unexpected = !i.expected.contains(std::string(finding_code_name(f.code)));
      if (first == nullptr || (unexpected && i.expected.contains(std::string(finding_code_name(first->code))))) first = &f;
    }
  }
  std::string why = i.detail;
  while (!why.empty() && (why.back() == ' ' || why.back() == '.')) why.pop_back();
  if (first == nullptr) return why;
  return std::string(finding_code_name(first->code)) + ": " + first->subject + ": " + first->message + " (" + why + ")";
}

}  // namespace

std::string render_suite_text(const SuiteResult& r, bool colour, bool show_failures) {
  const std::string green = colour ? "\033[32m" : "", red = colour ? "\033[31m" : "", reset = colour ? "\033[0m" : "";
  std::ostringstream o;
  for (const auto& i : r.items) {
    o << (i.matched ? green + "ok      " : red + "MISMATCH") << reset << "  " << i.kind << "  " << report::terminal_safe(i.name) << "  ["
      << codes_text(i.actual) << "]\n";
  }
  for (const auto& i : r.items) {
    if (i.matched && !show_failures) continue;
    if (i.matched && i.actual.empty()) continue;
    if (i.matched) {
      o << "\n== " << report::terminal_safe(i.name) << "  (expected: " << codes_text(i.expected) << ")\n";
    } else {
      o << '\n' << red << "MISMATCH" << reset << ' ' << report::terminal_safe(i.name) << ": "
        << report::terminal_safe(i.detail) << '\n';
    }
    for (const auto& c : i.checks) {
      if (c.verdict != report::Verdict::Pass) o << report::render_check_text(c, colour);
    }
  }
  const std::size_t ok = matched_count(r);
  o << '\n' << r.items.size() << " checks: " << ok << " as expected, " << r.items.size() - ok << " not\n";
  return o.str();
}

std::string render_suite_json(const SuiteResult& r) {
  std::vector<report::CheckResult> all;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& i : r.items) {
    items.push_back({{"name", i.name},
                     {"kind", i.kind},
                     {"expected", std::vector<std::string>(i.expected.begin(), i.expected.end())},
                     {"actual", std::vector<std::string>(i.actual.begin(), i.actual.end())},
                     {"matched", i.matched},
                     {"detail", i.detail},
                     {"duration_ms", i.duration_ms}});
    all.insert(all.end(), i.checks.begin(), i.checks.end());
  }
  nlohmann::json j = nlohmann::json::parse(report::render_json(report::Report{SIPMTLS_VERSION, all}));
  j["verdict"] = r.passed() ? "pass" : "fail";
  j["suite"] = {{"file", r.file}, {"items", items}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_suite_junit(const SuiteResult& r) {
  double total = 0;
  for (const auto& i : r.items) total += i.duration_ms;
  std::ostringstream o;
  o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  o << "<testsuites name=\"sipmtls\" tests=\"" << r.items.size() << "\" failures=\"" << r.items.size() - matched_count(r)
    << "\" errors=\"0\" time=\"" << seconds(total) << "\">\n";
  o << "  <testsuite name=\"" << report::xml_escape(r.file) << "\" tests=\"" << r.items.size() << "\" failures=\""
    << r.items.size() - matched_count(r) << "\" errors=\"0\" time=\"" << seconds(total) << "\">\n";
  for (const auto& i : r.items) {
    o << "    <testcase classname=\"sipmtls." << i.kind << "\" name=\"" << report::xml_escape(i.name) << "\" time=\""
      << seconds(i.duration_ms) << "\"";
    if (i.matched) {
      o << "/>\n";
      continue;
    }
    std::string details;
    for (const auto& c : i.checks) {
      if (c.verdict != report::Verdict::Pass) details += report::render_check_text(c, false);
    }
    o << ">\n      <failure message=\"" << report::xml_escape(junit_message(i)) << "\" type=\"mismatch\">"
      << report::xml_escape(details) << "</failure>\n    </testcase>\n";
  }
  o << "  </testsuite>\n</testsuites>\n";
  return o.str();
}

}  // namespace sipmtls::app
