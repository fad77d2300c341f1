// SPDX-License-Identifier: MIT
// UTC time conversions for validity checks and reports (no time zone database needed).
#include <cstdio>

#include <span>
#include <string_view>

#include "sipmtls/cert/facts.hpp"

namespace sipmtls::cert {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
static std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

UnixTime unix_time(int year, int month, int day, int hour, int minute, int second) {
  return days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
         hour * 3600 + minute * 60 + second;
}

std::string format_time(UnixTime t) {
  std::int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  std::int64_t secs = t - days * 86400;
  // civil_from_days
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m,
                d, static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::optional<UnixTime> parse_time(std::string_view text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  auto digits = [&](std::size_t pos, std::size_t n, int& out) {
    if (pos + n > text.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  if (!digits(0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(5, 2, mo) || text[7] != '-' ||
      !digits(8, 2, d)) {
    return std::nullopt;
  }
  std::string_view rest = text.substr(10);
  if (!rest.empty()) {
    if ((rest[0] != 'T' && rest[0] != ' ') || rest.size() < 9 || rest[3] != ':' || rest[6] != ':' ||
        !digits(11, 2, h) || !digits(14, 2, mi) || !digits(17, 2, s)) {
      return std::nullopt;
    }
    rest = rest.substr(9);
    // Fractional seconds are dropped: validity is compared at the granularity X.509 encodes (seconds).
    if (!rest.empty() && rest[0] == '.') {
      std::size_t n = 1;
      while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
      if (n == 1) return std::nullopt;
      rest = rest.substr(n);
    }
    if (rest != "Z" && rest != "+00:00" && !rest.empty()) return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return unix_time(y, mo, d, h, mi, s);
}

bool CertFacts::has_eku_oid(std::string_view oid) const {
  for (const auto& e : eku) {
    if (e == oid) return true;
  }
  return false;
}

const ExtensionFacts* CertFacts::extension(std::string_view oid) const {
  for (const auto& e : extensions) {
    if (e.oid == oid) return &e;
  }
  return nullptr;
}

std::string CertFacts::key_description() const {
  switch (key_type) {
    case KeyType::Rsa: return "RSA-" + std::to_string(key_bits);
    case KeyType::Ec: return "EC-" + (key_curve.empty() ? std::to_string(key_bits) : key_curve);
    case KeyType::Dsa: return "DSA-" + std::to_string(key_bits);
    case KeyType::Other: break;
  }
  return "unknown-" + std::to_string(key_bits);
}

}  // namespace sipmtls::cert

namespace sipmtls::cert {

std::optional<UnixTime> der_time(unsigned char tag, std::span<const unsigned char> v) {
  // UTCTime (0x17) YYMMDDHHMM[SS](Z|+hhmm|-hhmm); GeneralizedTime (0x18) YYYYMMDDHHMMSS[.f]Z.
  const std::string_view s(reinterpret_cast<const char*>(v.data()), v.size());
  std::size_t pos = 0;
  auto number = [&](std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const char c = s[pos + i];
      if (c < '0' || c > '9') return false;
      out = out * 10 + (c - '0');
    }
    pos += n;
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (tag == 0x17) {
    if (!number(2, y)) return std::nullopt;
    y += y < 50 ? 2000 : 1900;  // RFC 5280 §4.1.2.5.1
  } else if (tag != 0x18 || !number(4, y)) {
    return std::nullopt;
  }
  if (!number(2, mo) || !number(2, d) || !number(2, h) || !number(2, mi)) return std::nullopt;
  if (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && !number(2, sec)) return std::nullopt;
  if (tag == 0x18 && pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  UnixTime t = unix_time(y, mo, d, h, mi, sec);
  if (pos < s.size() && s[pos] == 'Z' && pos + 1 == s.size()) return t;
  if (pos + 5 == s.size() && (s[pos] == '+' || s[pos] == '-')) {
    const char sign = s[pos++];
    int oh = 0, om = 0;
    if (!number(2, oh) || !number(2, om) || oh > 23 || om > 59) return std::nullopt;
    const UnixTime offset = oh * 3600 + om * 60;
    return sign == '+' ? t - offset : t + offset;  // local time minus its offset is UTC
  }
  return std::nullopt;
}

}  // namespace sipmtls::cert
