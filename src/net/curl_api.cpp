// SPDX-License-Identifier: MIT
#include "net/curl_api.hpp"

#include <dlfcn.h>

#include <mutex>

namespace sipmtls::net {
namespace {

struct Loaded {
  CurlApi api{};
  bool ok = false;
  std::string why;
};

template <class F>
bool bind(void* lib, const char* name, F& out) {
  void* sym = ::dlsym(lib, name);
  out = reinterpret_cast<F>(sym);
  return sym != nullptr;
}

Loaded load() {
  Loaded l;
  void* lib = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (lib == nullptr) {
    const char* e = ::dlerror();
    l.why = "libcurl could not be loaded (" + std::string(e != nullptr ? e : "libcurl.so.4") +
            "); install libcurl4 (scripts/bootstrap does)";
    return l;
  }
  CurlApi& a = l.api;
  const bool all = bind(lib, "curl_global_init", a.global_init) && bind(lib, "curl_easy_init", a.easy_init) &&
                   bind(lib, "curl_easy_setopt", a.easy_setopt) && bind(lib, "curl_easy_perform", a.easy_perform) &&
                   bind(lib, "curl_easy_getinfo", a.easy_getinfo) && bind(lib, "curl_easy_cleanup", a.easy_cleanup) &&
                   bind(lib, "curl_easy_strerror", a.easy_strerror) && bind(lib, "curl_slist_append", a.slist_append) &&
                   bind(lib, "curl_slist_free_all", a.slist_free_all) && bind(lib, "curl_url", a.url) &&
                   bind(lib, "curl_url_cleanup", a.url_cleanup) && bind(lib, "curl_url_set", a.url_set) &&
                   bind(lib, "curl_url_get", a.url_get) && bind(lib, "curl_free", a.free);
  if (!all) {
    l.why = "the libcurl found is too old (it lacks the URL API of libcurl 7.62)";
    return l;
  }
  a.global_init(CURL_GLOBAL_DEFAULT);
  l.ok = true;
  return l;  // the library stays loaded for the life of the process
}

}  // namespace

const CurlApi* curl_api(std::string& why) {
  static const Loaded loaded = load();
  why = loaded.why;
  return loaded.ok ? &loaded.api : nullptr;
}

}  // namespace sipmtls::net
