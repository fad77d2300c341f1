// SPDX-License-Identifier: MIT
// Name constraints (RFC 5280 §4.2.1.10, §6.1.3 (b)-(c)): the names of a certificate against the
// permitted and excluded subtrees of a CA above it. Pure, on facts: the chain builder uses it to
// prefer a path that satisfies them, the rules to report the paths that do not.
#include <cctype>

#include "sipmtls/cert/name_constraints.hpp"

namespace sipmtls::cert {
namespace {

using cert::GeneralSubtree;

// Bounds the work a hostile chain can cause (names x subtrees per certificate), as Go's verifier does.
constexpr std::size_t kMaxComparisons = 250000;
using cert::NameForm;

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

// dNSName: the constraint and any number of labels added on the left; "" matches everything.
// A leading dot (a common, non-RFC spelling) means subdomains only.
bool dns_within(std::string_view name, std::string_view base) {
  if (base.empty()) return true;
  if (name.starts_with("*.")) name.remove_prefix(2);  // a wildcard stands for names below it
  if (base.front() == '.') return name.size() > base.size() && iequal(name.substr(name.size() - base.size()), base);
  if (iequal(name, base)) return true;
  return name.size() > base.size() && name[name.size() - base.size() - 1] == '.' &&
         iequal(name.substr(name.size() - base.size()), base);
}

// rfc822Name: a mailbox, every mailbox of a host, or (leading dot) of the host's subdomains.
bool email_within(std::string_view mailbox, std::string_view base) {
  const std::size_t at = mailbox.find('@');
  if (at == std::string_view::npos || mailbox.find('@', at + 1) != std::string_view::npos) return false;  // no mailbox
  if (base.find('@') != std::string_view::npos) {
    return mailbox.substr(0, at) == base.substr(0, base.rfind('@')) &&
           iequal(mailbox.substr(at + 1), base.substr(base.rfind('@') + 1));
  }
  const std::string_view host = mailbox.substr(at + 1);
  if (base.starts_with('.')) return host.size() > base.size() && iequal(host.substr(host.size() - base.size()), base);
  return iequal(host, base);
}

// The host of a URI ("sip:sip.contoso.com:5061;transport=tls" -> "sip.contoso.com").
std::string_view uri_host(std::string_view uri) {
  std::size_t start = uri.find("://");
  start = start == std::string_view::npos ? uri.find(':') + 1 : start + 3;
  if (start == 0 || start > uri.size()) return {};
  std::string_view rest = uri.substr(start);
  rest = rest.substr(0, rest.find_first_of("/?#;"));
  if (const auto at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (rest.starts_with('[')) return rest.substr(1, rest.find(']') - 1);
  return rest.substr(0, rest.find(':'));
}

bool uri_within(std::string_view uri, std::string_view base) {
  const std::string_view host = uri_host(uri);
  if (host.empty()) return false;
  if (base.starts_with('.')) return host.size() > base.size() && iequal(host.substr(host.size() - base.size()), base);
  return iequal(host, base);
}

bool ip_within(std::string_view address, std::string_view base) {
  if (base.size() != 2 * address.size()) return false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const auto mask = static_cast<unsigned char>(base[address.size() + i]);
    if ((static_cast<unsigned char>(address[i]) & mask) != (static_cast<unsigned char>(base[i]) & mask)) return false;
  }
  return true;
}

bool dn_within(const std::vector<std::string>& rdns, const std::vector<std::string>& base) {
  if (base.size() > rdns.size()) return false;
  for (std::size_t i = 0; i < base.size(); ++i) {
    if (rdns[i] != base[i]) return false;
  }
  return true;
}

// One name of a certificate, of one form.
struct Name {
  NameForm form;
  std::string value;
  std::vector<std::string> rdns;
  std::string shown;
};

bool within(const Name& n, const GeneralSubtree& s) {
  switch (n.form) {
    case NameForm::Dns: return dns_within(n.value, s.value);
    case NameForm::Email: return email_within(n.value, s.value);
    case NameForm::Uri: return uri_within(n.value, s.value);
    case NameForm::Ip: return ip_within(n.value, s.value);
    case NameForm::DirectoryName: return dn_within(n.rdns, s.rdns);
    case NameForm::Other: return false;
  }
  return false;
}

std::vector<Name> names_of(const cert::CertFacts& c) {
  std::vector<Name> out;
  if (!c.subject_empty) out.push_back({NameForm::DirectoryName, {}, c.subject_rdns, "subject " + c.subject});
  for (const auto& d : c.san_dns) out.push_back({NameForm::Dns, d, {}, "DNS:" + d});
  for (const auto& e : c.san_email) out.push_back({NameForm::Email, e, {}, "email:" + e});
  for (const auto& e : c.subject_emails) out.push_back({NameForm::Email, e, {}, "emailAddress " + e});
  for (const auto& u : c.san_uri) out.push_back({NameForm::Uri, u, {}, "URI:" + u});
  for (std::size_t i = 0; i < c.san_ip_raw.size(); ++i) {
    out.push_back({NameForm::Ip, c.san_ip_raw[i], {}, "IP:" + (i < c.san_ip.size() ? c.san_ip[i] : std::string())});
  }
  for (const auto& d : c.san_dirnames) out.push_back({NameForm::DirectoryName, {}, d, "dirName in the SAN"});
  if (c.san_other_name) out.push_back({NameForm::Other, {}, {}, "an otherName in the SAN"});
  return out;
}

// Why the name breaks the CA's constraints, or "".
std::string violation(const Name& n, const cert::NameConstraints& nc) {
  if (n.form == NameForm::Other) {
    // RFC 5280 §4.2.1.10: a constraint on a name form that cannot be processed rejects the name.
    for (const auto* list : {&nc.permitted, &nc.excluded}) {
      for (const auto& s : *list) {
        if (s.form == NameForm::Other) return n.shown + " is constrained by a name form that cannot be checked";
      }
    }
    return {};
  }
  for (const auto& s : nc.excluded) {
    if (s.form != n.form) continue;
    if (within(n, s)) return n.shown + " lies in an excluded subtree";
    // A wildcard stands for every name it matches, the excluded ones too (CVE-2025-61727).
    if (n.form == NameForm::Dns && n.value.starts_with("*.") && dns_within(s.value, n.value.substr(2))) {
      return n.shown + " covers the excluded " + s.value;
    }
  }
  bool constrained = false;
  for (const auto& s : nc.permitted) {
    if (s.form != n.form) continue;
    constrained = true;
    if (within(n, s)) return {};
  }
  return constrained ? n.shown + " lies outside every permitted subtree of its form" : std::string();
}

}  // namespace

std::vector<std::string> name_constraint_violations(const CertFacts& ca, const CertFacts& below) {
  const NameConstraints& nc = ca.name_constraints;
  if (!nc.present) return {};
  if (nc.malformed) return {"the name constraints of " + ca.subject + " are malformed"};
  const std::vector<Name> names = names_of(below);
  const std::size_t subtrees = nc.permitted.size() + nc.excluded.size();
  if (names.size() * subtrees > kMaxComparisons) {
    return {std::to_string(names.size()) + " names against " + std::to_string(subtrees) + " name constraints of " +
            ca.subject + " are too many to check; rejected as verifiers do"};
  }
  std::vector<std::string> out;
  for (const auto& name : names) {
    const std::string why = violation(name, nc);
    if (!why.empty()) out.push_back(why + " of " + ca.subject);
  }
  return out;
}

}  // namespace sipmtls::cert
