// SPDX-License-Identifier: MIT
// certreq -new INF files read into request facts: [NewRequest], [EnhancedKeyUsageExtension],
// [Extensions] (2.5.29.17 "{text}" with _continue_ lines), [RequestAttributes] and [Strings]
// (https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/certreq_1).
#include <cstdlib>
#include <map>

#include "sipmtls/ascii.hpp"
#include "sipmtls/cert/request.hpp"

namespace sipmtls::cert {
namespace {

using Section = std::vector<std::pair<std::string, std::string>>;  // key (lower case), value

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t\r") - b + 1));
}

// A value without its comment and quotes ("" inside quotes is one quote).
std::string value_of(std::string_view raw) {
  std::string out;
  bool quoted = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '"') {
      if (quoted && i + 1 < raw.size() && raw[i + 1] == '"') {
        out += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == ';' && !quoted) {
      break;
    } else {
      out += c;
    }
  }
  return trim(out);
}

// %name% replaced from [Strings], case-insensitively.
std::string substitute(const std::string& s, const std::map<std::string, std::string>& strings) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto end = s[i] == '%' ? s.find('%', i + 1) : std::string::npos;
    const auto it = end == std::string::npos ? strings.end() : strings.find(ascii_lower(s.substr(i + 1, end - i - 1)));
    if (it == strings.end()) {
      out += s[i];
      continue;
    }
    out += it->second;
    i = end;
  }
  return out;
}

std::map<std::string, Section> read_sections(std::string_view text) {
  std::map<std::string, Section> sections;
  std::map<std::string, std::string> strings;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> lines;  // section, key, value
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto nl = text.find('\n', pos);
    const std::string line = trim(text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (line.empty() || line[0] == ';') continue;
    if (line.front() == '[' && line.find(']') != std::string::npos) {
      current = ascii_lower(trim(line.substr(1, line.find(']') - 1)));
      sections[current];
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = value_of(line.substr(0, eq));
    std::string value = value_of(line.substr(eq + 1));
    if (current == "strings") strings[ascii_lower(key)] = value;
    lines.push_back({current, {std::move(key), std::move(value)}});
  }
  for (auto& [section, kv] : lines) {
    sections[section].emplace_back(ascii_lower(substitute(kv.first, strings)), substitute(kv.second, strings));
  }
  return sections;
}

std::string get(const Section& s, std::string_view key) {
  for (const auto& [k, v] : s) {
    if (k == key) return v;
  }
  return {};
}

int truth(const std::string& v) {
  const std::string l = ascii_lower(v);
  if (l == "true" || l == "1") return 1;
  if (l == "false" || l == "0") return 0;
  return -1;
}

unsigned key_usage_bits(const std::string& v) {
  if (v.rfind("0x", 0) == 0 || v.rfind("0X", 0) == 0) return static_cast<unsigned>(std::strtoul(v.c_str(), nullptr, 16));
  static const std::pair<std::string_view, unsigned> kNames[] = {
      {"cert_digital_signature_key_usage", kDigitalSignature}, {"cert_non_repudiation_key_usage", kNonRepudiation},
      {"cert_key_encipherment_key_usage", kKeyEncipherment},   {"cert_data_encipherment_key_usage", kDataEncipherment},
      {"cert_key_agreement_key_usage", kKeyAgreement},         {"cert_key_cert_sign_key_usage", kKeyCertSign},
      {"cert_crl_sign_key_usage", kCrlSign}};
  unsigned bits = 0;
  const std::string l = ascii_lower(v);
  for (const auto& [name, bit] : kNames) {
    if (l.find(name) != std::string::npos) bits |= bit;
  }
  return bits;
}


// The subject's most specific CN: "CN=pool.contoso.com, O=Contoso".
std::string subject_cn(const std::string& subject) {
  std::string cn;
  std::size_t pos = 0;
  while (pos < subject.size()) {
    auto comma = subject.find_first_of(",;", pos);
    const std::string part = trim(subject.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
    pos = comma == std::string::npos ? subject.size() : comma + 1;
    if (part.size() > 3 && ascii_lower(part.substr(0, 3)) == "cn=") cn = trim(part.substr(3));
  }
  return cn;
}

void read_key(const Section& req, CertFacts& f) {
  const std::string algorithm = ascii_lower(get(req, "keyalgorithm"));
  const std::string length = get(req, "keylength");
  if (algorithm.rfind("ecdsa_p", 0) == 0 || algorithm.rfind("ecdh_p", 0) == 0) {
    f.key_type = KeyType::Ec;
    f.key_bits = std::atoi(algorithm.c_str() + algorithm.find('p') + 1);
    f.key_curve = f.key_bits == 256 ? "secp256r1" : f.key_bits == 384 ? "secp384r1" : "secp521r1";
  } else if (algorithm.empty() || algorithm == "rsa") {
    f.key_type = KeyType::Rsa;
    f.key_bits = length.empty() ? 2048 : std::atoi(length.c_str());  // certreq's default: 2048
  }
}

}  // namespace

Result<CertRequest> parse_request_inf(std::string_view text) {
  const auto sections = read_sections(text);
  const auto request = sections.find("newrequest");
  if (request == sections.end()) return input_error("an INF file without a [NewRequest] section");
  CertRequest r;
  r.format = "certreq INF";
  CertFacts& f = r.facts;
  const Section& req = request->second;
  f.subject = get(req, "subject");
  f.subject_cn = subject_cn(f.subject);
  f.subject_empty = f.subject.empty();
  read_key(req, f);
  if (const std::string ku = get(req, "keyusage"); !ku.empty()) {
    f.has_key_usage = true;
    f.key_usage = key_usage_bits(ku);
  }
  r.exportable = truth(get(req, "exportable"));
  r.machine_key_set = truth(get(req, "machinekeyset")) == 1;
  if (auto eku = sections.find("enhancedkeyusageextension"); eku != sections.end()) {
    for (const auto& [k, v] : eku->second) {
      if (k == "oid") f.eku.push_back(v);
    }
    f.has_eku = !f.eku.empty();
  }
  if (auto ext = sections.find("extensions"); ext != sections.end()) {
    std::string last, san;
    for (const auto& [k, v] : ext->second) {
      if (k == "_continue_" && last == std::string(kOidSubjectAltName)) san += v;
      if (k == "_continue_") continue;
      last = k;
      if (k == kOidSubjectAltName) san += v;
      if (k == kOidExtendedKeyUsage && v.rfind("{text}", 0) == 0) {
        f.has_eku = true;
        std::string list = v.substr(6);
        for (std::size_t p = 0; p <= list.size();) {
          const auto c = list.find(',', p);
          if (std::string oid = trim(list.substr(p, c == std::string::npos ? std::string::npos : c - p)); !oid.empty()) {
            f.eku.push_back(oid);
          }
          p = c == std::string::npos ? list.size() + 1 : c + 1;
        }
      }
    }
    if (!san.empty()) add_san_text(san.rfind("{text}", 0) == 0 ? san.substr(6) : san, f);
  }
  if (auto attrs = sections.find("requestattributes"); attrs != sections.end()) {
    r.template_name = get(attrs->second, "certificatetemplate");
    if (std::string san = get(attrs->second, "san"); !san.empty()) r.san_attribute.push_back(san);
  }
  return r;
}

void add_san_text(std::string_view text, CertFacts& f) {
  f.has_san = true;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto amp = text.find('&', pos);
    const std::string entry = trim(text.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos));
    pos = amp == std::string_view::npos ? text.size() + 1 : amp + 1;
    const auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    const std::string kind = ascii_lower(trim(entry.substr(0, eq)));
    const std::string value = trim(entry.substr(eq + 1));
    if (kind == "dns") f.san_dns.push_back(value);
    else if (kind == "url") f.san_uri.push_back(value);
    else if (kind == "ipaddress") f.san_ip.push_back(value);
    else if (kind == "email") f.san_other.push_back("email:" + value);
    else f.san_other.push_back(kind + ":" + value);
  }
}

}  // namespace sipmtls::cert
