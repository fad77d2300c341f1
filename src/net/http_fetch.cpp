// SPDX-License-Identifier: MIT
// HTTP with libcurl (see http_fetch.hpp).
#include "net/http_fetch.hpp"

#include "net/curl_api.hpp"

#include <atomic>
#include <cmath>
#include <future>
#include <map>
#include <mutex>

namespace sipmtls::net {
namespace {

constexpr long kMaxRedirects = 5;

struct Sink {
  HttpResponse* out;
  std::size_t max_bytes;
  bool too_large = false;
};

std::size_t on_data(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->out->body.size() + n > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // ends the transfer with CURLE_WRITE_ERROR
  }
  sink->out->body.insert(sink->out->body.end(), data, data + n);
  return n;
}

std::string host_of(const CurlApi& api, CURL* curl, const std::string& url) {
  CURLU* u = api.url();
  std::string host = url;
  char* h = nullptr;
  const char* effective = nullptr;
  api.easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
  if (api.url_set(u, CURLUPART_URL, effective != nullptr ? effective : url.c_str(), 0) == CURLUE_OK &&
      api.url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK) {
    host = h;
    api.free(h);
  }
  api.url_cleanup(u);
  return host;
}

std::string seconds(double s) {
  const double r = std::round(s * 10) / 10;
  std::string t = std::to_string(r);
  t.erase(t.find_last_not_of('0') + 1);
  if (!t.empty() && t.back() == '.') t.pop_back();
  return t + " s";
}

// CURLcode in words a network admin acts on.
std::string words(const CurlApi& api, CURLcode rc, CURL* curl, const HttpRequest& r, const Sink& sink) {
  const std::string host = host_of(api, curl, r.url);
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST: return "the name " + host + " could not be resolved";
    case CURLE_COULDNT_RESOLVE_PROXY: return "the proxy's name could not be resolved";
    case CURLE_COULDNT_CONNECT: return "no connection to " + host + " (refused or unreachable)";
    case CURLE_OPERATION_TIMEDOUT: return "no complete answer from " + host + " within " + seconds(r.timeout_s);
    case CURLE_TOO_MANY_REDIRECTS: return "more than " + std::to_string(kMaxRedirects) + " redirects (a redirect loop?)";
    case CURLE_FILESIZE_EXCEEDED: return "the answer is larger than " + std::to_string(r.max_bytes >> 20) + " MiB";
    case CURLE_WRITE_ERROR:
      if (sink.too_large) return "the answer is larger than " + std::to_string(r.max_bytes >> 20) + " MiB";
      break;
    case CURLE_UNSUPPORTED_PROTOCOL: return "the URL's scheme is not http or https";
    case CURLE_URL_MALFORMAT: return "the URL is malformed";
    case CURLE_GOT_NOTHING: return host + " closed the connection without an answer";
    case CURLE_WEIRD_SERVER_REPLY: return host + " did not answer in HTTP";
    case CURLE_PEER_FAILED_VERIFICATION: return "the HTTPS certificate of " + host + " did not verify";
    default: break;
  }
  return std::string(api.easy_strerror(rc)) + " (" + host + ")";
}

std::atomic<std::size_t> g_made{0};

}  // namespace

HttpResponse http_fetch(const HttpRequest& r) {
  HttpResponse out;
  std::string why;
  const CurlApi* loaded = curl_api(why);
  if (loaded == nullptr) {
    out.error = why;
    return out;
  }
  const CurlApi& api = *loaded;
  CURL* curl = api.easy_init();
  if (curl == nullptr) {
    out.error = "the HTTP client could not start";
    return out;
  }
  Sink sink{&out, r.max_bytes};
  const long timeout_ms = static_cast<long>(std::max(1.0, r.timeout_s * 1000));
  api.easy_setopt(curl, CURLOPT_URL, r.url.c_str());
  api.easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  api.easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  api.easy_setopt(curl, CURLOPT_MAXREDIRS, kMaxRedirects);
  api.easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  api.easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  api.easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(r.max_bytes));
  api.easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  api.easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  api.easy_setopt(curl, CURLOPT_USERAGENT, "sipmtls (revocation check)");
  curl_slist* headers = nullptr;
  if (!r.body.empty()) {
    api.easy_setopt(curl, CURLOPT_POST, 1L);
    api.easy_setopt(curl, CURLOPT_POSTFIELDS, r.body.data());
    api.easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(r.body.size()));
    headers = api.slist_append(headers, ("Content-Type: " + r.content_type).c_str());
    api.easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  }
  const CURLcode rc = api.easy_perform(curl);
  api.easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  const char* type = nullptr;
  if (api.easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) out.content_type = type;
  if (rc != CURLE_OK) {
    out.error = words(api, rc, curl, r, sink);
    out.body.clear();
  } else if (out.status < 200 || out.status > 299) {
    out.error = "HTTP status " + std::to_string(out.status) + " from " + host_of(api, curl, r.url);
    out.body.clear();
  } else {
    out.ok = true;
  }
  api.slist_free_all(headers);
  api.easy_cleanup(curl);
  return out;
}

std::shared_ptr<const HttpResponse> http_fetch_once(const HttpRequest& r) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_future<std::shared_ptr<const HttpResponse>>> answers;
  const std::string key = r.url + '\n' + std::string(r.body.begin(), r.body.end());
  std::promise<std::shared_ptr<const HttpResponse>> promise;
  std::shared_future<std::shared_ptr<const HttpResponse>> answer;
  bool mine = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = answers.find(key);
    if (it == answers.end()) {
      answer = promise.get_future().share();
      answers.emplace(key, answer);
      mine = true;
    } else {
      answer = it->second;
    }
  }
  if (mine) {
    ++g_made;
    promise.set_value(std::make_shared<const HttpResponse>(http_fetch(r)));
  }
  return answer.get();
}

std::size_t http_fetches_made() { return g_made.load(); }

}  // namespace sipmtls::net
