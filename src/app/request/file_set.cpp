// SPDX-License-Identifier: MIT
#include "file_set.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace sipmtls::app {

FileSet::~FileSet() {
  for (const auto& [tmp, target] : staged_) ::unlink(tmp.c_str());
}

Result<bool> FileSet::add(const std::string& path, const std::string& contents, bool private_file) {
  const auto slash = path.rfind('/');
  const std::string tmp = (slash == std::string::npos ? std::string() : path.substr(0, slash + 1)) + "." +
                          path.substr(slash == std::string::npos ? 0 : slash + 1) + ".tmp" + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, private_file ? 0600 : 0644);
  if (fd < 0) return input_error(path + ": cannot be written: " + std::strerror(errno));
  staged_.emplace_back(tmp, path);
  std::size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string why = std::strerror(errno);
      ::close(fd);
      return input_error(path + ": cannot be written: " + why);
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) return input_error(path + ": cannot be written: " + std::strerror(errno));
  return true;
}

Result<bool> FileSet::commit() {
  for (const auto& [tmp, target] : staged_) {
    if (std::rename(tmp.c_str(), target.c_str()) != 0) return input_error(target + ": cannot be written: " + std::strerror(errno));
  }
  staged_.clear();
  return true;
}

}  // namespace sipmtls::app
