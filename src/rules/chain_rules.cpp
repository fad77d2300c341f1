// SPDX-License-Identifier: MIT
// Chain rules: trust, CA constraints, signatures, EKU of the issuing CAs, revocation and CDP.
#include "internal.hpp"

namespace sipmtls::rules {
namespace {


void check_end(const cert::ChainFacts& chain, const Context& ctx, std::vector<Finding>& out) {
  const cert::CertFacts& top = chain.path.back().cert;
  const std::string subject = link_subject(chain, chain.path.size() - 1);
  if (chain.end == cert::ChainEnd::UntrustedRoot) {
    out.push_back({FindingCode::ChainUntrustedRoot, Severity::Error, subject,
                   "the chain ends in " + top.subject + ", which is not in the trust store" +
                       (chain.path.size() == 1 ? " (a self-signed certificate)" : ""),
                   root_fix(ctx.profile, top.subject)});
  } else if (chain.end == cert::ChainEnd::MissingIssuer) {
    out.push_back({FindingCode::ChainIncomplete, Severity::Error, subject,
                   "the issuer " + top.issuer + " was neither supplied nor found in the trust store",
                   // From here the missing certificate could be either: say what to do for each.
                   "if " + top.issuer + " is a root CA: " + root_fix(ctx.profile, top.issuer) +
                       "; if it is an intermediate CA, put it in the certificate file (PFX: export with \"include "
                       "all certificates in the path\") so that the server sends it, or add it with --chain"});
  } else if (chain.end == cert::ChainEnd::IssuerLoop) {
    out.push_back({FindingCode::ChainIncomplete, Severity::Error, subject,
                   "the issuer " + top.issuer + " was supplied, but it is already on the path: the certificates "
                       "issue one another in a loop (" + std::to_string(chain.path.size()) +
                       " certificates) and none of them leads to the trust store",
                   "send the path up to a CA the peer trusts, without the cross-certificates that loop back, and "
                   "import that CA's root where it must be trusted"});
  } else if (chain.end == cert::ChainEnd::TooLong) {
    out.push_back({FindingCode::ChainIncomplete, Severity::Error, subject,
                   "the path reached " + std::to_string(chain.path.size()) +
                       " certificates with issuers still to follow and no trust anchor: longer than this tool "
                       "builds (real PKIs have 2 to 4 levels; mbedTLS stops at 8 intermediates)",
                   "send the short path to a CA the peer trusts, without extra cross-certificates"});
  }
}

void check_ca(const cert::ChainFacts& chain, std::size_t i, std::vector<Finding>& out) {
  const cert::ChainLink& link = chain.path[i];
  const cert::CertFacts& c = link.cert;
  if (link.is_anchor && c.version < 3) return;  // v1 roots carry no constraints
  const std::string subject = link_subject(chain, i);
  auto invalid = [&](const std::string& why) {
    out.push_back({FindingCode::ChainInvalidCa, Severity::Error, subject,
                   c.subject + " issued " + chain.path[i - 1].cert.subject + " but " + why,
                   "issue the certificates from a real CA certificate (basicConstraints CA:TRUE, key usage "
                   "Certificate Sign), and keep its path length constraint"});
  };
  if (!c.is_ca) invalid(c.has_basic_constraints ? "its basicConstraints say CA:FALSE" : "it has no basicConstraints CA:TRUE");
  if (c.has_key_usage && (c.key_usage & cert::kKeyCertSign) == 0) invalid("its key usage lacks keyCertSign");
  if (c.path_len >= 0) {
    int below = 0;  // CA certificates between the leaf and this one, self-issued ones not counted
    for (std::size_t j = 1; j < i; ++j) below += chain.path[j].cert.self_issued ? 0 : 1;
    if (below > c.path_len) {
      invalid("its pathLenConstraint " + std::to_string(c.path_len) + " allows fewer CAs below it (" +
              std::to_string(below) + ")");
    }
  }
}

// Windows applies a CA's EKU restriction to everything below it.
void check_ca_eku(const cert::ChainFacts& chain, std::size_t i, const Context& ctx, std::vector<Finding>& out) {
  const cert::CertFacts& c = chain.path[i].cert;
  if (!c.has_eku || c.has_eku_oid(cert::kOidAnyExtendedKeyUsage)) return;
  const std::string subject = link_subject(chain, i);
  const std::string fix = "have the CA administrator reissue " + c.subject +
                          " with Server and Client Authentication in its EKU (or without an EKU extension)";
  if (needs_server_auth(ctx) && !c.has_eku_oid(cert::kOidServerAuth)) {
    out.push_back({FindingCode::EkuMissingServerAuth, Severity::Error, subject,
                   "the CA certificate's EKU excludes Server Authentication, so nothing it issues is valid for it",
                   fix});
  }
  if (needs_client_auth(ctx) && !c.has_eku_oid(cert::kOidClientAuth)) {
    out.push_back({FindingCode::EkuMissingClientAuth, Severity::Error, subject,
                   "the CA certificate's EKU excludes Client Authentication, so nothing it issues is valid for it",
                   fix});
  }
}

// The profile's product requires a CDP in every server certificate, and this one has none.
bool requires_cdp(const ProfilePolicy& p, const cert::CertFacts& c) {
  return p.missing_cdp && c.version >= 3 && c.crl_urls.empty();
}

void check_revocation(const cert::ChainFacts& chain, const Context& ctx, std::vector<Finding>& out) {
  const ProfilePolicy& p = policy(ctx.profile);
  for (std::size_t i = 0; i < chain.path.size(); ++i) {
    const cert::ChainLink& link = chain.path[i];
    if (link.revocation == cert::RevocationStatus::Revoked) {
      out.push_back({FindingCode::CertRevoked, Severity::Error, link_subject(chain, i),
                     link.revocation_detail + (link.revocation_source == "--crl" ? " (a CRL given with --crl)" : ""),
                     "request and install a new certificate; a revoked one cannot be reinstated"});
    } else if (link.revocation == cert::RevocationStatus::CrlUnusable) {
      // Strict verification fails hard when the CRL given for an issuer cannot be used.
      out.push_back({FindingCode::RevocationUnknown, ctx.x509_strict ? Severity::Error : Severity::Warning,
                     link_subject(chain, i), "revocation could not be confirmed: " + link.revocation_detail,
                     "publish a current, conforming CRL (v2 with a CRL Number, signed by a CA whose key usage "
                     "includes CRL Signing) at the CDP and pass it with --crl"});
    } else if (link.revocation == cert::RevocationStatus::Offline) {
      out.push_back({FindingCode::RevocationOffline, ctx.revocation_hard ? Severity::Error : Severity::Warning,
                     link_subject(chain, i), "revocation could not be checked online: " + link.revocation_detail,
                     revocation_offline_fix(ctx.profile, link.revocation_source, link.revocation_ldap_only)});
    } else if (link.revocation == cert::RevocationStatus::NoSource && !(i == 0 && requires_cdp(p, link.cert))) {
      out.push_back({FindingCode::RevocationUnknown, ctx.revocation_hard ? Severity::Error : Severity::Warning,
                     link_subject(chain, i), "revocation cannot be checked: " + link.revocation_detail,
                     no_revocation_source_fix(ctx.profile)});
    } else if (link.revocation == cert::RevocationStatus::Unknown) {
      // Revocation is being checked: a certificate no CRL speaks for is never passed in silence.
      out.push_back({FindingCode::RevocationUnknown, ctx.x509_strict ? Severity::Error : Severity::Warning,
                     link_subject(chain, i), "revocation not checked: " + link.revocation_detail,
                     "pass the CRL of " + link.cert.issuer + " with --crl (the one its CDP names); Windows "
                     "fetches it from the CDP and fails with CRYPT_E_REVOCATION_OFFLINE when it cannot"});
    }
  }
  const cert::ChainLink& leaf = chain.path.front();
  if (requires_cdp(p, leaf.cert) && leaf.revocation != cert::RevocationStatus::Good) {
    out.push_back({FindingCode::RevocationUnknown, *p.missing_cdp, "leaf " + describe(leaf.cert),
                   "no CRL Distribution Point: " + std::string(p.product) +
                       " cannot check revocation, and requires a CDP in every server certificate",
                   "have the CA add an HTTP CRL Distribution Point (CDP) to the certificates it issues, then "
                   "request the certificate again"});
  }
}

}  // namespace

std::string link_subject(const cert::ChainFacts& chain, std::size_t index) {
  const cert::ChainLink& link = chain.path[index];
  if (index == 0) return "leaf " + describe(link.cert);
  return std::string(link.is_anchor ? "root " : "issuing CA ") + describe(link.cert);
}

std::vector<Finding> check_chain(const cert::ChainFacts& chain, const Context& ctx) {
  std::vector<Finding> out;
  if (chain.path.empty()) return out;
  check_end(chain, ctx, out);
  for (std::size_t i = 0; i < chain.path.size(); ++i) {
    const cert::ChainLink& link = chain.path[i];
    if (!link.signature_ok && i + 1 < chain.path.size()) {
      const bool dsa = link.cert.signature_algorithm.starts_with("DSA");
      out.push_back({FindingCode::ChainBadSignature, Severity::Error, link_subject(chain, i),
                     dsa ? "the signature of " + link.cert.subject + " is a DSA signature, which cannot be verified "
                               "here (nor by TLS stacks that dropped DSA)"
                         : "the signature of " + link.cert.subject + " does not verify with the key of " +
                               chain.path[i + 1].cert.subject +
                               ": the certificate was altered or the wrong issuer is installed",
                     dsa ? "have the CA issue the certificate with an RSA or ECDSA signature"
                         : "install the certificate exactly as the CA issued it, with its real issuer"});
    }
    if (i > 0) {
      check_ca(chain, i, out);
      check_ca_eku(chain, i, ctx, out);
    }
  }
  check_revocation(chain, ctx, out);
  return out;
}

std::vector<Finding> evaluate(const cert::ChainFacts& chain, const Context& ctx) {
  std::vector<Finding> out;
  if (chain.path.empty()) return out;
  auto append = [&](std::vector<Finding> more) {
    for (auto& f : more) out.push_back(std::move(f));
  };
  const cert::CertFacts& leaf = chain.path.front().cert;
  append(check_usage(leaf, ctx));
  append(check_names(leaf, ctx));
  append(check_validity(chain, ctx));
  append(check_strength(chain, ctx));
  append(check_chain(chain, ctx));
  append(check_conformance(chain, ctx));
  append(check_name_constraints(chain, ctx));
  append(check_extensions(chain, ctx));
  append(check_teams_ca(chain, ctx));
  return out;
}

}  // namespace sipmtls::rules
