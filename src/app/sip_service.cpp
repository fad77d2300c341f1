// SPDX-License-Identifier: MIT
// The listener's SIP side: answering a client's requests over its TLS session.
#include "app/sip_identity.hpp"
#include "app/sip_service.hpp"

#include <algorithm>
#include <optional>

#include "sip/message.hpp"
#include "sip/responder.hpp"

namespace sipmtls::app {

asio::awaitable<void> serve_sip(tls::Session& session, report::CheckResult& r, const std::string& label,
                                const SipService& service) {
  net::Link& link = session.link();
  const std::string server = std::string("sipmtls/") + SIPMTLS_VERSION;
  sip::Framer framer;
  std::string buf;
  bool any = false;
  // A request must arrive whole within one step timeout of its first byte: a client trickling
  // bytes (slowloris) cannot hold the connection by resetting the timer with each one.
  std::optional<net::Clock::time_point> message_deadline;
  for (;;) {
    buf.clear();
    const auto now_steady = net::Clock::now();
    link.arm(message_deadline ? std::max(net::Clock::duration::zero(), *message_deadline - now_steady)
                              : net::seconds(service.timeout_s));
    const int n = co_await session.read(buf);
    link.disarm();
    if (n == tls::kTimedOut && message_deadline) {
      r.findings.push_back({FindingCode::Timeout, Severity::Error, label,
                            "the client sent only " + std::to_string(framer.buffered()) +
                                " bytes of a SIP request and did not finish it within " +
                                std::to_string(static_cast<int>(service.timeout_s)) + " s; closed",
                            "check the peer's SIP stack: it must send each request whole"});
      break;
    }
    if (n == tls::kTimedOut) {
      if (!any) {
        r.findings.push_back({FindingCode::Timeout, Severity::Warning, label,
                              "the client completed TLS but sent no SIP request within " +
                                  std::to_string(static_cast<int>(service.timeout_s)) + " s",
                              "send OPTIONS from the peer, or raise --timeout"});
      }
      break;
    }
    if (n <= 0) {
      if (auto refused = refused_message_finding(session, label)) {
        r.findings.push_back(*refused);
      } else if (session.received_alert() && session.received_alert()->code != tls::kAlertCloseNotify) {
        auto findings = failure_findings(session, n, service.failure);
        r.findings.insert(r.findings.end(), findings.begin(), findings.end());
      }
      break;
    }
    framer.append(buf);
    bool close = false;
    for (;;) {
      auto next = framer.next();
      if (next.status == sip::Framer::Status::NeedMore) break;
      if (next.status != sip::Framer::Status::Message) {
        const bool large = next.status == sip::Framer::Status::TooLarge;
        const auto refusal = sip::refuse(large ? 513 : 400, server);
        link.arm(net::seconds(service.timeout_s));
        (void)co_await session.write(refusal.text);
        link.disarm();
        r.findings.push_back({FindingCode::SipMalformed, Severity::Error, label,
                              "the client sent " + std::string(large ? "an oversized" : "a malformed") +
                                  " SIP message (" + next.error + "); answered " + std::to_string(refusal.status) +
                                  " and closed",
                              "check the peer's SIP stack: RFC 3261 framing with Content-Length over TLS"});
        close = true;
        break;
      }
      const sip::Message& m = next.message;
      auto answer = sip::answer(m, server);
      if (!any && m.is_request) {
        r.sip = report::SipSummary{m.method, answer ? answer->status : 0, answer ? answer->reason : "",
                                   m.header("User-Agent").value_or(m.header("Server").value_or(""))};
        r.sip->diagnostics = sip::diagnostic_headers(m);
        r.sip->from = m.header("From").value_or("");
        r.sip->contact = m.header("Contact").value_or("");
        r.sip->record_route = m.header("Record-Route").value_or("");
        check_sip_identity(r, service.failure.our_context.profile, label);
        any = true;
      }
      if (r.sip && r.sip->messages.size() < 8) {  // the first exchanges, for -v
        r.sip->messages.push_back(sip::to_text(m));
        if (answer) r.sip->messages.push_back(answer->text);
      }
      if (answer) {
        link.arm(net::seconds(service.timeout_s));
        const int w = co_await session.write(answer->text);
        link.disarm();
        if (w != 0) close = true;
      }
      // The listener has its --count connections or its --timeout passed: a client that keeps
      // its connection (keepalive OPTIONS, a dispatcher's probes) is answered once, then closed,
      // however many requests it has queued.
      if (any && service.listener_done()) close = true;
      if (close) break;
    }
    if (close) break;
    if (framer.buffered() == 0) {
      message_deadline.reset();
    } else if (!message_deadline) {
      message_deadline = net::Clock::now() + net::seconds(service.timeout_s);
    }
  }
  if (!session.received_alert()) co_await session.close();
}

}  // namespace sipmtls::app
