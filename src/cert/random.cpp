// SPDX-License-Identifier: MIT
// Process-wide randomness for mbedTLS (CTR-DRBG seeded from the platform entropy source).
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <psa/crypto.h>

#include <cstdlib>
#include <cstdio>

#include "native.hpp"

namespace sipmtls::cert {
namespace {

struct Drbg {
  Drbg() {
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    static constexpr unsigned char kPersonal[] = "sipmtls";
    if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, kPersonal, sizeof kPersonal) != 0) {
      std::fputs("sipmtls: cannot seed the random generator\n", stderr);
      std::abort();
    }
  }
  ~Drbg() {
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
  }
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;  // thread-safe: mbedTLS is built with MBEDTLS_THREADING_C
};

}  // namespace

int random_bytes(void* /*ctx*/, unsigned char* out, std::size_t len) {
  static Drbg drbg;
  return mbedtls_ctr_drbg_random(&drbg.drbg, out, len);
}

void ensure_crypto_initialised() {
  static const psa_status_t status = psa_crypto_init();
  if (status != PSA_SUCCESS) {
    std::fputs("sipmtls: psa_crypto_init failed\n", stderr);
    std::abort();
  }
}

}  // namespace sipmtls::cert
