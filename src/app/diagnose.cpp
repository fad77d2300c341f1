// SPDX-License-Identifier: MIT
// Connection failures to findings.
#include "app/diagnose.hpp"

#include <algorithm>

#include "tls/session.hpp"

namespace sipmtls::app {
namespace {

constexpr std::uint16_t kTls12 = 0x0303;
constexpr std::uint16_t kTls13 = 0x0304;

std::uint16_t highest(const std::vector<std::uint16_t>& versions) {
  std::uint16_t best = 0;
  for (auto v : versions) {
    if (!tls::is_grease(v) && v > best) best = v;
  }
  return best;
}

/// TLS 1.2 signature schemes a client may sign its CertificateVerify with, by key: RSA PKCS#1
/// v1.5 (hash, 1) and RSA-PSS (0x0804..0x0806 rsae, 0x0809..0x080b pss).
bool is_rsa_pkcs1(std::uint16_t s) { return (s & 0xff) == 1 && (s >> 8) >= 2 && (s >> 8) <= 6; }
bool is_rsa_pss(std::uint16_t s) { return (s >= 0x0804 && s <= 0x0806) || (s >= 0x0809 && s <= 0x080b); }

/// A TLS 1.2 server that takes only RSA-PSS signatures from clients: mbedTLS 3.6 signs a TLS 1.2
/// CertificateVerify with PKCS#1 v1.5 only, so with an RSA key the handshake cannot succeed.
std::optional<Finding> rsa_pss_only(const FailureFacts& f, const std::string& side) {
  const auto& cr = f.transcript.certificate_request;
  if (!f.we_are_client || !f.our_key_is_rsa || !cr || cr->tls13 || cr->signature_algorithms.empty()) {
    return std::nullopt;
  }
  const auto& algs = cr->signature_algorithms;
  if (std::any_of(algs.begin(), algs.end(), is_rsa_pkcs1) || std::none_of(algs.begin(), algs.end(), is_rsa_pss)) {
    return std::nullopt;
  }
  return Finding{FindingCode::TlsHandshakeFailed, Severity::Error, side,
                 "the server takes only RSA-PSS signatures from TLS 1.2 clients (its CertificateRequest offers no "
                 "RSA PKCS#1 v1.5 scheme), and this tool's TLS stack (mbedTLS 3.6) signs a TLS 1.2 "
                 "CertificateVerify with PKCS#1 v1.5 only: the limit is ours, not a fault of our certificate",
                 "run the check with --tls 1.3 (or --tls auto), where RSA-PSS is used; clients that sign with "
                 "RSA-PSS in TLS 1.2 (Schannel, OpenSSL) are not affected"};
}

/// What ended a connection after its handshake that the alert alone would misname: an alert in
/// the clear (injected on the path) or a TLS 1.2 renegotiation we declined.
std::optional<Finding> after_handshake(const FailureFacts& f, const std::string& side) {
  const auto& received = f.transcript.received;
  if (received.clear_alert_after_handshake) {
    return Finding{FindingCode::TlsHandshakeFailed, Severity::Error, side,
                   "after the handshake an unencrypted alert " +
                       tls::alert_name(received.clear_alert_after_handshake->code) +
                       " arrived: once keys are in use every TLS stack encrypts its alerts, so something on the path "
                       "(a firewall inspecting TLS, a SIP ALG) injected it, or the peer's TLS stack is broken",
                   "look for TLS inspection or a SIP ALG between the servers (turn SIP ALG off) and capture both ends "
                   "(tshark) to see where it comes from"};
  }
  if (received.renegotiation) {
    const std::string asked = f.we_are_client ? "the server asked to renegotiate the TLS 1.2 session (a HelloRequest: "
                                                "servers do this to ask for a client certificate late)"
                                              : "the client started a TLS 1.2 renegotiation";
    return Finding{FindingCode::TlsHandshakeFailed, Severity::Error, side,
                   "after the handshake " + asked + " and ended the connection" +
                       (f.received ? " with alert " + tls::alert_name(f.received->code) : std::string()) +
                       " when we declined: this tool (mbedTLS) does not renegotiate, and TLS 1.3 has no renegotiation",
                   f.we_are_client ? "configure the peer to ask for the client certificate in the initial handshake "
                                     "(mutual TLS on this port, as LCS does), or check with --tls 1.3"
                                   : "configure the peer not to renegotiate, or check with --tls 1.3"};
  }
  return std::nullopt;
}

/// Some alerts name no reason, or mean different things from different peers: GnuTLS answers a
/// certificate it cannot verify with access_denied (as a server) or bad_certificate (as a client),
/// OpenSSL with handshake_failure or certificate_unknown, and access_denied and handshake_failure
/// also stand for "not allowed here" and "nothing in common". Read after our certificate went out
/// and with errors in it (as the peer judges it), they are the peer's verdict on it, and those
/// errors (appended as "our" findings) say which.
std::optional<Finding> unspecific_alert(const FailureFacts& f, int code, const std::string& side) {
  if (code != tls::kAlertAccessDenied && code != tls::kAlertHandshakeFailure && code != tls::kAlertBadCertificate &&
      code != tls::kAlertCertificateUnknown) {
    return std::nullopt;
  }
  const std::string ended = f.phase == Phase::Handshake ? "handshake" : "connection";
  const std::string ours = f.we_are_client ? "our client certificate" : "our server certificate";
  if (f.sent_our_certificate && f.our_certificate_has_errors) {
    return Finding{FindingCode::PeerRejectedOurCert, Severity::Error, side,
                   "the peer ended the " + ended + " with alert " + tls::alert_name(code) + " after it got " + ours +
                       ", which has errors as the peer would judge it (below): the peer refused it for those (this "
                       "alert names no reason; GnuTLS and OpenSSL send it for a certificate they cannot verify)",
                   "fix what the findings on \"our\" certificate below report"};
  }
  if (code == tls::kAlertAccessDenied && !f.sent_our_certificate) {
    return Finding{FindingCode::TlsHandshakeFailed, Severity::Error, side,
                   "the peer ended the " + ended + " with alert " + tls::alert_name(code) +
                       " before it had our certificate: it refuses this connection (an address or host list), "
                       "not our certificate",
                   "check the peer's allowed addresses and hosts and its log for this server's address"};
  }
  return std::nullopt;
}

}  // namespace

std::optional<AlertCause> certificate_alert_cause(int alert, bool we_are_client) {
  const std::string ours = we_are_client ? "our client certificate" : "our server certificate";
  switch (alert) {
    case tls::kAlertBadCertificate:
      return AlertCause{"the peer found " + ours + " bad (its signature, names or form)",
                        "run `sipmtls inspect` on our certificate with the peer's profile and fix what it reports"};
    case tls::kAlertUnsupportedCertificate:
      return AlertCause{"the peer refused the key usage or EKU of " + ours,
                        "request the certificate again with both Enhanced Key Usages: Server Authentication "
                        "(1.3.6.1.5.5.7.3.1) and Client Authentication (1.3.6.1.5.5.7.3.2)"};
    case tls::kAlertCertificateRevoked:
      return AlertCause{"the peer found " + ours + " revoked (its CRL lists our serial)",
                        "request and install a new certificate"};
    case tls::kAlertCertificateExpired:
      return AlertCause{"the peer found " + ours + " (or a CA above it) expired or not yet valid",
                        "renew the certificate, re-select it in the server's configuration, and check both "
                        "servers' clocks"};
    case tls::kAlertCertificateUnknown:
      return AlertCause{"the peer could not accept " + ours +
                            " (unspecified: often an untrusted root or a failed revocation check)",
                        "make sure the peer trusts our root CA and can reach our CRL distribution point"};
    case tls::kAlertUnknownCa:
      return AlertCause{"the peer does not trust our root CA, or could not build our chain to it",
                        "import our root CA certificate into the peer's Trusted Root Certification Authorities "
                        "store (Local Computer), and send our intermediate CAs with our certificate"};
    case tls::kAlertAccessDenied:
      return AlertCause{"the peer accepted " + ours + " but refuses this server",
                        "add this server's FQDN to the peer's allowed or federated hosts"};
    case tls::kAlertCertificateRequired:
      return AlertCause{"the peer requires a client certificate and did not get one it accepts",
                        "configure a certificate with Client Authentication for outgoing connections, issued "
                        "by a CA the peer lists as acceptable"};
    default: return std::nullopt;
  }
}

std::vector<Finding> diagnose(const FailureFacts& f) {
  const std::string side = f.we_are_client ? "server " + f.peer : "client " + f.peer;
  const auto& t = f.transcript;
  if (f.rc == tls::kTimedOut) {
    const std::string what = f.phase == Phase::Handshake ? "the TLS handshake" : "the first exchange after it";
    return {{FindingCode::Timeout, Severity::Error, side,
             "no progress in " + what + " within " + std::to_string(static_cast<int>(f.timeout_s)) + " s",
             "check that the peer speaks TLS on this port and is not overloaded; raise --timeout for slow links"}};
  }
  if (t.not_tls) {
    return {{FindingCode::NotTls, Severity::Error, side,
             "the " + std::string(f.we_are_client ? "server" : "client") + " spoke cleartext, not TLS: \"" +
                 *t.not_tls + "\"",
             f.we_are_client ? "dial the peer's TLS port (5061 by default) or enable TLS (MTLS) on it; it answers "
                               "SIP over TCP here"
                             : "configure the peer to use TLS (transport=tls) towards this port"}};
  }
  if (auto pss = rsa_pss_only(f, side)) return {*pss};
  if (auto after = after_handshake(f, side)) return {*after};
  if (f.received && f.received->code != tls::kAlertCloseNotify) {
    const int code = f.received->code;
    if (auto finding = unspecific_alert(f, code, side)) return {*finding};
    if (auto cause = certificate_alert_cause(code, f.we_are_client)) {
      return {{FindingCode::PeerRejectedOurCert, Severity::Error, side,
               "the peer ended the " + std::string(f.phase == Phase::Handshake ? "handshake" : "connection") +
                   " with alert " + tls::alert_name(code) + ": " + cause->cause,
               cause->fix}};
    }
    if (code == tls::kAlertProtocolVersion || code == tls::kAlertInsufficientSecurity) {
      const auto offered = t.client_hello ? highest(t.client_hello->versions) : 0;
      const bool offered_12 = t.client_hello && std::find(t.client_hello->versions.begin(),
                                                          t.client_hello->versions.end(), kTls12) !=
                                                    t.client_hello->versions.end();
      const bool offered_13 = t.client_hello && std::find(t.client_hello->versions.begin(),
                                                          t.client_hello->versions.end(), kTls13) !=
                                                    t.client_hello->versions.end();
      if (f.we_are_client && offered_12 && !offered_13) {
        // Only TLS 1.2 was offered (--tls 1.2): the peer may need TLS 1.3 as well as an older one.
        return {{FindingCode::TlsHandshakeFailed, Severity::Error, side,
                 "the peer refused TLS 1.2, the only version we offered, with alert " + tls::alert_name(code) +
                     ": it requires TLS 1.3, or speaks only TLS 1.0/1.1",
                 "run the check again with --tls auto to see which; Teams and SfB Server 2019 speak TLS 1.2"}};
      }
      if (f.we_are_client && offered_12) {
        return {{FindingCode::TlsProtocolLegacy, Severity::Error, side,
                 "the peer refused every version we offered (up to " + tls::version_name(offered) +
                     ") with alert " + tls::alert_name(code) + ": it speaks only TLS 1.0/1.1 or needs another",
                 "enable TLS 1.2 on the peer (Windows: the SChannel TLS 1.2 Client and Server keys, and .NET "
                 "strong crypto); LCS 2005 and OCS 2007 need updates for TLS 1.2"}};
      }
    }
    return {{FindingCode::TlsHandshakeFailed, Severity::Error, side,
             "the peer ended the handshake with alert " + tls::alert_name(code) +
                 (code == tls::kAlertHandshakeFailure ? ": no common cipher suite or signature algorithm, or it "
                                                        "requires a client certificate it did not get"
                                                      : ""),
             "compare both sides' TLS versions and cipher suites (--tls 1.2 / 1.3) and the peer's log"}};
  }
  if (t.server_hello && t.server_hello->version < kTls12) {
    return {{FindingCode::TlsProtocolLegacy, Severity::Error, side,
             "the server chose " + tls::version_name(t.server_hello->version) +
                 "; LCS successors and Teams require TLS 1.2",
             "enable TLS 1.2 on the peer and disable TLS 1.0/1.1"}};
  }
  if (!f.we_are_client && t.client_hello && highest(t.client_hello->versions) < kTls12) {
    return {{FindingCode::TlsProtocolLegacy, Severity::Error, side,
             "the client offers at most " + tls::version_name(highest(t.client_hello->versions)),
             "enable TLS 1.2 on the peer (SChannel TLS 1.2 Client key) and disable TLS 1.0/1.1"}};
  }
  if (tls::is_certificate_parse_error(f.rc)) {
    return {{FindingCode::CertUnparseable, Severity::Error, side,
             "the peer's certificate cannot be parsed: " + f.error_text,
             "the peer must install a well-formed DER X.509 v3 certificate"}};
  }
  const bool closed = tls::is_connection_closed(f.rc) || f.rc == 0;
  if (closed) {
    std::string msg = "the peer closed the connection";
    if (!f.transport_error.empty() && f.transport_error != msg) msg += " (" + f.transport_error + ")";
    std::string fix = "read the peer's log (LCS/OCS: event 14428, ms-diagnostics) for the reason";
    if (f.phase == Phase::FirstExchange) {
      msg += " right after the handshake without an alert: with TLS 1.3 this is how a rejected client "
             "certificate often shows";
      fix = "check that the peer trusts our root and accepts our certificate's EKUs; " + fix;
    } else if (!t.server_hello) {
      msg += f.we_are_client ? " before its ServerHello: it does not speak TLS here, or accepts none of our versions "
                               "and cipher suites"
                             : " before completing its ClientHello";
    } else {
      msg += " during the handshake without an alert: Windows (Schannel) peers reset the connection when they do "
             "not trust the certificate they got";
      fix = "make sure the peer trusts our root CA (import it into its Trusted Root store); " + fix;
    }
    return {{FindingCode::TlsHandshakeFailed, Severity::Error, side, msg, fix}};
  }
  return {{FindingCode::TlsHandshakeFailed, Severity::Error, side, "the handshake failed: " + f.error_text,
           "compare both sides' TLS versions, cipher suites and certificates (key type, signature algorithms)"}};
}

}  // namespace sipmtls::app
