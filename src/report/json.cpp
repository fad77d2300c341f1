// SPDX-License-Identifier: MIT
// JSON report (DESIGN.md "JSON report"): fields may be added, never renamed.
#include <nlohmann/json.hpp>

#include <cstdio>

#include "sipmtls/report/model.hpp"

namespace sipmtls::report {
namespace {

using nlohmann::json;

json windows(const WindowsError& w) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08X", w.hex);
  return {{"hex", hex}, {"name", std::string(w.name)}};
}

// LCS event 14428 is logged by the server that dials (outgoing TLS failures): not on the
// listening side's findings.
json finding_json(const Finding& f, bool dialling) {
  const FindingInfo& info = finding_info(f.code);
  json j = {{"code", std::string(info.code)},
            {"severity", std::string(severity_name(f.severity))},
            {"subject", f.subject},
            {"message", f.message},
            {"remediation", f.remediation}};
  if (info.windows) j["windows_error"] = windows(*info.windows);
  if (info.windows_alt) j["windows_error_alt"] = windows(*info.windows_alt);
  if (info.lcs_event != 0 && f.severity == Severity::Error && dialling) j["lcs_event"] = info.lcs_event;
  return j;
}

json cert_json(const CertSummary& c) {
  json j = {{"subject", c.subject}, {"issuer", c.issuer},       {"serial", c.serial},
          {"not_before", c.not_before}, {"not_after", c.not_after}, {"san", c.san},
          {"eku", c.eku},         {"key", c.key},             {"sha256", c.sha256},
          {"sha1", c.sha1},       {"trust_anchor", c.trust_anchor}};
  if (c.days_left) j["days_left"] = *c.days_left;
  j["cdp"] = c.cdp;
  j["ocsp"] = c.ocsp;
  j["ca_issuers"] = c.ca_issuers;
  if (!c.revocation.empty()) j["revocation"] = {{"status", c.revocation}, {"source", c.revocation_source}};
  return j;
}

json check_json(const CheckResult& c) {
  json certs = json::array();
  for (const auto& cs : c.certificates) certs.push_back(cert_json(cs));
  json findings = json::array();
  for (const auto& f : c.findings) findings.push_back(finding_json(f, c.role != "server" && c.profile != "teams"));
  json j = {{"kind", c.kind}, {"role", c.role}, {"name", c.name}, {"profile", c.profile},
            {"verdict", std::string(verdict_name(c.verdict))}, {"findings", findings}, {"not_checked", c.not_checked},
            {"duration_ms", static_cast<double>(static_cast<long long>(c.duration_ms * 1000)) / 1000}};
  j["local"] = {{"file", c.file}, {"format", c.format}, {"names", c.expected_names},
                {"chain", c.chain}, {"certificates", certs}};
  if (!c.private_key.empty()) j["local"]["private_key"] = c.private_key;
  if (!c.written.empty()) j["written"] = c.written;
  if (!c.direction.empty()) j["direction"] = c.direction;
  if (c.peer) {
    json peer_certs = json::array();
    for (const auto& cs : c.peer->certificates) peer_certs.push_back(cert_json(cs));
    j["peer"] = {{"address", c.peer->address}, {"name", c.peer->name}, {"chain", c.peer->chain},
                 {"certificates", peer_certs}};
  }
  if (c.tls) {
    j["tls"] = {{"version", c.tls->version},
                {"cipher", c.tls->cipher},
                {"sni", c.tls->sni},
                {"offered_versions", c.tls->offered_versions},
                {"certificate_requested", c.tls->certificate_requested},
                {"peer_ca_list", c.tls->peer_ca_list},
                {"peer_ca_list_bytes", c.tls->peer_ca_list_bytes},
                {"alert_received", c.tls->alert_received},
                {"alert_sent", c.tls->alert_sent},
                {"handshake_ms", c.tls->handshake_ms}};
  }
  if (c.discovery) {
    json servers = json::array();
    for (const auto& s : c.discovery->servers) {
      servers.push_back({{"host", s.host}, {"port", s.port}, {"priority", s.priority}, {"weight", s.weight},
                         {"addresses", s.addresses}, {"cname", s.cname}, {"outcome", s.outcome}});
    }
    j["discovery"] = {{"domain", c.discovery->domain}, {"service", c.discovery->service},
                      {"queries", c.discovery->queries}, {"servers", servers}};
  }
  if (c.sip) {
    json diagnostics = json::array();
    for (const auto& [name, value] : c.sip->diagnostics) diagnostics.push_back({{"name", name}, {"value", value}});
    j["sip"] = {{"method", c.sip->method}, {"status", c.sip->status}, {"reason", c.sip->reason},
                {"server", c.sip->server}, {"diagnostics", diagnostics}};
    if (c.role == "server") {
      j["sip"]["from"] = c.sip->from;
      j["sip"]["contact"] = c.sip->contact;
      j["sip"]["record_route"] = c.sip->record_route;
    }
  }
  if (!c.error.empty()) j["error"] = c.error;
  return j;
}

}  // namespace

std::string render_json_check(const CheckResult& check) {
  // Peers send what they like: invalid UTF-8 becomes U+FFFD rather than losing the report.
  const std::string body = check_json(check).dump(2, ' ', false, json::error_handler_t::replace);
  // Indented as an element of the document's "checks" array.
  std::string out = "    ";
  for (char ch : body) {
    out += ch;
    if (ch == '\n') out += "    ";
  }
  return out;
}

std::string render_json_head() { return "{\n  \"checks\": ["; }

std::string render_json_tail(std::size_t checks, Verdict verdict, const std::string& version) {
  const json tail_fields = {{"tool", "sipmtls"}, {"verdict", std::string(verdict_name(verdict))}, {"version", version}};
  std::string out = checks == 0 ? "],\n" : "\n  ],\n";
  out += "  \"tool\": " + tail_fields["tool"].dump() + ",\n";
  out += "  \"verdict\": " + tail_fields["verdict"].dump() + ",\n";
  out += "  \"version\": " + tail_fields["version"].dump(-1, ' ', false, json::error_handler_t::replace) + "\n}\n";
  return out;
}

std::string render_json(const Report& report) {
  std::string out = render_json_head();
  for (std::size_t i = 0; i < report.checks.size(); ++i) out += (i == 0 ? "\n" : ",\n") + render_json_check(report.checks[i]);
  return out + render_json_tail(report.checks.size(), report.verdict(), report.version);
}

}  // namespace sipmtls::report
