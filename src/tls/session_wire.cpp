// SPDX-License-Identifier: MIT
// What a Session reads from the wire beside mbedTLS: the peer's TLS 1.3 flight, its chain when
// mbedTLS kept none, the server's CertificateRequest and whether our certificate went out.
#include "tls/session.hpp"

#include "tls/tls13_flight.hpp"

namespace sipmtls::tls {

void Session::read_tls13_flight() {
  const auto& sh = transcript_.facts().server_hello;
  if (!sh || sh->version != 0x0304 || peer_handshake_secret_.secret.empty()) return;
  flight_ = tls::read_tls13_flight(sh->cipher, peer_handshake_secret_.secret, transcript_.facts().tls13_flight);
}

const CertificateMessageFacts* Session::peer_certificate_message() const {
  if (const auto& c = transcript_.facts().peer_certificate) return &*c;
  return flight_.certificate ? &*flight_.certificate : nullptr;
}

void Session::judge_from_wire() {
  const CertificateMessageFacts* message = peer_certificate_message();
  if (peer_chain_seen_ || message == nullptr || !message->complete || message->certificates.empty()) return;
  std::vector<cert::Certificate> chain;
  for (const auto& der : message->certificates) {
    auto parsed = cert::Certificate::parse_der({der.data(), der.size()});
    if (parsed) chain.push_back(std::move(parsed.value()));
  }
  if (chain.empty()) return;
  peer_chain_seen_ = true;
  peer_chain_ = std::move(chain);
  if (verifier_) (void)verifier_(peer_chain_);
}

const CertificateRequestFacts* Session::certificate_request() const {
  if (config_->options().server) return nullptr;
  if (const auto& cr = transcript_.facts().certificate_request) return &*cr;
  return flight_.certificate_request ? &*flight_.certificate_request : nullptr;
}

bool Session::sent_our_certificate() const {
  if (transcript_.facts().sent_certificate) return true;
  const auto& sh = transcript_.facts().server_hello;
  return !config_->options().server && sh && sh->version == 0x0304 && certificate_requested() &&
         transcript_.facts().sent.application_records >= 2;
}

bool Session::certificate_requested() const {
  if (certificate_request() != nullptr) return true;
  const auto& sh = transcript_.facts().server_hello;
  return sh && sh->version == 0x0304 && handshake_records_sent_ >= 2;
}

std::vector<std::string> Session::peer_ca_names() const {
  std::vector<std::string> out;
  const CertificateRequestFacts* cr = certificate_request();
  if (cr == nullptr) return out;
  for (const auto& der : cr->ca_names) {
    auto text = cert::distinguished_name_text(der);
    out.push_back(text ? *text : "(unparseable name)");
  }
  return out;
}

}  // namespace sipmtls::tls
