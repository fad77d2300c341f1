// SPDX-License-Identifier: MIT
// Reading an input file without surprises: a FIFO, a device or a socket given by mistake is
// refused before a read could block, and the size is bounded.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sipmtls/result.hpp"

namespace sipmtls {

/// The whole of a regular file of at most max_size bytes. Errors name the file and say in words
/// what it is instead ("a FIFO, not a regular file") or why it cannot be read.
Result<std::vector<unsigned char>> read_regular_file(const std::string& path, std::size_t max_size);

}  // namespace sipmtls
