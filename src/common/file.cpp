// SPDX-License-Identifier: MIT
// Input files: opened without blocking (O_NONBLOCK), checked to be regular files (fstat), read whole.
#include "sipmtls/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sipmtls {
namespace {

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

}  // namespace

Result<std::vector<unsigned char>> read_regular_file(const std::string& path, std::size_t max_size) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return input_error(path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const std::string what = ::fstat(fd, &st) != 0 ? std::strerror(errno) : std::string(kind_of(st.st_mode));
    ::close(fd);
    return input_error(path + ": is " + what + ", not a regular file");
  }
  if (static_cast<std::size_t>(st.st_size) > max_size) {
    ::close(fd);
    return input_error(path + ": larger than " + std::to_string(max_size / (1024 * 1024)) + " MiB");
  }
  std::vector<unsigned char> data;
  data.reserve(static_cast<std::size_t>(st.st_size) + 1);  // one read buffer: nothing copied, a key included
  std::size_t used = 0;
  data.resize(static_cast<std::size_t>(st.st_size));
  for (;;) {
    if (used == data.size()) {
      if (data.size() >= max_size) break;
      // The file grew since fstat: read on, within the bound (rare; the copy is acceptable there).
      data.resize(std::min(max_size, data.size() + 65536));
    }
    const ssize_t n = ::read(fd, data.data() + used, data.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return input_error(path + ": read error: " + std::strerror(err));
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
  }
  ::close(fd);
  data.resize(used);
  return data;
}

}  // namespace sipmtls
