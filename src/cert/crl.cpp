// SPDX-License-Identifier: MIT
// CRLs given with --crl: parsed once, consulted per certificate and issuer.
#include <mbedtls/oid.h>
#include <mbedtls/x509_crl.h>

#include <cstring>

#include "native.hpp"
#include "sipmtls/cert/chain.hpp"
#include "signature.hpp"

namespace sipmtls::cert {

struct CrlSet::Impl {
  Impl() { mbedtls_x509_crl_init(&crls); }
  ~Impl() { mbedtls_x509_crl_free(&crls); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  mbedtls_x509_crl crls;  // a chain of all CRLs loaded
  bool any = false;
};

namespace {

constexpr std::string_view kOidCrlNumber = "2.5.29.20";

// Adds one CRL (PEM or DER) to the chain of parsed CRLs; 0 or an mbedTLS error.
int add_crl(mbedtls_x509_crl& crls, std::vector<unsigned char> data) {
  const bool pem = std::string_view(reinterpret_cast<const char*>(data.data()), data.size()).find("-----BEGIN") !=
                   std::string_view::npos;
  if (pem) data.push_back('\0');
  return mbedtls_x509_crl_parse(&crls, data.data(), data.size());
}

// Why a CRL that names and is signed by the issuer still cannot be relied on; "" when it can.
std::string crl_flaw(const mbedtls_x509_crl& crl, const mbedtls_x509_crt& issuer, UnixTime at) {
  const auto& n = crl.next_update;
  if (n.year != 0 && unix_time(n.year, n.mon, n.day, n.hour, n.min, n.sec) < at) {
    return "the CRL's nextUpdate has passed";
  }
  if (mbedtls_x509_crt_has_ext_type(&issuer, MBEDTLS_X509_EXT_KEY_USAGE) &&
      (issuer.MBEDTLS_PRIVATE(key_usage) & MBEDTLS_X509_KU_CRL_SIGN) == 0) {
    return "the CRL issuer's key usage lacks cRLSign (RFC 5280 §4.2.1.3), so it may not sign CRLs";
  }
  bool numbered = false;
  for_each_extension(crl.crl_ext, [&](const ExtensionFacts& e, std::span<const unsigned char>) {
    numbered = numbered || e.oid == kOidCrlNumber;
  });
  if (!numbered) return "the CRL has no CRL Number extension, which RFC 5280 §5.2.3 requires";
  return {};
}

}  // namespace

Result<CrlSet> CrlSet::load(const std::vector<std::string>& paths) {
  CrlSet set;
  set.impl_ = std::make_shared<Impl>();
  for (const auto& path : paths) {
    auto data = read_file(path);
    if (!data) return data.error();
    if (data->empty()) return input_error(path + ": the file is empty");
    const int rc = add_crl(set.impl_->crls, std::move(data.value()));
    if (rc != 0) return input_error(path + ": not a CRL mbedTLS can read: " + mbedtls_error_text(rc));
    set.impl_->any = true;
  }
  return set;
}

Result<CrlSet> CrlSet::parse(const std::vector<std::string>& crls) {
  CrlSet set;
  set.impl_ = std::make_shared<Impl>();
  for (std::size_t i = 0; i < crls.size(); ++i) {
    const int rc = add_crl(set.impl_->crls, std::vector<unsigned char>(crls[i].begin(), crls[i].end()));
    if (rc != 0) return input_error("CRL #" + std::to_string(i + 1) + ": " + mbedtls_error_text(rc));
    set.impl_->any = true;
  }
  return set;
}

bool CrlSet::empty() const { return impl_ == nullptr || !impl_->any; }

RevocationStatus CrlSet::status(const Certificate& cert, const Certificate& issuer, UnixTime at,
                                std::string* detail) const {
  if (empty()) return RevocationStatus::NotChecked;
  const mbedtls_x509_crt& crt = *cert.native();
  RevocationStatus result = RevocationStatus::NotChecked;
  for (const mbedtls_x509_crl* crl = &impl_->crls; crl != nullptr && crl->version != 0; crl = crl->next) {
    if (canonical_name({crl->issuer_raw.p, crl->issuer_raw.len}) != cert.facts().issuer_canonical ||
        !crl_signed_by(*crl, *issuer.native())) {
      continue;
    }
    for (const mbedtls_x509_crl_entry* e = &crl->entry; e != nullptr && e->raw.p != nullptr; e = e->next) {
      if (e->serial.len == crt.serial.len && std::memcmp(e->serial.p, crt.serial.p, crt.serial.len) == 0) {
        const auto& d = e->revocation_date;
        const UnixTime when = unix_time(d.year, d.mon, d.day, d.hour, d.min, d.sec);
        if (when <= at) {
          if (detail != nullptr) *detail = "revoked on " + format_time(when);
          return RevocationStatus::Revoked;
        }
      }
    }
    const std::string flaw = crl_flaw(*crl, *issuer.native(), at);
    if (!flaw.empty()) {
      if (detail != nullptr) *detail = flaw;
      if (result == RevocationStatus::NotChecked) result = RevocationStatus::CrlUnusable;
    } else {
      result = RevocationStatus::Good;
    }
  }
  return result;
}

}  // namespace sipmtls::cert
