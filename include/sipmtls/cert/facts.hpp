// SPDX-License-Identifier: MIT
// Plain facts about certificates and chains: what the rules read. No mbedTLS here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipmtls::cert {

inline constexpr std::string_view kOidServerAuth = "1.3.6.1.5.5.7.3.1";
inline constexpr std::string_view kOidClientAuth = "1.3.6.1.5.5.7.3.2";
inline constexpr std::string_view kOidCodeSigning = "1.3.6.1.5.5.7.3.3";
inline constexpr std::string_view kOidSipDomain = "1.3.6.1.5.5.7.3.20";
inline constexpr std::string_view kOidAnyExtendedKeyUsage = "2.5.29.37.0";

/// keyUsage bits, as in RFC 5280 §4.2.1.3 (first octet of the BIT STRING).
enum KeyUsage : unsigned {
  kDigitalSignature = 0x80,
  kNonRepudiation = 0x40,
  kKeyEncipherment = 0x20,
  kDataEncipherment = 0x10,
  kKeyAgreement = 0x08,
  kKeyCertSign = 0x04,
  kCrlSign = 0x02,
};

/// Dsa: loaded and described, but neither usable for TLS nor verifiable here (mbedTLS has no DSA).
enum class KeyType { Rsa, Ec, Dsa, Other };

inline constexpr std::string_view kOidSubjectKeyId = "2.5.29.14";
inline constexpr std::string_view kOidKeyUsage = "2.5.29.15";
inline constexpr std::string_view kOidSubjectAltName = "2.5.29.17";
inline constexpr std::string_view kOidBasicConstraints = "2.5.29.19";
inline constexpr std::string_view kOidPolicyConstraints = "2.5.29.36";
inline constexpr std::string_view kOidAuthorityKeyId = "2.5.29.35";
inline constexpr std::string_view kOidExtendedKeyUsage = "2.5.29.37";

/// One extension as encoded: its OID and critical flag.
struct ExtensionFacts {
  std::string oid;
  bool critical = false;
};

inline constexpr std::string_view kOidNameConstraints = "2.5.29.30";
inline constexpr std::string_view kOidCertificatePolicies = "2.5.29.32";
inline constexpr std::string_view kOidPolicyMappings = "2.5.29.33";
inline constexpr std::string_view kOidInhibitAnyPolicy = "2.5.29.54";
inline constexpr std::string_view kOidCrlDistributionPointsExt = "2.5.29.31";
inline constexpr std::string_view kOidAuthorityInfoAccessExt = "1.3.6.1.5.5.7.1.1";

/// The name forms of a GeneralName that name constraints speak of (RFC 5280 §4.2.1.10).
enum class NameForm { Dns, Email, Uri, Ip, DirectoryName, Other };

/// One permitted or excluded subtree.
struct GeneralSubtree {
  NameForm form = NameForm::Other;
  std::string value;               ///< dNSName, rfc822Name, URI host; for Ip the address then the mask (bytes)
  std::vector<std::string> rdns;   ///< DirectoryName: the RDNs in comparable form
};

struct NameConstraints {
  bool present = false;
  bool malformed = false;
  std::vector<GeneralSubtree> permitted, excluded;
};

/// One CRL distribution point of a certificate (RFC 5280 §4.2.1.13).
struct DistributionPoint {
  std::vector<std::string> names;        ///< comparable forms: "URI:http://...", "DN:<canonical name>"
  std::uint16_t reasons = 0;             ///< ReasonFlags bits; 0 when absent (every reason)
  std::vector<std::string> crl_issuers;  ///< cRLIssuer names (canonical); empty when the issuer signs the CRL
};

/// Seconds since 1970-01-01T00:00:00Z.
using UnixTime = std::int64_t;

struct CertFacts {
  int version = 3;
  std::string subject;     ///< RFC 4514-like, as mbedTLS prints it ("O=Contoso, CN=sip-a...")
  std::string issuer;
  std::string subject_cn;  ///< the most specific CN, empty when none
  bool subject_empty = false;  ///< the subject is an empty SEQUENCE
  std::string serial;      ///< hex, colon separated
  std::size_t serial_octets = 0;  ///< length of the serial number's INTEGER contents
  bool serial_zero = false;
  bool serial_negative = false;
  UnixTime not_before = 0;
  UnixTime not_after = 0;

  bool has_san = false;
  std::vector<std::string> san_dns;
  std::vector<std::string> san_uri;
  std::vector<std::string> san_ip;
  std::vector<std::string> san_other;  ///< other SAN types, printed ("email:...")
  std::vector<std::string> san_email;  ///< rfc822Name entries
  std::vector<std::string> san_ip_raw; ///< iPAddress entries as their 4 or 16 bytes
  std::vector<std::vector<std::string>> san_dirnames;  ///< directoryName entries, RDNs in comparable form
  bool san_other_name = false;         ///< an otherName (e.g. a UPN), x400Address or ediPartyName

  std::vector<std::string> subject_rdns;    ///< the subject's RDNs in comparable form (RFC 5280 §7.1)
  std::string subject_canonical;            ///< the subject in comparable form
  std::size_t subject_der_size = 0;         ///< the subject Name's DER length (a CA list entry)
  std::string issuer_canonical;             ///< the issuer in comparable form
  std::vector<std::string> subject_emails;  ///< emailAddress attributes of the subject
  NameConstraints name_constraints;

  bool has_eku = false;
  std::vector<std::string> eku;  ///< dotted OIDs

  bool has_key_usage = false;
  unsigned key_usage = 0;  ///< KeyUsage bits

  bool has_basic_constraints = false;
  bool is_ca = false;
  int path_len = -1;  ///< -1: no pathLenConstraint

  KeyType key_type = KeyType::Other;
  int key_bits = 0;
  std::string key_curve;      ///< "secp256r1" for EC keys
  std::string signature_hash; ///< "SHA256", "SHA1", ...
  std::string signature_algorithm;
  bool signature_pss = false;

  std::vector<std::string> crl_urls;  ///< CRL distribution points (URIs)
  std::vector<DistributionPoint> distribution_points;
  std::vector<std::string> aia_urls;  ///< authorityInfoAccess URIs
  std::vector<std::string> ocsp_urls;        ///< AIA id-ad-ocsp URIs (RFC 5280 §4.2.2.1)
  std::vector<std::string> ca_issuer_urls;   ///< AIA id-ad-caIssuers URIs
  bool aia_malformed = false;         ///< the AIA extension is not a non-empty list of AccessDescriptions

  std::vector<ExtensionFacts> extensions;  ///< every extension, in certificate order
  std::string subject_key_id;              ///< SKI, hex; empty when absent
  std::string authority_key_id;            ///< AKI keyIdentifier, hex; empty when absent
  bool authority_key_id_names_issuer = false;  ///< AKI carries authorityCertIssuer or -SerialNumber

  bool self_issued = false;  ///< subject and issuer match (RFC 5280 §7.1)
  /// Encodings RFC 5280 forbids that were repaired to read the certificate (unique IDs, validity
  /// with a UTC offset, a signature with unused bits); CERT_NONCONFORMANT reports them.
  std::vector<std::string> encoding_flaws;
  std::string sha256;        ///< fingerprint, hex
  std::string sha1;          ///< thumbprint, hex: what certlm.msc, Set-CsCertificate and root lists show

  bool has_eku_oid(std::string_view oid) const;
  /// The extension with this OID, or nullptr.
  const ExtensionFacts* extension(std::string_view oid) const;
  /// "RSA-2048", "EC-secp256r1".
  std::string key_description() const;
};

/// How chain building ended.
enum class ChainEnd {
  TrustAnchor,    ///< reached a certificate in the trust store
  UntrustedRoot,  ///< ended at a self-signed certificate that is not trusted
  MissingIssuer,  ///< the topmost certificate's issuer was not supplied
  IssuerLoop,     ///< its issuers were supplied but are already on the path (a loop), no anchor
  TooLong,        ///< the path reached the depth limit with issuers still to follow
};

/// CrlUnusable: a CRL of the issuer was given but cannot be relied on (stale, or not a conforming CRL).
/// Unknown: CRLs are being checked, but none given covers the certificate (for every reason).
/// Offline: its OCSP responder and CDPs were asked and none gave a usable answer (or only LDAP CDPs).
/// NoSource: status is fetched online, but the certificate names no CDP and no OCSP responder.
enum class RevocationStatus { NotChecked, Good, Revoked, CrlUnusable, Unknown, Offline, NoSource };

struct ChainLink {
  CertFacts cert;
  bool is_anchor = false;        ///< from the trust store
  bool signature_ok = true;      ///< signed by the next link (or itself, for a self-signed top)
  RevocationStatus revocation = RevocationStatus::NotChecked;
  std::string revocation_detail; ///< date and reason, or why the CRL was not usable
  std::string revocation_source = {}; ///< what decided: "OCSP http://...", "CRL http://...", "--crl"
  bool revocation_ldap_only = false;  ///< Offline because its only CDPs are ldap:// URLs
};

/// The path from the leaf (index 0) upwards, as built.
struct ChainFacts {
  std::vector<ChainLink> path;
  ChainEnd end = ChainEnd::MissingIssuer;
  std::vector<std::string> unparseable;  ///< supplied certificates that could not be parsed
};

/// ISO 8601 UTC, e.g. "2049-12-31T23:59:59Z".
std::string format_time(UnixTime t);
/// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM:SS[.fff]Z" (or +00:00; fractions dropped); nullopt when malformed.
std::optional<UnixTime> parse_time(std::string_view text);
/// Seconds since the epoch of a UTC civil time.
UnixTime unix_time(int year, int month, int day, int hour, int minute, int second);

}  // namespace sipmtls::cert
