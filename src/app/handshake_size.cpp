// SPDX-License-Identifier: MIT
// Oversized handshake messages.
#include "app/handshake_size.hpp"

namespace sipmtls::app {
namespace {

std::string ca_list_text(const tls::CertificateRequestFacts& cr) {
  if (!cr.complete) return "its CA names did not all arrive";
  return "its list of acceptable CAs names " + std::to_string(cr.ca_names.size()) + " CAs in " +
         std::to_string(cr.ca_list_bytes) + " bytes";
}

std::string chain_text(const tls::CertificateMessageFacts& c) {
  if (!c.complete) return "the rest of it did not arrive";
  return std::to_string(c.certificates.size()) + " certificates";
}

}  // namespace

std::optional<Finding> oversized_message_finding(const tls::Session& session, const std::string& side) {
  const std::size_t limit = tls::max_handshake_message();
  const std::string stack = "more than the " + std::to_string(limit) +
                            " bytes a TLS stack with a one-record handshake buffer takes: this tool's (mbedTLS), "
                            "and many SBCs', stop here";
  const auto* cr = session.certificate_request();
  const auto* chain = session.peer_certificate_message();
  const std::size_t cr_size = cr != nullptr ? cr->size + 4 : 0;  // with the handshake header
  const std::size_t chain_size = chain != nullptr ? chain->size + 4 : 0;
  if (cr_size > limit && cr_size >= chain_size) {
    return Finding{FindingCode::TlsHandshakeFailed, Severity::Error, side,
                   "the server's CertificateRequest is " + std::to_string(cr_size) + " bytes (" + ca_list_text(*cr) +
                       "), " + stack + ". Schannel never sends more than 16 KB of CA names (it truncates the list, "
                       "event 36885), so a Windows server in this state drops names instead; OpenSSL clients take "
                       "up to 100 KB",
                   "have the server trust fewer CAs, or send no CA list: OpenSSL or Kamailio, a CA file with only "
                   "the partners' roots; Windows, the Client Authentication Issuers store or "
                   "SendTrustedIssuerList = 0 (KB 2464556)"};
  }
  if (chain_size > limit) {
    return Finding{FindingCode::TlsHandshakeFailed, Severity::Error, side,
                   "the peer's Certificate message is " + std::to_string(chain_size) + " bytes (" +
                       chain_text(*chain) + "), " + stack + "; OpenSSL and Schannel take larger chains",
                   "send only the path up to the root the other side trusts: leave out the root itself and "
                   "cross-certificates, and prefer RSA-2048 or ECDSA keys for the CAs"};
  }
  return std::nullopt;
}

}  // namespace sipmtls::app
