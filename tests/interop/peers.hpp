// SPDX-License-Identifier: MIT
// Third-party TLS peers for the interop tests: openssl s_server with B's certificate, and
// connect as A (or another manifest case) against a port.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "../support/manifest.hpp"
#include "../support/process.hpp"
#include "sipmtls/app/connect.hpp"
#include "sipmtls/app/listen.hpp"
#include "sipmtls/report/model.hpp"

namespace sipmtls::test {

/// A path in the bundled testcerts.
std::string tc(const std::string& relative);

/// True when the check has a finding with this code that is not info.
bool has(const report::CheckResult& r, FindingCode code);

/// openssl s_server with B's certificate on a free port, plus extra arguments; with `script`, a
/// shell command whose output is s_server's stdin (its interactive commands: "k" KeyUpdate,
/// "R" renegotiate).
struct SServer {
  explicit SServer(const std::vector<std::string>& extra, const std::string& script = "");
  std::uint16_t port;
  std::unique_ptr<Background> process;
};

/// True when a finding with this code says `text` in its message.
bool has_message(const report::CheckResult& r, FindingCode code, const std::string& text);
/// True when any finding says `text` in its message or its fix.
bool mentions(const report::CheckResult& r, const std::string& text);

/// connect with the manifest case `id` (its .pem and .key) to 127.0.0.1:port, trusting the test
/// root, expecting sip-b.contoso.test; `tls` "1.2", "1.3" or "auto".
report::CheckResult connect_as(const std::string& id, std::uint16_t port, const std::string& tls, bool options,
                               double timeout_s = 2);

/// listen options with B's certificate, trusting the test root, expecting sip-a.contoso.test,
/// 3 s steps; the caller sets --count or a duration.
app::ListenOptions listen_as_b();

}  // namespace sipmtls::test
