// SPDX-License-Identifier: MIT
// The report model: checks and their findings, rendered as text, JSON or JUnit XML.
#pragma once

#include <optional>
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
  std::string sha1;                     ///< the thumbprint Windows shows
  std::optional<long long> days_left;   ///< until not_after, from the validation time (negative: expired)
  std::vector<std::string> san;  ///< "DNS:x", "URI:x", "IP:x"
  std::vector<std::string> eku;  ///< "serverAuth", "clientAuth", or the OID
  bool trust_anchor = false;
  std::vector<std::string> cdp;         ///< CRL Distribution Point URLs, in certificate order
  std::vector<std::string> ocsp;        ///< AIA OCSP responder URLs
  std::vector<std::string> ca_issuers;  ///< AIA caIssuers URLs
  /// good | revoked | offline | no_source | crl_unusable | not_covered; empty: not checked.
  std::string revocation = {};
  std::string revocation_source = {};  ///< "OCSP http://...", "CRL http://...", "--crl"
};
/// `at`: the validation time the days left are counted from (none: not counted).
CertSummary summarize(const cert::CertFacts& facts, bool trust_anchor = false,
                      std::optional<cert::UnixTime> at = std::nullopt);
/// summarize() of a link of a built path, with its revocation status.
CertSummary summarize(const cert::ChainLink& link, std::optional<cert::UnixTime> at);

/// The other end of a connection (DESIGN.md "peer").
struct PeerSummary {
  std::string address;  ///< "ip:port"
  std::string name;     ///< the name it was verified for (connect), or the name it matched (listen)
  std::string chain;    ///< trusted | untrusted_root | incomplete | none (it sent no certificate)
  std::vector<CertSummary> certificates;  ///< as received, leaf first
};

/// What the TLS handshake showed (DESIGN.md "tls").
struct TlsSummary {
  std::string version;  ///< "TLS 1.2", or what the ServerHello chose when the handshake failed
  std::string cipher;
  std::string sni;
  std::vector<std::string> offered_versions;  ///< by the client
  bool certificate_requested = false;         ///< the server asked for a client certificate
  std::vector<std::string> peer_ca_list;      ///< CA names in the server's CertificateRequest
  std::size_t peer_ca_list_bytes = 0;         ///< their encoded size (0: no list)
  std::string alert_received, alert_sent;     ///< "unknown_ca (48)"
  double handshake_ms = 0;                    ///< how long the handshake took
};

/// The SIP exchange on the connection (DESIGN.md "sip").
struct SipSummary {
  std::string method;  ///< the request sent (connect) or the first one received (listen)
  int status = 0;      ///< the final response received (connect) or sent (listen)
  std::string reason;
  std::string server;  ///< Server (or User-Agent) header of the peer
  /// What the peer said about its answer: ms-diagnostics, ms-diagnostics-public, Warning and
  /// Reason headers as (name, value), in order (connect: of the answer; listen: of the request).
  std::vector<std::pair<std::string, std::string>> diagnostics = {};
  /// The peer's SIP identity as its request gave it (listen): From, Contact, Record-Route.
  std::string from = {}, contact = {}, record_route = {};
  /// The SIP messages exchanged, as sent and received, in order (-v prints them).
  std::vector<std::string> messages = {};
};

/// A server a SIP domain's DNS named (DESIGN-CHANGES.md "discovery").
struct DiscoveredServer {
  std::string host;
  unsigned short port = 0, priority = 0, weight = 0;
  std::vector<std::string> addresses;
  std::string cname;    ///< the name the target is an alias of
  std::string outcome;  ///< "connected 192.0.2.1:5061", "failed: ...", "not tried"
};

/// How connect found the server of a SIP domain.
struct DiscoverySummary {
  std::string domain;
  std::string service;               ///< the SRV name that answered
  std::vector<std::string> queries;  ///< each DNS question and its result, in order
  std::vector<DiscoveredServer> servers;
};

struct CheckResult {
  std::string kind = "inspect";  ///< inspect | connect | listen | pair
  std::string role = "offline";  ///< client | server | offline
  std::string name;              ///< what was checked: a file, a host
  std::string direction;         ///< pair: "A -> B" or "B -> A"
  std::string profile;
  std::vector<std::string> expected_names;
  std::string file;    ///< local certificate file
  std::string format;  ///< PEM, DER, PKCS#7, PKCS#12
  /// matches | mismatch | absent (no key with the certificate), or empty when no key is expected
  /// (inspect of a certificate file without --key).
  std::string private_key;
  std::string chain;   ///< trusted | untrusted_root | incomplete | not_checked
  std::vector<CertSummary> certificates;  ///< the path as built, leaf first
  std::optional<PeerSummary> peer;
  std::optional<TlsSummary> tls;
  std::optional<SipSummary> sip;
  std::optional<DiscoverySummary> discovery;  ///< connect to a SIP domain
  std::vector<Finding> findings;
  /// What the verdict does not cover, each with why: "trust (no --ca)", "revocation (no --crl)".
  std::vector<std::string> not_checked;
  Verdict verdict = Verdict::Pass;
  std::string error;  ///< why the check could not run (verdict Error)
  double duration_ms = 0;
  /// request: the files written, in order (key, request, INF, OpenSSL config, README).
  std::vector<std::string> written = {};
};

struct Report {
  std::string version;
  std::vector<CheckResult> checks;
  /// error if any check could not run, else fail if any failed, else pass.
  Verdict verdict() const;
};

std::string render_text(const Report& report, bool colour);
/// " until 2026-12-12" for a check that passes today but judged a certificate that expires within
/// --warn-days (CERT_EXPIRES_SOON) or whose renewal drops clientAuth (CLIENT_AUTH_ENDING): the day
/// it stops working. Empty otherwise.
std::string until_text(const CheckResult& check);
/// One check as render_text shows it (the listener prints each connection as it ends).
std::string render_check_text(const CheckResult& check, bool colour);
std::string render_json(const Report& report);
std::string render_junit(const Report& report);

/// The pieces of the JSON and JUnit documents, for a report written check by check (spool.hpp):
/// render_json(r) is the head, the checks' fragments joined by ",\n" after a "\n", and the tail.
std::string render_json_head();
std::string render_json_check(const CheckResult& check);
std::string render_json_tail(std::size_t checks, Verdict verdict, const std::string& version);

/// What JUnit's head counts, and the run's verdict.
struct CheckCounts {
  std::size_t checks = 0, failures = 0, errors = 0;
  double total_ms = 0;
  void add(const CheckResult& c) {
    ++checks;
    failures += c.verdict == Verdict::Fail;
    errors += c.verdict == Verdict::Error;
    total_ms += c.duration_ms;
  }
  /// As Report::verdict(): error if any check could not run, else fail if any failed.
  Verdict verdict() const { return errors != 0 ? Verdict::Error : failures != 0 ? Verdict::Fail : Verdict::Pass; }
};
std::string render_junit_head(const CheckCounts& counts);
std::string render_junit_case(const CheckResult& check);
std::string render_junit_tail();
/// render_text(r) is its checks' texts, separated by blank lines, and this summary line (for
/// more than one check).
std::string render_text_tail(const CheckCounts& counts);
/// Text for XML attributes and content (characters XML 1.0 cannot hold become '?').
std::string xml_escape(std::string_view text);

}  // namespace sipmtls::report
