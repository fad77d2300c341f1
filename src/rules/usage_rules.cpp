// SPDX-License-Identifier: MIT
// Usage rules: X.509 v3, the serverAuth+clientAuth EKUs MTLS needs, key usage, a leaf that is a CA.
#include "internal.hpp"

namespace sipmtls::rules {
namespace {

// Teams: Microsoft does not state that an SBC's certificate needs Client Authentication, its own
// SIP proxy certificates carry Server Authentication only from 2026, and public CAs stop issuing
// clientAuth in TLS server certificates (docs/TEAMS.md): a warning for the SBC, not an error.
Finding missing_client_auth(const Context& ctx, const std::string& subject) {
  if (ctx.role == Role::Local && ctx.profile == Profile::Teams) {
    return {FindingCode::EkuMissingClientAuth, Severity::Warning, subject,
            "no Client Authentication EKU: Microsoft does not require it of the SBC for Direct Routing (its own "
            "SIP proxy certificates drop it in 2026), but other MTLS peers the SBC dials may refuse it as TLS client",
            eku_fix(ctx.profile)};
  }
  const bool ours = ctx.role == Role::Local;
  return {FindingCode::EkuMissingClientAuth, Severity::Error, subject,
          ours ? "no Client Authentication EKU: MTLS breaks when this server dials out, because the peer rejects it "
                 "as TLS client" + std::string(ctx.public_ca ? " (a public CA issued it, and public CAs no longer "
                                                               "include Client Authentication)" : "")
               : "no Client Authentication EKU on the certificate the peer presented as TLS client",
          ours && ctx.public_ca ? public_ca_fix() : eku_fix(ctx.profile)};
}

// A certificate that dials out (ours, or a peer client's) from a public CA that still carries Client
// Authentication: its renewal will not.
bool ending_client_auth(const Context& ctx, const cert::CertFacts& leaf) {
  const bool dials_with_it = ctx.role == Role::Local || (ctx.role == Role::PeerClient && needs_client_auth(ctx));
  return dials_with_it && ctx.public_ca && ctx.profile != Profile::Teams && leaf.has_eku_oid(cert::kOidClientAuth);
}

}  // namespace

bool needs_server_auth(const Context& ctx) {
  return ctx.role != Role::PeerClient || policy(ctx.profile).peer_needs_both_ekus;
}

bool needs_client_auth(const Context& ctx) {
  if (ctx.role == Role::PeerClient) return policy(ctx.profile).peer_client_needs_client_auth;
  return ctx.role == Role::Local || policy(ctx.profile).peer_needs_both_ekus;
}

std::vector<Finding> check_usage(const cert::CertFacts& leaf, const Context& ctx) {
  const ProfilePolicy& p = policy(ctx.profile);
  const std::string subject = "leaf " + describe(leaf);
  std::vector<Finding> out;
  if (leaf.version < 3) {
    // A v1 certificate has no extensions at all: one finding says it all.
    out.push_back({FindingCode::CertNotV3, Severity::Error, subject,
                   "an X.509 v" + std::to_string(leaf.version) +
                       " certificate has no extensions (no EKU, no SAN); " + std::string(p.product) +
                       " requires X.509 v3",
                   "request an X.509 v3 certificate from the CA; " + eku_fix(ctx.profile)});
    return out;
  }
  if (!leaf.has_eku) {
    out.push_back({FindingCode::EkuAbsent, p.eku_absent, subject,
                   "the certificate has no Enhanced Key Usage extension: RFC 5280 reads that as any use, but " +
                       std::string(p.product) + " expects Server and Client Authentication for MTLS",
                   eku_fix(ctx.profile)});
  } else {
    const bool any = leaf.has_eku_oid(cert::kOidAnyExtendedKeyUsage);
    if (needs_server_auth(ctx) && !any && !leaf.has_eku_oid(cert::kOidServerAuth)) {
      out.push_back({FindingCode::EkuMissingServerAuth, Severity::Error, subject,
                     "no Server Authentication EKU: peers dialling this server reject it as TLS server",
                     eku_fix(ctx.profile)});
    }
    if (needs_client_auth(ctx) && !any && !leaf.has_eku_oid(cert::kOidClientAuth)) {
      out.push_back(missing_client_auth(ctx, subject));
    } else if (ending_client_auth(ctx, leaf)) {
      out.push_back({FindingCode::ClientAuthEnding, Severity::Warning, subject,
                     std::string(ctx.role == Role::Local ? "" : "the peer dials with this certificate: ") +
                         "a public CA issued this certificate with Client Authentication; public CAs stop including it "
                     "in TLS server certificates (Chrome Root Program policy, new certificates from 15 June 2026), "
                     "so the certificate that replaces this one (it expires " + cert::format_time(leaf.not_after) +
                         ") will lack it and MTLS breaks when this server dials out",
                     public_ca_fix()});
    }
  }
  if (leaf.has_key_usage && (leaf.key_usage & cert::kDigitalSignature) == 0) {
    out.push_back({FindingCode::KeyUsageInvalid, Severity::Error, subject,
                   "key usage lacks digitalSignature: the key cannot sign in ECDHE key exchange, TLS 1.3 or "
                   "client authentication",
                   "request the certificate again with key usage Digital Signature and Key Encipherment (the "
                   "Web Server template's default)"});
  }
  if ((leaf.has_basic_constraints && leaf.is_ca) || (leaf.has_key_usage && (leaf.key_usage & cert::kKeyCertSign))) {
    out.push_back({FindingCode::LeafIsCa, Severity::Error, subject,
                   std::string("the server certificate is marked as a CA (") +
                       (leaf.is_ca ? "basicConstraints CA:TRUE" : "key usage keyCertSign") +
                       "); TLS peers refuse CA certificates as end entities",
                   "request an end-entity certificate (basicConstraints CA:FALSE, no Certificate Sign usage)"});
  }
  return out;
}

}  // namespace sipmtls::rules
