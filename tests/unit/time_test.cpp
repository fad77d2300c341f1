// SPDX-License-Identifier: MIT
#include <catch2/catch_test_macros.hpp>

#include "sipmtls/cert/facts.hpp"

using namespace sipmtls::cert;

TEST_CASE("UTC times round-trip through ISO 8601", "[time]") {
  CHECK(unix_time(1970, 1, 1, 0, 0, 0) == 0);
  CHECK(unix_time(2049, 12, 31, 23, 59, 59) == 2524607999);
  CHECK(format_time(2524607999) == "2049-12-31T23:59:59Z");
  CHECK(parse_time("2026-06-01") == unix_time(2026, 6, 1, 0, 0, 0));
  CHECK(parse_time("2026-06-01T12:30:05Z") == unix_time(2026, 6, 1, 12, 30, 5));
  CHECK(parse_time("2026-06-01T12:30:05+00:00") == unix_time(2026, 6, 1, 12, 30, 5));
  // Fractions are dropped: X.509 validity has whole seconds (x509-limbo notafter-fractional).
  CHECK(parse_time("2026-06-01T12:30:05.999Z") == unix_time(2026, 6, 1, 12, 30, 5));
  CHECK(parse_time("2024-04-01T00:00:00.005+00:00") == unix_time(2024, 4, 1, 0, 0, 0));
}

TEST_CASE("malformed times are refused", "[time]") {
  for (const char* bad : {"", "2026", "2026-13-01", "2026-06-01T25:00:00Z", "2026-06-01T12:00:00+02:00", "tomorrow",
                          "2026-06-01T12:00:00.Z", "2026-06-01T12:00:00.5x"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_time(bad).has_value());
  }
}
