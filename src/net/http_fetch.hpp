// SPDX-License-Identifier: MIT
// HTTP GET and POST with libcurl, as Windows fetches CRLs and OCSP answers: proxies from the
// environment (http_proxy, no_proxy), redirects, every fetch bounded in time and size.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace sipmtls::net {

struct HttpRequest {
  std::string url;
  std::string content_type;        ///< of the body, for a POST
  std::vector<unsigned char> body; ///< empty: GET
  double timeout_s = 10;           ///< for the whole exchange, redirects included
  std::size_t max_bytes = 16u << 20;
};

struct HttpResponse {
  bool ok = false;  ///< a 2xx answer arrived whole
  long status = 0;  ///< the last HTTP status, 0 when none arrived
  std::string content_type;
  std::vector<unsigned char> body;
  /// What went wrong, in words naming the host: "the name pki.contoso.test could not be resolved",
  /// "HTTP status 404", "no complete answer within 10 s", "more than 5 redirects (a loop?)".
  std::string error;
};

/// One exchange. Only http and https URLs are fetched; at most 5 redirects are followed.
HttpResponse http_fetch(const HttpRequest& request);

/// The same, done once per process for each URL and body: later and concurrent callers share the
/// first answer (suites and listeners meet the same CAs again and again).
std::shared_ptr<const HttpResponse> http_fetch_once(const HttpRequest& request);

/// How many exchanges http_fetch_once really made (for progress and the benchmark).
std::size_t http_fetches_made();

}  // namespace sipmtls::net
