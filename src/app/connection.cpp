// SPDX-License-Identifier: MIT
// Session summaries and failure findings shared by connect and listen.
#include "app/connection.hpp"

#include <algorithm>

#include "app/handshake_size.hpp"
#include "tls/keylog.hpp"

namespace sipmtls::app {

Result<Side> prepare_side(const EndpointOptions& o, bool server) {
  const auto versions = tls::parse_versions(o.tls);
  if (!versions) return input_error("--tls " + o.tls + ": use 1.2, 1.3 or auto");
  auto identity = load_identity(o.identity);
  if (!identity) return identity.error();
  if (identity->trust.empty()) return input_error("--ca is required: the trust store the peer is checked against");
  identity->online = online_lookup(o.revocation, o.timeout_s);
  identity->revocation_hard = o.revocation.mode == cert::RevocationMode::Hard;
  auto us = std::make_shared<const Identity>(std::move(identity.value()));
  std::shared_ptr<tls::KeyLog> keylog;
  if (!o.keylog.empty()) {
    auto opened = tls::KeyLog::open(o.keylog);
    if (!opened) return opened.error();
    keylog = opened.value();
  }
  auto config = tls::Config::make({server, *versions, o.strict, us->chain, us->key, us->trust, keylog});
  if (!config) return config.error();
  return Side{us, config.value()};
}

report::CheckResult start_check(const std::string& kind, const std::string& role, const Identity& us,
                                rules::Profile profile, const std::vector<std::string>& names) {
  report::CheckResult r;
  r.kind = kind;
  r.role = role;
  r.profile = std::string(rules::profile_name(profile));
  r.expected_names = names;
  r.file = us.file;
  r.format = us.format;
  r.private_key = !us.key ? "absent" : us.key_matches ? "matches" : "mismatch";
  r.chain = "not_checked";
  r.certificates = us.summary;
  r.peer = report::PeerSummary{};
  r.findings = us.local_findings;
  if (us.crls.empty() && !us.online) r.not_checked.push_back("revocation (--revocation off, no --crl)");
  if (names.empty()) r.not_checked.push_back("names (no --fqdn)");
  return r;
}

void close_check(report::CheckResult& r, std::chrono::steady_clock::time_point started) {
  // What was not checked is only worth saying about a peer certificate that was judged.
  if (!r.peer || r.peer->certificates.empty()) r.not_checked.clear();
  r.verdict = has_errors(r.findings) ? report::Verdict::Fail : report::Verdict::Pass;
  r.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
}

report::CheckResult finish_check(report::CheckResult& r, std::chrono::steady_clock::time_point started) {
  close_check(r, started);
  return std::move(r);
}

report::TlsSummary tls_summary(const tls::Session& session) {
  report::TlsSummary t;
  const auto& facts = session.transcript();
  t.version = session.version();
  t.cipher = session.cipher();
  if (facts.client_hello) {
    t.sni = facts.client_hello->sni;
    for (auto v : facts.client_hello->versions) {
      if (!tls::is_grease(v)) t.offered_versions.push_back(tls::version_name(v));
    }
  }
  t.certificate_requested = session.certificate_requested();
  t.peer_ca_list = session.peer_ca_names();
  if (const auto* cr = session.certificate_request()) t.peer_ca_list_bytes = cr->ca_list_bytes;
  if (auto a = session.received_alert()) t.alert_received = tls::alert_name(a->code);
  if (auto a = session.sent_alert()) t.alert_sent = tls::alert_name(a->code);
  t.handshake_ms = session.handshake_ms();
  return t;
}

void summarize_session(report::CheckResult& r, const tls::Session& session) {
  r.tls = tls_summary(session);
  if (!session.keylog_error().empty()) {
    r.findings.push_back({FindingCode::KeylogWriteFailed, Severity::Warning, "this side",
                          "the key log could not be written (" + session.keylog_error() +
                              "): this connection's secrets are missing from it, and Wireshark cannot decrypt it",
                          "free space or choose another --keylog file"});
  }
}

std::optional<Finding> refused_message_finding(const tls::Session& session, const std::string& label) {
  const auto type = session.refused_message();
  if (!type) return std::nullopt;
  const std::string what = *type == 24 ? "a TLS 1.3 KeyUpdate (RFC 8446 §4.6.3)"
                           : *type == 13 ? "a certificate request after the handshake (TLS 1.3 post-handshake "
                                           "authentication, RFC 8446 §4.6.2)"
                                         : "handshake message " + std::to_string(*type) + " after the handshake";
  return Finding{FindingCode::NotChecked, Severity::Warning, label,
                 "the peer sent " + what + ", legal TLS that this tool's TLS stack (mbedTLS 3.6) cannot process: "
                     "the connection ended there, and what would have followed on it was not checked",
                 "nothing to fix on the peer for this; run the check with --tls 1.2 to see the rest of the exchange"};
}

std::vector<Finding> failure_findings(const tls::Session& session, int rc, const FailureContext& c) {
  const std::string side = (c.we_are_client ? "server " : "client ") + c.peer;
  if (auto refused = refused_message_finding(session, side)) return {*refused};
  std::vector<Finding> out;
  if (auto big = oversized_message_finding(session, side)) {
    // The chain, when it came whole, was judged from the wire: our verdict on it follows.
    out.push_back(*big);
    if (c.peer_check != nullptr) out.insert(out.end(), c.peer_check->findings.begin(), c.peer_check->findings.end());
    return out;
  }
  const auto sent = session.sent_alert();
  const bool ours_failed = sent || tls::is_verification_failure(rc);
  if (ours_failed && c.peer_check != nullptr && has_errors(c.peer_check->findings)) {
    // We ended it (strict mode): our verdict is the finding, the alert is how LCS would say it.
    out = c.peer_check->findings;
    out.push_back({FindingCode::NotChecked, Severity::Info, "this side",
                   !sent ? "we ended the handshake: the chain failed our verification (--strict)"
                   : session.alert_chosen_by_rules()
                       ? "we ended the handshake with alert " + tls::alert_name(sent->code) + ", as LCS would (--strict)"
                       : "we ended the handshake with alert " + tls::alert_name(sent->code) +
                             " (mbedTLS's choice: its own verification refused the chain first) (--strict)",
                   ""});
    return out;
  }
  FailureFacts f;
  f.we_are_client = c.we_are_client;
  f.phase = c.phase;
  f.rc = rc;
  f.error_text = tls::error_text(rc);
  f.transport_error = session.transport_error();
  f.received = session.received_alert();
  f.transcript = session.transcript();
  f.peer = c.peer;
  f.timeout_s = c.timeout_s;
  // A server's certificate goes out with its ServerHello.
  f.sent_our_certificate =
      c.we_are_client ? session.sent_our_certificate() : session.transcript().server_hello.has_value();
  std::vector<Finding> ours;
  if (c.us != nullptr) ours = check_ourselves(*c.us, c.our_context);
  f.our_certificate_has_errors = !ours.empty();
  f.our_key_is_rsa = c.us != nullptr && !c.us->chain.empty() && c.us->chain.front().facts().key_type == cert::KeyType::Rsa;
  out = diagnose(f);
  const bool rejected_us = std::any_of(out.begin(), out.end(), [](const Finding& x) {
    return x.code == FindingCode::PeerRejectedOurCert;
  });
  if (rejected_us) {
    for (auto& x : ours) out.push_back(std::move(x));
  }
  if (c.peer_check != nullptr) {
    for (const auto& x : c.peer_check->findings) out.push_back(x);
  }
  return out;
}

}  // namespace sipmtls::app
