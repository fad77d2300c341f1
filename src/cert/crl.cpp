// SPDX-License-Identifier: MIT
// CRLs given with --crl: parsed once (crl_parse.cpp), consulted per certificate as RFC 5280 §6.3
// describes: scope, signer, freshness, delta CRLs on their base.
#include <mbedtls/pem.h>

#include <algorithm>
#include <cstring>

#include "crl_parse.hpp"
#include "distribution_point.hpp"
#include "native.hpp"
#include "sipmtls/cert/chain.hpp"
#include "signature.hpp"

namespace sipmtls::cert {

struct CrlSet::Impl {
  std::vector<ParsedCrl> crls;
};

namespace {

// One CRL from PEM or DER bytes.
Result<ParsedCrl> parse_one(std::vector<unsigned char> data) {
  if (std::string_view(reinterpret_cast<const char*>(data.data()), data.size()).find("-----BEGIN") ==
      std::string_view::npos) {
    return parse_crl(data);
  }
  data.push_back('\0');
  mbedtls_pem_context pem;
  mbedtls_pem_init(&pem);
  std::size_t used = 0;
  const int rc = mbedtls_pem_read_buffer(&pem, "-----BEGIN X509 CRL-----", "-----END X509 CRL-----", data.data(),
                                         nullptr, 0, &used);
  if (rc != 0) {
    mbedtls_pem_free(&pem);
    return input_error("no PEM \"X509 CRL\" block that can be decoded");
  }
  std::size_t len = 0;
  const unsigned char* der = mbedtls_pem_get_buffer(&pem, &len);
  auto crl = parse_crl({der, len});
  mbedtls_pem_free(&pem);
  return crl;
}

// A CRL's signature checked with signer's key, remembered (a listener judges the same chains
// again and again, and an ECDSA verify costs about 0.8 ms).
bool crl_signed_by(const ParsedCrl& crl, const Certificate& signer) {
  return crl.signature_well_formed && remembered("crl" + crl.sha256 + signer.facts().sha256, [&] {
    return signature_verifies(crl.tbs, crl.signature_algorithm, crl.signature, *signer.native());
  });
}

// Which of the certificate's distribution points the CRL serves, if any (RFC 5280 §6.3.3 (b)).
// Returns false when the CRL is out of scope; reasons gets the distribution point's reasons.
bool in_scope(const ParsedCrl& crl, const CertFacts& c, std::uint16_t& reasons) {
  if (crl.only_attribute || (crl.only_user && c.is_ca) || (crl.only_ca && !c.is_ca)) return false;
  const bool issuer_signs = crl.issuer_canonical == c.issuer_canonical;
  if (c.distribution_points.empty()) {
    reasons = kAllReasons;
    return issuer_signs && crl.idp_names.empty();
  }
  for (const auto& dp : c.distribution_points) {
    const bool by_crl_issuer = std::find(dp.crl_issuers.begin(), dp.crl_issuers.end(), crl.issuer_canonical) !=
                               dp.crl_issuers.end();
    if (dp.crl_issuers.empty() ? !issuer_signs : !(by_crl_issuer && crl.indirect)) continue;
    if (!crl.idp_names.empty()) {
      std::vector<std::string> names = dp.names;
      if (names.empty()) {
        for (const auto& i : dp.crl_issuers) names.push_back("DN:" + i);
      }
      const bool match = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
        return std::find(crl.idp_names.begin(), crl.idp_names.end(), n) != crl.idp_names.end();
      });
      if (!match) continue;
    }
    reasons = dp.reasons != 0 ? dp.reasons : kAllReasons;
    return true;
  }
  return false;
}

bool may_sign_crls(const CertFacts& f) { return !f.has_key_usage || (f.key_usage & kCrlSign) != 0; }

// The certificate whose key signed the CRL: the issuer, or a separate signer of the same name.
const Certificate* crl_signer(const ParsedCrl& crl, const Certificate& issuer, const CrlContext& ctx,
                              std::string& flaw) {
  auto signs = [&](const Certificate& c) {
    return c.facts().subject_canonical == crl.issuer_canonical && crl_signed_by(crl, c);
  };
  if (!crl.signature_well_formed) {
    flaw = "the CRL's signature is malformed";
    return nullptr;
  }
  if (signs(issuer)) {
    if (may_sign_crls(issuer.facts())) return &issuer;
    flaw = "the CRL issuer's key usage lacks cRLSign (RFC 5280 §4.2.1.3), so it may not sign CRLs";
    return nullptr;
  }
  if (ctx.pool != nullptr) {
    for (const Certificate& c : *ctx.pool) {
      if (c.same_as(issuer) || !may_sign_crls(c.facts()) || !signs(c)) continue;
      if (ctx.signer_trusted && ctx.signer_trusted(c)) return &c;
    }
  }
  flaw = "the CRL's signature does not verify with the key of " + crl.issuer + " or of a trusted CRL signer";
  return nullptr;
}

const CrlEntry* find_entry(const ParsedCrl& crl, const CertFacts& c) {
  for (const auto& e : crl.entries) {
    if (e.serial == c.serial && e.issuer_canonical == c.issuer_canonical) return &e;
  }
  return nullptr;
}

// The newest usable delta CRL on this base, or nullptr (§6.3.3 (c)).
const ParsedCrl* delta_for(const std::vector<ParsedCrl>& all, const ParsedCrl& base, const Certificate& signer,
                           UnixTime at) {
  const ParsedCrl* best = nullptr;
  for (const auto& d : all) {
    if (!d.base_number || !base.number || d.issuer_canonical != base.issuer_canonical) continue;
    if (d.idp_names != base.idp_names || d.only_user != base.only_user || d.only_ca != base.only_ca ||
        d.only_reasons != base.only_reasons || d.indirect != base.indirect || !d.unknown_critical.empty()) {
      continue;
    }
    if (compare_crl_numbers(*d.base_number, *base.number) > 0 || (d.next_update && *d.next_update < at)) continue;
    if (!crl_signed_by(d, signer)) continue;
    if (best == nullptr || (d.number && best->number && compare_crl_numbers(*d.number, *best->number) > 0)) best = &d;
  }
  return best;
}

}  // namespace

Result<CrlSet> CrlSet::load(const std::vector<std::string>& paths) {
  CrlSet set;
  set.impl_ = std::make_shared<Impl>();
  for (const auto& path : paths) {
    auto data = read_file(path);
    if (!data) return data.error();
    if (data->empty()) return input_error(path + ": the file is empty");
    auto crl = parse_one(std::move(data.value()));
    if (!crl) return input_error(path + ": " + crl.error().message);
    set.impl_->crls.push_back(std::move(crl.value()));
  }
  return set;
}

Result<CrlSet> CrlSet::parse(const std::vector<std::string>& crls) {
  CrlSet set;
  set.impl_ = std::make_shared<Impl>();
  for (std::size_t i = 0; i < crls.size(); ++i) {
    auto crl = parse_one(std::vector<unsigned char>(crls[i].begin(), crls[i].end()));
    if (!crl) return input_error("CRL #" + std::to_string(i + 1) + ": " + crl.error().message);
    set.impl_->crls.push_back(std::move(crl.value()));
  }
  return set;
}

bool CrlSet::empty() const { return impl_ == nullptr || impl_->crls.empty(); }

std::optional<UnixTime> CrlSet::next_update() const {
  std::optional<UnixTime> first;
  if (impl_ == nullptr) return first;
  for (const auto& c : impl_->crls) {
    if (c.next_update && (!first || *c.next_update < *first)) first = c.next_update;
  }
  return first;
}

RevocationStatus CrlSet::status(const Certificate& cert, const Certificate& issuer, const CrlContext& ctx,
                                std::string* detail) const {
  if (empty()) return RevocationStatus::NotChecked;
  const CertFacts& c = cert.facts();
  std::uint16_t covered = 0;
  std::string flaw;
  auto say = [&](const std::string& text) {
    if (detail != nullptr) *detail = text;
  };
  for (const ParsedCrl& crl : impl_->crls) {
    if (crl.base_number) continue;  // a delta CRL is only read on top of its base
    std::uint16_t reasons = 0;
    if (!in_scope(crl, c, reasons)) continue;
    const std::uint16_t interim = reasons & (crl.only_reasons != 0 ? crl.only_reasons : kAllReasons);
    if ((interim & ~covered) == 0) continue;
    std::string why;
    const Certificate* signer = crl_signer(crl, issuer, ctx, why);
    if (signer == nullptr) {
      flaw = why;
      continue;
    }
    if (!crl.unknown_critical.empty()) {
      flaw = "the CRL has " + crl.unknown_critical + ", which is not understood, so it cannot be relied on";
      continue;
    }
    if (!crl.nonconformity.empty()) {
      flaw = "the CRL has " + crl.nonconformity;
      continue;
    }
    if (crl.next_update && *crl.next_update < ctx.at) {
      flaw = "the CRL's nextUpdate (" + format_time(*crl.next_update) + ") has passed";
      continue;
    }
    if (!crl.number) {
      flaw = "the CRL has no CRL Number extension, which RFC 5280 §5.2.3 requires";
      continue;
    }
    const ParsedCrl* delta = delta_for(impl_->crls, crl, *signer, ctx.at);
    const CrlEntry* in_delta = delta != nullptr ? find_entry(*delta, c) : nullptr;
    const CrlEntry* in_base = find_entry(crl, c);
    const CrlEntry* entry = in_delta != nullptr ? in_delta : in_base;
    if (entry != nullptr && entry->reason != kReasonRemoveFromCrl && entry->revoked_at <= ctx.at) {
      say("revoked on " + format_time(entry->revoked_at) +
          (entry->reason >= 0 ? " (" + crl_reason_name(entry->reason) + ")" : "") +
          (in_delta != nullptr ? " (delta CRL)" : ""));
      return RevocationStatus::Revoked;
    }
    covered |= interim;
    if ((covered & kAllReasons) == kAllReasons) return RevocationStatus::Good;
  }
  if (!flaw.empty()) {
    say(flaw);
    return RevocationStatus::CrlUnusable;
  }
  std::string where = c.crl_urls.empty() ? "it names no CRL Distribution Point" : "its CDP is " + c.crl_urls.front();
  say((covered != 0 ? "the CRLs given cover only some revocation reasons; " : "no CRL given covers it; ") + where);
  return RevocationStatus::Unknown;
}

}  // namespace sipmtls::cert
