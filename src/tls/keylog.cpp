// SPDX-License-Identifier: MIT
// NSS key log writer.
#include "tls/keylog.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/ssl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sipmtls::tls {
namespace {

const char* label_for(int type) {
  const char* label = nullptr;
  switch (type) {
    case MBEDTLS_SSL_KEY_EXPORT_TLS12_MASTER_SECRET: label = "CLIENT_RANDOM"; break;
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_EARLY_SECRET: label = "CLIENT_EARLY_TRAFFIC_SECRET"; break;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_HANDSHAKE_TRAFFIC_SECRET: label = "CLIENT_HANDSHAKE_TRAFFIC_SECRET"; break;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_HANDSHAKE_TRAFFIC_SECRET: label = "SERVER_HANDSHAKE_TRAFFIC_SECRET"; break;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_CLIENT_APPLICATION_TRAFFIC_SECRET: label = "CLIENT_TRAFFIC_SECRET_0"; break;
    case MBEDTLS_SSL_KEY_EXPORT_TLS1_3_SERVER_APPLICATION_TRAFFIC_SECRET: label = "SERVER_TRAFFIC_SECRET_0"; break;
#endif
    default: break;
  }
  return label;
}

void append_hex(std::string& out, const unsigned char* data, std::size_t len) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < len; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
}

}  // namespace

Result<std::shared_ptr<KeyLog>> KeyLog::open(const std::string& path) {
  // Not through a symlink (someone else's file), not into a FIFO or device (O_NONBLOCK: no wait
  // for a reader), and readable by us alone even when it already existed.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
  if (fd < 0) {
    if (errno == ELOOP) return input_error("--keylog " + path + ": is a symbolic link; give the file itself");
    return input_error("--keylog " + path + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return input_error("--keylog " + path + ": not a regular file");
  }
  if ((st.st_mode & 077) != 0 && ::fchmod(fd, 0600) != 0) {
    const int err = errno;
    ::close(fd);
    return input_error("--keylog " + path + ": readable by others and cannot be made private: " + std::strerror(err));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  std::FILE* file = ::fdopen(fd, "a");
  if (file == nullptr) {
    ::close(fd);
    return input_error("--keylog " + path + ": " + std::strerror(errno));
  }
  return std::shared_ptr<KeyLog>(new KeyLog(file, path));
}

KeyLog::~KeyLog() { std::fclose(file_); }

std::optional<std::string> KeyLog::on_secret(int type, const unsigned char* client_random, const unsigned char* secret,
                                             std::size_t len) {
  if (const char* label = label_for(type)) return write(label, client_random, secret, len);
  return std::nullopt;
}

std::optional<std::string> KeyLog::write(const char* label, const unsigned char* client_random,
                                         const unsigned char* secret, std::size_t len) {
  std::string line = label;
  line += ' ';
  append_hex(line, client_random, 32);
  line += ' ';
  append_hex(line, secret, len);
  line += '\n';
  std::optional<std::string> error;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    errno = 0;
    const bool written = std::fwrite(line.data(), 1, line.size(), file_) == line.size();
    if (std::fflush(file_) != 0 || !written) {
      error = path_ + ": " + (errno != 0 ? std::strerror(errno) : "write failed");
      std::clearerr(file_);  // the next line may fit again
    }
  }
  mbedtls_platform_zeroize(line.data(), line.size());
  return error;
}

}  // namespace sipmtls::tls
