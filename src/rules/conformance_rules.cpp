// SPDX-License-Identifier: MIT
// Conformance rules: how RFC 5280 and the CA/Browser Forum Baseline Requirements (BR) say a
// certificate must be encoded. Windows tolerates most of these flaws, so they are warnings; with
// ctx.x509_strict they are errors, as in strict verifiers (OpenSSL -x509_strict, Go, rustls/webpki,
// browsers), which a SIP peer on another stack may be.
#include <arpa/inet.h>

#include <array>

#include "internal.hpp"

namespace sipmtls::rules {
namespace {

constexpr const char* kReissue = "have the CA reissue the certificate with a conforming encoding";

class Sink {
 public:
  Sink(const cert::ChainFacts& chain, const Context& ctx, std::vector<Finding>& out)
      : chain_(chain), severity_(ctx.x509_strict ? Severity::Error : Severity::Warning), out_(out) {}
  void add(std::size_t i, const std::string& why, const std::string& fix = kReissue) {
    out_.push_back({FindingCode::CertNonconformant, severity_, link_subject(chain_, i), why, fix});
  }

 private:
  const cert::ChainFacts& chain_;
  Severity severity_;
  std::vector<Finding>& out_;
};

// RFC 1034 §3.5 preferred name syntax as relaxed by RFC 1123 §2.1, with one leading "*." label.
bool preferred_name_syntax(std::string_view name) {
  if (name.substr(0, 2) == "*.") name.remove_prefix(2);
  if (name.empty() || name.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0 || label > 63 || name[i - 1] == '-' || name[i - label] == '-') return false;
      label = 0;
      continue;
    }
    const char c = name[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
    ++label;
  }
  return true;
}

// Whether a CN is the text form of an IP address in the SAN, as BR §7.1.4.3 wants it: RFC 3986
// dotted decimal for IPv4 (no leading zeros, no hex), RFC 5952 for IPv6 (lower case, compressed).
bool cn_names_san_ip(const std::string& cn, const std::string& san_ip) {
  if (san_ip.find(':') == std::string::npos) return cn == san_ip;
  std::array<unsigned char, 16> address{};
  char text[INET6_ADDRSTRLEN];
  return inet_pton(AF_INET6, san_ip.c_str(), address.data()) == 1 &&
         inet_ntop(AF_INET6, address.data(), text, sizeof text) != nullptr && cn == text;
}

void check_serial(const cert::CertFacts& c, std::size_t i, Sink& sink) {
  if (c.serial_zero) sink.add(i, "the serial number is zero; RFC 5280 §4.1.2.2 requires a positive integer");
  if (c.serial_negative) sink.add(i, "the serial number is negative; RFC 5280 §4.1.2.2 requires a positive integer");
  if (c.serial_octets > 20) {
    sink.add(i, "the serial number is " + std::to_string(c.serial_octets) +
                    " octets long; RFC 5280 §4.1.2.2 allows at most 20");
  }
}

void check_key_identifiers(const cert::ChainFacts& chain, std::size_t i, Sink& sink) {
  const cert::CertFacts& c = chain.path[i].cert;
  const cert::ExtensionFacts* aki = c.extension(cert::kOidAuthorityKeyId);
  if (aki != nullptr && aki->critical) {
    sink.add(i, "the Authority Key Identifier is marked critical; RFC 5280 §4.2.1.1 requires it non-critical");
  }
  // A trust anchor is an input of path validation (RFC 5280 §6.1.1 d): nothing needs its AKI.
  if (!c.self_issued && !chain.path[i].is_anchor && c.authority_key_id.empty()) {
    sink.add(i, "no Authority Key Identifier with a keyIdentifier, which RFC 5280 §4.2.1.1 requires in every "
                "certificate not self-signed");
  }
  if (c.is_ca && c.subject_key_id.empty()) {
    sink.add(i, "a CA certificate without a Subject Key Identifier, which RFC 5280 §4.2.1.2 requires");
  }
  if (chain.path[i].is_anchor && c.self_issued && aki != nullptr) {
    if (c.authority_key_id_names_issuer) {
      sink.add(i, "the root's Authority Key Identifier carries authorityCertIssuer/SerialNumber, which BR "
                  "§7.1.2.1.3 forbids");
    }
    if (!c.authority_key_id.empty() && !c.subject_key_id.empty() && c.authority_key_id != c.subject_key_id) {
      sink.add(i, "the self-signed root's Authority Key Identifier differs from its Subject Key Identifier (BR "
                  "§7.1.2.1.3)");
    }
  }
}

void check_constraints_and_usage(const cert::ChainFacts& chain, std::size_t i, Sink& sink) {
  const cert::CertFacts& c = chain.path[i].cert;
  const cert::ExtensionFacts* bc = c.extension(cert::kOidBasicConstraints);
  if (c.is_ca && bc != nullptr && !bc->critical) {
    sink.add(i, "a CA certificate whose basicConstraints are not critical; RFC 5280 §4.2.1.9 requires them "
                "critical");
  }
  const cert::ExtensionFacts* pc = c.extension(cert::kOidPolicyConstraints);
  if (pc != nullptr && !pc->critical) {
    sink.add(i, "policyConstraints not marked critical; RFC 5280 §4.2.1.11 requires them critical");
  }
  const cert::ExtensionFacts* eku = c.extension(cert::kOidExtendedKeyUsage);
  if (i == 0 && eku != nullptr) {
    if (eku->critical) sink.add(i, "the Extended Key Usage is marked critical, which BR §7.1.2.7.6 forbids");
    if (c.has_eku_oid(cert::kOidAnyExtendedKeyUsage)) {
      sink.add(i, "the Extended Key Usage contains anyExtendedKeyUsage, which BR §7.1.2.7.10 forbids in "
                  "server certificates",
               "request the certificate with exactly Server and Client Authentication in its EKU");
    }
  }
  if (i > 0 && chain.path[i].is_anchor && c.self_issued && eku != nullptr) {
    sink.add(i, "the root CA certificate has an Extended Key Usage extension, which BR §7.1.2.1.2 forbids");
  }
  const cert::ExtensionFacts* aia = c.extension(cert::kOidAuthorityInfoAccessExt);
  if (aia != nullptr && aia->critical) {
    sink.add(i, "the Authority Information Access extension is marked critical; RFC 5280 §4.2.2.1 requires it "
                "non-critical");
  }
  for (const auto* list : {&c.name_constraints.permitted, &c.name_constraints.excluded}) {
    for (const auto& s : *list) {
      if (s.form == cert::NameForm::Dns && s.value.starts_with('.')) {
        sink.add(i, "the dNSName name constraint \"" + s.value + "\" starts with a period, which RFC 5280 "
                    "§4.2.1.10 allows for URIs and mailboxes only");
      }
    }
  }
  if (!c.is_ca && c.name_constraints.present) {
    sink.add(i, "a name constraints extension in a certificate that is no CA; RFC 5280 §4.2.1.10 allows it only "
                "in CA certificates");
  }
  if (c.aia_malformed) {
    sink.add(i, "the Authority Information Access extension is malformed (RFC 5280 §4.2.2.1: one or more "
                "AccessDescriptions)");
  }
}

void check_names(const cert::CertFacts& c, std::size_t i, Sink& sink) {
  const cert::ExtensionFacts* san = c.extension(cert::kOidSubjectAltName);
  if (c.subject_empty && san == nullptr) {
    sink.add(i, "the subject is empty and there is no subjectAltName; RFC 5280 §4.1.2.6 requires one");
  } else if (c.subject_empty && !san->critical) {
    sink.add(i, "the subject is empty but the subjectAltName is not critical, as RFC 5280 §4.2.1.6 requires");
  } else if (!c.subject_empty && san != nullptr && san->critical) {
    sink.add(i, "the subjectAltName is critical although the subject is not empty, which BR §7.1.2.7.12 "
                "forbids");
  }
  for (const auto& dns : c.san_dns) {
    if (!preferred_name_syntax(dns)) {
      sink.add(i, "the SAN dNSName \"" + dns + "\" is not in the preferred name syntax (RFC 5280 §4.2.1.6: "
                  "letters, digits and hyphens; no underscores)",
               "request the certificate for a host name made of letters, digits and hyphens");
    }
  }
  if (i != 0 || !c.has_san || c.subject_cn.empty()) return;
  bool copied = false;
  for (const auto& dns : c.san_dns) copied = copied || dns == c.subject_cn;
  for (const auto& ip : c.san_ip) copied = copied || cn_names_san_ip(c.subject_cn, ip);
  if (!copied) {
    sink.add(i, "the subject CN \"" + c.subject_cn + "\" is not a character-for-character copy of a SAN entry "
                "(BR §7.1.4.3)",
             "request the certificate with the subject CN repeated exactly in the SAN");
  }
}

void check_key(const cert::CertFacts& c, std::size_t i, Sink& sink) {
  if (c.key_type == cert::KeyType::Rsa && c.key_bits % 8 != 0) {
    sink.add(i, "an RSA modulus of " + std::to_string(c.key_bits) + " bits, not a multiple of 8 (BR §6.1.5)",
             "request a new certificate with an RSA-2048, 3072 or 4096 key");
  }
  const bool nist = c.key_curve == "secp256r1" || c.key_curve == "secp384r1" || c.key_curve == "secp521r1";
  if (c.key_type == cert::KeyType::Ec && c.key_bits >= 256 && !nist) {
    sink.add(i, "an EC key on " + (c.key_curve.empty() ? std::string("an unnamed curve") : c.key_curve) +
                    "; BR §6.1.5 and Schannel allow only P-256, P-384 and P-521",
             "request a new certificate with an ECDSA P-256 or P-384 key");
  }
}

}  // namespace

std::vector<Finding> check_conformance(const cert::ChainFacts& chain, const Context& ctx) {
  std::vector<Finding> out;
  Sink sink(chain, ctx, out);
  for (std::size_t i = 0; i < chain.path.size(); ++i) {
    const cert::CertFacts& c = chain.path[i].cert;
    // Serial rules bind issued certificates; well-known roots (Starfield G2) carry serial 0.
    if (!chain.path[i].is_anchor) check_serial(c, i, sink);
    check_key(c, i, sink);
    for (const auto& flaw : c.encoding_flaws) sink.add(i, flaw);
    if (c.version < 3) continue;  // no extensions to judge (CERT_NOT_V3 covers the leaf)
    check_key_identifiers(chain, i, sink);
    check_constraints_and_usage(chain, i, sink);
    check_names(c, i, sink);
  }
  return out;
}

}  // namespace sipmtls::rules
