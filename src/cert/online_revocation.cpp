// SPDX-License-Identifier: MIT
// Online revocation in Windows' order (see online_revocation.hpp and docs/REVOCATION.md).
#include "sipmtls/cert/online_revocation.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>

#include "native.hpp"
#include "net/http_fetch.hpp"
#include "ocsp.hpp"
#include "sipmtls/file.hpp"
#include "sipmtls/join.hpp"

namespace sipmtls::cert {
namespace {

// CryptoAPI switches an issuer to CRLs once this many OCSP answers for it are cached (ee619754).
constexpr int kOcspMagicNumber = 50;

bool has_scheme(const std::string& url, std::string_view scheme) {
  if (url.size() < scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
  }
  return true;
}
bool fetchable(const std::string& url) { return has_scheme(url, "http://") || has_scheme(url, "https://"); }

// A CRL fetched (or read from --crl-cache) this run, or why there is none.
struct FetchedCrl {
  std::shared_ptr<const CrlSet> set;
  std::string error;
};

struct RunState {
  std::mutex mutex;
  std::map<std::string, FetchedCrl> crls;       // by URL
  std::map<std::string, int> ocsp_answers;      // by issuer SHA-256
};

RunState& state() {
  static RunState s;
  return s;
}

std::string cache_file(const std::string& dir, const std::string& url) {
  return (std::filesystem::path(dir) / (sha256_hex({reinterpret_cast<const unsigned char*>(url.data()), url.size()}).substr(0, 32) + ".crl")).string();
}

// A current CRL for url from the run's memory or the cache directory, without fetching.
std::shared_ptr<const CrlSet> at_hand(const std::string& url, const std::string& dir, UnixTime now) {
  {
    std::lock_guard<std::mutex> lock(state().mutex);
    auto it = state().crls.find(url);
    if (it != state().crls.end()) return it->second.set;
  }
  if (dir.empty()) return nullptr;
  auto data = read_file(cache_file(dir, url));
  if (!data || data->empty()) return nullptr;
  auto set = CrlSet::parse({std::string(data->begin(), data->end())});
  if (!set) return nullptr;
  const auto next = set->next_update();
  if (next && *next < now) return nullptr;  // kept only until its nextUpdate
  auto shared = std::make_shared<const CrlSet>(std::move(set.value()));
  std::lock_guard<std::mutex> lock(state().mutex);
  state().crls.emplace(url, FetchedCrl{shared, {}});
  return shared;
}

void keep(const std::string& dir, const std::string& url, const std::vector<unsigned char>& body) {
  if (dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string path = cache_file(dir, url);
  const std::string tmp = path + ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(reinterpret_cast<const char*>(body.data()), static_cast<std::streamsize>(body.size()));
    if (!out) return;
  }
  std::filesystem::rename(tmp, path, ec);
}

std::string what_came(const net::HttpResponse& r) {
  std::string type = r.content_type.empty() ? "no content type" : r.content_type;
  return std::to_string(r.body.size()) + " bytes of " + type;
}

FetchedCrl fetch_crl(const std::string& url, const OnlineRevocationOptions& o, UnixTime now) {
  if (auto set = at_hand(url, o.cache_dir, now)) return {set, {}};
  {
    std::lock_guard<std::mutex> lock(state().mutex);
    auto it = state().crls.find(url);
    if (it != state().crls.end()) return it->second;
  }
  const auto r = net::http_fetch_once({url, {}, {}, o.timeout_s, o.max_bytes});
  FetchedCrl out;
  if (!r->ok) {
    out.error = r->error;
  } else if (auto set = CrlSet::parse({std::string(r->body.begin(), r->body.end())}); !set) {
    out.error = "the answer is not a CRL (" + what_came(*r) + ")";
  } else {
    out.set = std::make_shared<const CrlSet>(std::move(set.value()));
    keep(o.cache_dir, url, r->body);
  }
  std::lock_guard<std::mutex> lock(state().mutex);
  return state().crls.emplace(url, out).first->second;
}

RevocationAnswer ask_crl(const std::string& url, const Certificate& cert, const Certificate& issuer,
                         const OnlineRevocationOptions& o, UnixTime now) {
  const FetchedCrl crl = fetch_crl(url, o, now);
  const std::string source = "CRL " + url;
  if (!crl.set) return {RevocationStatus::Offline, source + ": " + crl.error, source};
  // No separate CRL signers: CryptoAPI accepts only CRLs signed by the certificate's issuer.
  CrlContext ctx{now, nullptr, {}};
  std::string detail;
  switch (crl.set->status(cert, issuer, ctx, &detail)) {
    case RevocationStatus::Good: return {RevocationStatus::Good, {}, source};
    case RevocationStatus::Revoked: return {RevocationStatus::Revoked, detail + " per " + source, source};
    case RevocationStatus::Unknown:
      return {RevocationStatus::Offline, source + ": the CRL there does not cover this certificate", source};
    default: return {RevocationStatus::Offline, source + ": " + detail, source};
  }
}

RevocationAnswer ask_ocsp(const std::string& url, const Certificate& cert, const Certificate& issuer,
                          const OnlineRevocationOptions& o, UnixTime now) {
  const std::string source = "OCSP " + url;
  const auto r = net::http_fetch_once({url, "application/ocsp-request", ocsp_request(cert, issuer), o.timeout_s, o.max_bytes});
  if (!r->ok) return {RevocationStatus::Offline, source + ": " + r->error, source};
  auto judged = ocsp_judge(r->body, cert, issuer, now);
  if (!judged) return {RevocationStatus::Offline, source + ": " + judged.error().message, source};
  {
    std::lock_guard<std::mutex> lock(state().mutex);
    ++state().ocsp_answers[issuer.facts().sha256];
  }
  switch (judged->status) {
    case OcspStatus::Good: return {RevocationStatus::Good, {}, source};
    case OcspStatus::Revoked: {
      std::string d = "revoked on " + format_time(judged->revoked_at);
      if (judged->reason >= 0) d += " (" + crl_reason_name(judged->reason) + ")";
      return {RevocationStatus::Revoked, d + " per " + source, source};
    }
    case OcspStatus::Unknown: break;
  }
  return {RevocationStatus::Offline, source + ": the responder does not know this certificate (status unknown)", source};
}

}  // namespace

std::optional<RevocationMode> parse_revocation_mode(std::string_view text) {
  if (text == "off") return RevocationMode::Off;
  if (text == "soft") return RevocationMode::Soft;
  if (text == "hard") return RevocationMode::Hard;
  return std::nullopt;
}

RevocationAnswer OnlineRevocation::check(const Certificate& cert, const Certificate& issuer) const {
  const CertFacts& f = cert.facts();
  const UnixTime now = std::time(nullptr);
  std::vector<std::string> ocsp, crl, ldap;
  for (const auto& u : f.ocsp_urls) {
    if (fetchable(u)) ocsp.push_back(u);
  }
  for (const auto& u : f.crl_urls) {
    if (fetchable(u)) crl.push_back(u);
    else if (has_scheme(u, "ldap://")) ldap.push_back(u);
  }
  if (ocsp.empty() && crl.empty()) {
    if (!ldap.empty()) {
      return {RevocationStatus::Offline,
              "its only CDP is " + ldap.front() + ", which is not fetched: an LDAP CDP answers only inside the "
              "issuing CA's forest, so servers outside it (Edge, partners, SBCs) cannot check revocation",
              "CRL " + ldap.front(), true};
    }
    return {RevocationStatus::NoSource, "it names no CRL Distribution Point and no OCSP responder", {}};
  }
  // Windows asks OCSP first, except when a current CRL is already at hand or the issuer has passed
  // the magic number of OCSP answers (docs/REVOCATION.md).
  bool crl_first = false;
  for (const auto& u : crl) crl_first = crl_first || at_hand(u, options_.cache_dir, now) != nullptr;
  {
    std::lock_guard<std::mutex> lock(state().mutex);
    crl_first = crl_first || state().ocsp_answers[issuer.facts().sha256] >= kOcspMagicNumber;
  }
  std::vector<std::pair<bool, std::string>> order;  // (is OCSP, URL)
  auto add = [&](bool is_ocsp, const std::vector<std::string>& urls) {
    for (const auto& u : urls) order.emplace_back(is_ocsp, u);
  };
  add(!crl_first, crl_first ? crl : ocsp);
  add(crl_first, crl_first ? ocsp : crl);
  std::vector<std::string> failures;
  for (const auto& [is_ocsp, url] : order) {
    RevocationAnswer a = is_ocsp ? ask_ocsp(url, cert, issuer, options_, now) : ask_crl(url, cert, issuer, options_, now);
    if (a.status == RevocationStatus::Good || a.status == RevocationStatus::Revoked) return a;
    failures.push_back(a.detail);
  }
  for (const auto& u : ldap) failures.push_back("CRL " + u + ": not fetched (LDAP)");
  return {RevocationStatus::Offline, join(failures, "; "), order.front().first ? "OCSP " + order.front().second : "CRL " + order.front().second};
}

}  // namespace sipmtls::cert
