// SPDX-License-Identifier: MIT
// INF syntax: https://learn.microsoft.com/en-us/windows-server/administration/windows-commands/certreq_1
// (certreq -new); OpenSSL: req(1) and x509v3_config(5).
#include "files.hpp"

namespace sipmtls::app {
namespace {

using cert::KeySpec;

bool is_rsa(KeySpec k) { return !cert::is_ecdsa(k); }
using cert::key_bits;

std::string profile_line(const RequestOptions& o) {
  return std::string(rules::profile_name(o.profile)) + " (" + std::string(rules::policy(o.profile).product) + ")";
}

std::string san_text(const RequestPlan& plan) {
  std::string out;
  for (const auto& d : plan.san_dns) out += "dns=" + d + "&";
  for (const auto& u : plan.san_uris) out += "url=" + u + "&";
  if (!out.empty()) out.pop_back();
  return out;
}

std::string names_line(const RequestPlan& plan) {
  std::string out;
  for (const auto& d : plan.san_dns) out += (out.empty() ? "" : ", ") + d;
  for (const auto& u : plan.san_uris) out += (out.empty() ? "" : ", ") + u;
  return out;
}

}  // namespace

std::string request_inf(const RequestPlan& plan, const RequestOptions& o) {
  const bool rsa = is_rsa(o.key);
  std::string s;
  s += "; " + plan.base + ".inf: a certificate request for Mutual TLS between SIP servers, profile " + profile_line(o) + ".\n";
  s += "; On the server, as administrator:  certreq -new " + plan.base + ".inf " + plan.base + ".req\n";
  s += "; The key is made in the computer's store (Local Computer > Personal) and never leaves it.\n";
  s += "; Windows Server 2003 (LCS 2003/2005): its certreq has no [Extensions] text syntax; move the\n";
  s += "; names to [RequestAttributes] as  SAN = \"" + san_text(plan) + "\"  (honoured only by a CA with\n";
  s += "; EDITF_ATTRIBUTESUBJECTALTNAME2).\n\n";
  s += "[Version]\nSignature = \"$Windows NT$\"\n\n";
  s += "[NewRequest]\n";
  s += "Subject = \"CN=" + plan.subject_cn + "\"\n";
  s += "KeyAlgorithm = " + std::string(rsa ? "RSA" : o.key == KeySpec::P256 ? "ECDSA_P256" : "ECDSA_P384") + "\n";
  s += "KeyLength = " + std::to_string(key_bits(o.key)) + "\n";
  if (rsa) s += "KeySpec = 1 ; AT_KEYEXCHANGE, as Schannel needs\n";
  s += "KeyUsage = " + std::string(rsa ? "0xa0 ; Digital Signature, Key Encipherment" : "0x80 ; Digital Signature") + "\n";
  s += "MachineKeySet = TRUE\n";
  s += "Exportable = " + std::string(o.exportable ? "TRUE ; --exportable: needed to copy the certificate to the other pool members or an Edge pool"
                                                  : "FALSE ; pass --exportable to copy it to other servers") + "\n";
  s += rsa ? "ProviderName = \"Microsoft RSA SChannel Cryptographic Provider\"\nProviderType = 12\n"
           : "ProviderName = \"Microsoft Software Key Storage Provider\"\n";
  s += "RequestType = PKCS10\nHashAlgorithm = SHA256\nSMIME = FALSE\nUseExistingKeySet = FALSE\n\n";
  s += "[EnhancedKeyUsageExtension]\n";
  s += "OID = 1.3.6.1.5.5.7.3.1 ; Server Authentication\n";
  s += "OID = 1.3.6.1.5.5.7.3.2 ; Client Authentication\n\n";
  s += "[Extensions]\n2.5.29.17 = \"{text}\"\n";
  for (const auto& d : plan.san_dns) s += "_continue_ = \"dns=" + d + "&\"\n";
  for (const auto& u : plan.san_uris) s += "_continue_ = \"url=" + u + "&\"\n";
  if (!o.template_name.empty()) {
    s += "\n[RequestAttributes]\nCertificateTemplate = \"" + o.template_name + "\"\n";
  }
  return s;
}

std::string request_openssl_config(const RequestPlan& plan, const RequestOptions& o) {
  const bool rsa = is_rsa(o.key);
  const std::string newkey = rsa ? "rsa:" + std::to_string(key_bits(o.key))
                                 : std::string("ec -pkeyopt ec_paramgen_curve:") + (o.key == KeySpec::P256 ? "P-256" : "P-384");
  std::string s;
  s += "# " + plan.base + ".openssl.cnf: the same request made with OpenSSL, profile " + profile_line(o) + ".\n";
  s += "#   openssl req -new -newkey " + newkey + " -config " + plan.base + ".openssl.cnf \\\n";
  s += "#       -keyout " + plan.base + ".key -out " + plan.base + ".csr\n";
  s += "# (it asks for a password for the key; -noenc leaves the key unencrypted)\n\n";
  s += "[ req ]\nprompt = no\ndefault_md = sha256\ndistinguished_name = dn\nreq_extensions = mtls\n";
  if (rsa) s += "default_bits = " + std::to_string(key_bits(o.key)) + "\n";
  s += "\n[ dn ]\nCN = " + plan.subject_cn + "\n\n";
  s += "[ mtls ]\n";
  s += std::string("keyUsage = ") + (rsa ? "digitalSignature, keyEncipherment" : "digitalSignature") + "\n";
  s += "extendedKeyUsage = serverAuth, clientAuth\n";
  s += "subjectAltName = @names\n\n[ names ]\n";
  for (std::size_t i = 0; i < plan.san_dns.size(); ++i) s += "DNS." + std::to_string(i + 1) + " = " + plan.san_dns[i] + "\n";
  for (std::size_t i = 0; i < plan.san_uris.size(); ++i) s += "URI." + std::to_string(i + 1) + " = " + plan.san_uris[i] + "\n";
  return s;
}

std::string request_readme(const RequestPlan& plan, const RequestOptions& o) {
  const std::string b = plan.base;
  std::string names_args;
  if (!o.pool.empty()) names_args += " --pool " + o.pool;
  for (const auto& f : o.fqdns) names_args += " --fqdn " + f;
  std::string s;
  s += "Certificate request for " + plan.subject_cn + ", profile " + profile_line(o) + "\n";
  s += std::string(72, '=') + "\n\n";
  s += "Files\n";
  s += "  " + b + ".key          the private key" +
       std::string(o.password_env.empty() ? " (NOT encrypted: keep it on this machine, mode 0600)" : " (encrypted PKCS#8)") + "\n";
  s += "  " + b + ".csr          the PKCS#10 request to hand to the CA\n";
  s += "  " + b + ".inf          the same request for Windows: certreq -new " + b + ".inf " + b + ".req\n";
  s += "                        (run it on the server itself; the key then never leaves its store)\n";
  s += "  " + b + ".openssl.cnf  the same request for OpenSSL (command inside)\n\n";
  s += "What to ask the CA for\n";
  s += "  - an X.509 v3 certificate, subject CN=" + plan.subject_cn + "\n";
  s += "  - Subject Alternative Name: " + names_line(plan) + "\n";
  s += "  - Enhanced Key Usage: Server Authentication (1.3.6.1.5.5.7.3.1) AND Client Authentication\n";
  s += "    (1.3.6.1.5.5.7.3.2): MTLS servers are TLS server and TLS client, by who dials whom\n";
  s += "  - Key Usage: Digital Signature" + std::string(is_rsa(o.key) ? ", Key Encipherment" : "") + "\n";
  if (o.profile == rules::Profile::Ocs) s += "  - a CRL Distribution Point (HTTP): Lync and Skype for Business require one\n";
  s += "\nWindows Standalone CA (certsrv web pages, Advanced certificate request)\n";
  s += "  Type of certificate needed: Other...  OID: 1.3.6.1.5.5.7.3.1,1.3.6.1.5.5.7.3.2\n";
  s += "  (comma, no space). A Standalone CA copies the SAN from the request only when\n";
  s += "  EDITF_ATTRIBUTESUBJECTALTNAME2 is set or the request carries the SAN extension (this one does);\n";
  s += "  check the issued certificate with the command below.\n\n";
  s += "Windows Enterprise CA (certificate templates)\n";
  s += "  1. certtmpl.msc: Duplicate Template on \"Web Server\" (or \"Computer\"); a V2 template needs a\n";
  s += "     Windows Server 2003 Enterprise or Datacenter Edition CA (any later edition).\n";
  s += "  2. Extensions > Application Policies: add Client Authentication beside Server Authentication.\n";
  s += "  3. Request Handling: Allow private key to be exported (pool members and Edge pools share it).\n";
  s += "  4. Subject Name: Supply in the request (the pool FQDN and the SAN come from this request).\n";
  s += "  5. certsrv.msc > Certificate Templates > New > Certificate Template to Issue.\n";
  s += "  Then: certreq -submit -attrib \"CertificateTemplate:<template name>\" " + b + ".req " + b + ".cer\n";
  if (!o.template_name.empty()) s += "  (the INF already names the template " + o.template_name + ")\n";
  if (o.profile == rules::Profile::Teams) {
    s += "\nPublic CAs (Teams Direct Routing)\n";
    s += "  Public CAs stop issuing Client Authentication in TLS server certificates in 2026 (docs/TEAMS.md).\n";
    s += "  Teams accepts an SBC certificate without it; peers that dial the SBC's other trunks may not.\n";
  }
  s += "\nWhen the certificate comes back\n";
  s += "  sipmtls inspect " + b + ".cer --request " + b + ".csr --key " + b + ".key" + names_args +
       " --profile " + std::string(rules::profile_name(o.profile)) + " --ca root.pem\n";
  s += "  says whether the CA kept the key, names and EKUs this request asked for, and which CA setting\n";
  s += "  dropped what. Then test it against the peer:\n";
  const std::string prof = std::string(rules::profile_name(o.profile));
  const std::string side_names = o.pool.empty() || o.fqdns.empty() ? " --a-fqdn " + plan.subject_cn
                                                                     : " --a-pool " + o.pool + " --a-fqdn " + o.fqdns.front();
  s += "  sipmtls pair --a-cert " + b + ".cer --a-key " + b + ".key" + side_names + " --a-ca root.pem \\\n";
  s += "      --a-profile " + prof + " --b-cert peer.pfx --b-fqdn peer.example.com --b-ca root.pem --b-profile " + prof + "\n";
  return s;
}

}  // namespace sipmtls::app
