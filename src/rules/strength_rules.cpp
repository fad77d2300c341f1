// SPDX-License-Identifier: MIT
// Strength rules: key sizes and signature algorithms by profile (LCS-RULES.md §1.4, §1.5, §9.6).
#include "internal.hpp"

namespace sipmtls::rules {

std::vector<Finding> check_strength(const cert::ChainFacts& chain, const Context& ctx) {
  const ProfilePolicy& p = policy(ctx.profile);
  // Strict verification holds every key and signature to the floor of current CAs (BR §6.1.5, §7.1.3).
  const Severity weak_key = ctx.x509_strict ? Severity::Error : p.weak_key;
  const Severity weak_signature = ctx.x509_strict ? Severity::Error : p.weak_signature;
  std::vector<Finding> out;
  for (std::size_t i = 0; i < chain.path.size(); ++i) {
    const cert::ChainLink& link = chain.path[i];
    const cert::CertFacts& c = link.cert;
    const std::string subject = link_subject(chain, i);
    if (c.key_type == cert::KeyType::Rsa && c.key_bits < 2048) {
      out.push_back({FindingCode::WeakKey, c.key_bits < 1024 ? Severity::Error : weak_key, subject,
                     "RSA key of " + std::to_string(c.key_bits) + " bits; " +
                         (p.weak_key == Severity::Error ? std::string(p.product) + " and public CAs require at least 2048"
                          : weak_key == Severity::Error ? std::string("strict verification requires at least 2048")
                                                        : std::string(p.product) +
                                                              " accepts it, but 2048 is the floor of current CAs"),
                     "request a new certificate with an RSA-2048 (or larger) or ECDSA P-256 key"});
    }
    if (c.key_type == cert::KeyType::Dsa) {
      out.push_back({FindingCode::WeakKey, Severity::Error, subject,
                     "a DSA key: no TLS 1.2 or 1.3 cipher suite that Windows, Skype for Business, Teams or "
                     "current SBCs offer can use it, and this tool cannot verify DSA signatures",
                     "request a new certificate with an RSA-2048 (or larger) or ECDSA P-256 key"});
    }
    if (c.key_type == cert::KeyType::Ec && c.key_bits < 256) {
      out.push_back({FindingCode::WeakKey, weak_key, subject,
                     "EC key of " + std::to_string(c.key_bits) + " bits",
                     "request a new certificate with an ECDSA P-256 or P-384 key"});
    }
    if (link.is_anchor) continue;  // a trust anchor's self-signature carries no trust
    if (c.signature_hash == "MD5" || c.signature_hash == "SHA1") {
      const Severity s = c.signature_hash == "MD5" ? Severity::Error : weak_signature;
      out.push_back({FindingCode::WeakSignature, s, subject,
                     "signed with " + c.signature_algorithm + "; " +
                         (s == Severity::Error ? std::string(p.product) + " requires SHA-256 or stronger"
                                               : std::string("SHA-1 is deprecated by every public CA")),
                     "have the CA reissue the certificate with a SHA-256 signature"});
    }
    if (c.signature_pss && p.pss_unsupported) {
      out.push_back({FindingCode::WeakSignature, Severity::Error, subject,
                     "signed with RSASSA-PSS, which Lync Server 2013 and later do not support",
                     "have the CA sign with PKCS#1 v1.5 (sha256RSA) instead of RSASSA-PSS"});
    }
  }
  return out;
}

}  // namespace sipmtls::rules
