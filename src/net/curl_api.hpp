// SPDX-License-Identifier: MIT
// libcurl, loaded when the first fetch needs it. Linked at build time, libcurl and the ~30
// libraries behind it (GnuTLS, Kerberos, LDAP, SSH, ...) cost every sipmtls process ~14 ms at
// start on this machine (docs/PERFORMANCE.md), though most runs fetch nothing.
#pragma once

#include <curl/curl.h>

#include <string>

namespace sipmtls::net {

struct CurlApi {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
  CURLU* (*url)();
  void (*url_cleanup)(CURLU*);
  CURLUcode (*url_set)(CURLU*, CURLUPart, const char*, unsigned int);
  CURLUcode (*url_get)(const CURLU*, CURLUPart, char**, unsigned int);
  void (*free)(void*);
};

/// libcurl's functions, loaded and initialised once (thread-safe); nullptr when libcurl.so.4
/// cannot be loaded, with the reason in `why`.
const CurlApi* curl_api(std::string& why);

}  // namespace sipmtls::net
