// SPDX-License-Identifier: MIT
// request: a key, a PKCS#10 request, a certreq INF, an OpenSSL config and a README for the CA
// admin, all asking for the certificate the profile's rules accept (docs/REQUEST.md).
#pragma once

#include <string>
#include <vector>

#include "sipmtls/cert/request_write.hpp"
#include "sipmtls/report/model.hpp"
#include "sipmtls/result.hpp"
#include "sipmtls/rules/profile.hpp"

namespace sipmtls::app {

struct RequestOptions {
  std::vector<std::string> fqdns;        ///< the server's FQDNs (pool members)
  std::string pool;                      ///< the pool FQDN: subject CN and first SAN
  std::vector<std::string> sip_domains;  ///< sip.<domain> SAN entries (LCS 2005, OCS), sip: URIs (RFC 5922)
  rules::Profile profile = rules::kDefaultProfile;
  cert::KeySpec key = cert::KeySpec::Rsa2048;
  std::string out_dir = ".";
  std::string password_env;   ///< variable holding the key's password; empty: unencrypted, mode 0600
  bool exportable = false;    ///< INF Exportable
  std::string template_name;  ///< INF CertificateTemplate (Enterprise CA)
  bool force = false;         ///< overwrite files of an earlier run
};

/// What goes into the request: the names in order and where they go.
struct RequestPlan {
  std::string subject_cn;
  std::vector<std::string> san_dns;
  std::vector<std::string> san_uris;
  std::vector<std::string> judged_names;  ///< what the profile's name rules are given (--fqdn of inspect)
  std::string base;                       ///< file name stem: the subject CN ("*" as "wildcard")
};

/// The plan, or an input error naming the rule a request would break (a wildcard under ocs, a
/// pool under lcs2003, an ECDSA key for Windows Server 2003).
Result<RequestPlan> plan_request(const RequestOptions& options);

/// Writes the files (all or none) and judges the request read back from disk.
Result<report::CheckResult> run_request(const RequestOptions& options);

}  // namespace sipmtls::app
