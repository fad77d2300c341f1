// SPDX-License-Identifier: MIT
// The demo's one screen (demo.hpp): a table of cases by direction, each code once, a summary.
#include <algorithm>
#include <array>
#include <sstream>

#include "sipmtls/join.hpp"
#include "sipmtls/app/demo.hpp"
#include "sipmtls/report/codes.hpp"
#include "sipmtls/report/safe_text.hpp"

namespace sipmtls::app {
namespace {

struct Paint {
  bool on;
  std::string operator()(const std::string& text, const char* colour) const {
    return on ? std::string("\033[") + colour + "m" + text + "\033[0m" : text;
  }
};
constexpr const char* kGreen = "32";
constexpr const char* kRed = "31";

std::string case_id(const std::string& name) { return name.substr(0, name.find(": ")); }

/// The error codes of one direction, both sides, in the order found; "ERROR" when a side could not run.
std::string direction_cell(const SuiteItemResult& item, const std::string& direction, bool& failed) {
  std::vector<std::string> codes;
  bool could_not_run = false;
  for (const auto& c : item.checks) {
    if (c.direction != direction) continue;
    could_not_run = could_not_run || c.verdict == report::Verdict::Error;
    for (const auto& f : c.findings) {
      const std::string code(finding_code_name(f.code));
      if (f.severity == Severity::Error && std::find(codes.begin(), codes.end(), code) == codes.end()) {
        codes.push_back(code);
      }
    }
  }
  failed = could_not_run || !codes.empty();
  if (codes.empty()) return could_not_run ? "ERROR" : "PASS";
  return "FAIL " + codes.front() + (codes.size() > 1 ? " +" + std::to_string(codes.size() - 1) : "");
}

/// What happened to A's certificate, against what the case expects.
std::string outcome(const SuiteItemResult& item) {
  const bool rejected = !item.actual.empty();
  if (item.matched) return rejected ? "REJECTED as expected" : "ACCEPTED as expected";
  if (item.checks.empty()) return "COULD NOT RUN";
  if (!rejected) return "ACCEPTED, expected REJECTED";
  return item.expected.empty() ? "REJECTED, expected ACCEPTED" : "REJECTED, not for the expected reason";
}

std::string pad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + "  " : text + std::string(width - text.size(), ' ');
}

struct CodeSeen {
  std::string code;
  const Finding* first = nullptr;
  std::vector<std::string> cases;
};

std::vector<CodeSeen> codes_seen(const SuiteResult& r) {
  std::vector<CodeSeen> seen;
  for (const auto& item : r.items) {
    for (const auto& c : item.checks) {
      for (const auto& f : c.findings) {
        if (f.severity != Severity::Error) continue;
        const std::string code(finding_code_name(f.code));
        auto it = std::find_if(seen.begin(), seen.end(), [&](const CodeSeen& s) { return s.code == code; });
        if (it == seen.end()) it = seen.insert(seen.end(), CodeSeen{code, &f, {}});
        const std::string id = case_id(item.name);
        if (std::find(it->cases.begin(), it->cases.end(), id) == it->cases.end()) it->cases.push_back(id);
      }
    }
  }
  return seen;
}

}  // namespace

std::string render_demo_text(const SuiteResult& r, bool colour) {
  const Paint paint{colour};
  const std::string ab_head = "A dials B (B judges A as client)", ba_head = "B dials A (B judges A as server)";
  std::size_t id_width = 4, cell_width = ab_head.size();
  std::vector<std::array<std::string, 2>> cells;
  std::vector<std::array<bool, 2>> failed;
  for (const auto& item : r.items) {
    id_width = std::max(id_width, case_id(item.name).size());
    std::array<bool, 2> f{};
    cells.push_back({direction_cell(item, "A -> B", f[0]), direction_cell(item, "B -> A", f[1])});
    failed.push_back(f);
    cell_width = std::max({cell_width, cells.back()[0].size(), cells.back()[1].size()});
  }
  id_width += 2;
  cell_width += 2;
  std::ostringstream o;
  o << "sipmtls demo: " << r.items.size() << " server pairs from the bundled testcerts, each run both ways over TLS "
       "on loopback.\nServer A holds the certificate under test; server B is a good server judging it as "
       "LCS/Lync/SfB would (or Teams, where marked).\n\n";
  o << pad("case", id_width) << pad(ab_head, cell_width) << pad(ba_head, cell_width) << "A's certificate\n";
  std::size_t accepted = 0, mismatched = 0;
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    const auto& item = r.items[i];
    accepted += item.matched && item.actual.empty();
    mismatched += !item.matched;
    o << pad(report::terminal_safe(case_id(item.name)), id_width);
    for (int d = 0; d < 2; ++d) {
      o << paint(pad(cells[i][d], cell_width), failed[i][d] ? kRed : kGreen);
    }
    o << paint(outcome(item), item.matched ? kGreen : kRed) << '\n';
  }
  for (const auto& item : r.items) {
    if (!item.matched) o << paint("  " + case_id(item.name) + ": ", kRed) << report::terminal_safe(item.detail) << '\n';
  }
  o << "\nWhat each rejection means (the sentence, the Windows error an admin sees, the fix):\n";
  for (const auto& s : codes_seen(r)) {
    o << "  " << paint(s.code, kRed) << " (" << join(s.cases) << "): " << report::terminal_safe(s.first->message);
    if (const std::string win = report::windows_text(finding_info(s.first->code)); !win.empty()) {
      o << ". Windows: " << win;
    }
    o << "\n      fix: " << report::terminal_safe(s.first->remediation) << '\n';
  }
  o << '\n';
  if (mismatched == 0) {
    o << r.items.size() << " cases, all as expected: " << accepted << " accepted, " << r.items.size() - accepted
      << " rejected with the code LCS would log.\n";
  } else {
    o << paint(std::to_string(mismatched) + " of " + std::to_string(r.items.size()) + " cases did not end as expected", kRed)
      << " (listed under the table).\n";
  }
  o << "`sipmtls demo --details` prints every side's full report; `sipmtls codes` lists every code.\n";
  return o.str();
}

}  // namespace sipmtls::app
