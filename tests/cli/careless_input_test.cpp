// SPDX-License-Identifier: MIT
// Careless input (issue 14): special files, symlink loops, numbers that are no numbers and files
// nested deep enough to exhaust a parser's stack are each one line and exit 2, at once.
#include <catch2/catch_test_macros.hpp>
#include <catch2/generators/catch_generators.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "../support/manifest.hpp"
#include "run.hpp"

using namespace sipmtls::test;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("sipmtls-careless-" + std::to_string(::getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

std::string good(const std::string& rel) { return manifest().path(rel); }

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("a FIFO given as any input file is refused at once, not waited on", "[cli][careless]") {
  TempDir dir;
  const std::string fifo = (dir.path / "input.pem").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string cert = good("cases/a-rsa.pem"), key = good("cases/a-rsa.key"), ca = good("pki/root-ca.pem");
  using Args = std::vector<std::string>;
  const Args args = GENERATE_COPY(Args{"inspect", fifo}, Args{"inspect", cert, "--key", fifo},
                                  Args{"inspect", cert, "--ca", fifo}, Args{"inspect", cert, "--crl", fifo},
                                  Args{"suite", fifo},
                                  Args{"--keylog", fifo, "connect", "127.0.0.1:1", "--cert", cert, "--key", key, "--ca", ca});
  CAPTURE(args);
  const auto started = std::chrono::steady_clock::now();
  const RunResult r = run_sipmtls(args);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(fifo) != std::string::npos);
  CHECK(lines(r.err) == 1);
}

TEST_CASE("a CA directory with a symlink loop is read without it", "[cli][careless]") {
  TempDir dir;
  fs::copy_file(good("pki/root-ca.pem"), dir.path / "root.pem");
  fs::create_symlink(dir.path / "loop.pem", dir.path / "loop.pem");
  const RunResult r = run_sipmtls({"inspect", good("cases/a-rsa.pem"), "--key", good("cases/a-rsa.key"), "--ca",
                                   dir.path.string(), "--fqdn", "sip-a.contoso.test", "--at", manifest().at});
  CHECK(r.exit_code == 0);
}

TEST_CASE("the timeout option refuses NaN and infinities", "[cli][careless]") {
  const std::string value = GENERATE("nan", "inf", "-inf", "1e999", "0x1p99999");
  CAPTURE(value);
  const RunResult r = run_sipmtls({"--timeout", value, "listen", "127.0.0.1:0", "--cert", good("cases/a-rsa.pem"),
                                   "--key", good("cases/a-rsa.key"), "--ca", good("pki/root-ca.pem")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--timeout") != std::string::npos);
}

TEST_CASE("suite files nested or dotted too deep are one error line, not a crash", "[cli][careless]") {
  TempDir dir;
  const std::string kind = GENERATE("dotted", "arrays", "nan");
  CAPTURE(kind);
  const fs::path file = dir.path / "deep.toml";
  {
    std::ofstream out(file);
    if (kind == "dotted") {
      out << "a";
      for (int i = 0; i < 50000; ++i) out << ".a";
      out << " = 1\n";
    } else if (kind == "arrays") {
      out << "x = " << std::string(50000, '[') << std::string(50000, ']') << "\n";
    } else {
      out << "timeout = nan\n[[check]]\nkind = \"inspect\"\ncert = \"x.pem\"\n";
    }
  }
  const RunResult r = run_sipmtls({"suite", file.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(file.string() + ":") != std::string::npos);
  CHECK(lines(r.err) == 1);
}

TEST_CASE("the key log is never written through a symlink and never left readable by others", "[cli][careless]") {
  TempDir dir;
  const fs::path target = dir.path / "target.log", link = dir.path / "keys.log", loose = dir.path / "loose.log";
  { std::ofstream(target) << ""; }
  fs::create_symlink(target, link);
  const std::string cert = good("cases/a-rsa.pem"), key = good("cases/a-rsa.key"), ca = good("pki/root-ca.pem");
  RunResult r = run_sipmtls({"--keylog", link.string(), "connect", "127.0.0.1:1", "--cert", cert, "--key", key, "--ca", ca});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("symbolic link") != std::string::npos);
  { std::ofstream(loose) << ""; }
  fs::permissions(loose, fs::perms::owner_read | fs::perms::owner_write | fs::perms::others_read | fs::perms::group_read);
  r = run_sipmtls({"--keylog", loose.string(), "--timeout", "1", "connect", "127.0.0.1:1", "--cert", cert, "--key", key,
                   "--ca", ca});
  CHECK(r.exit_code == 1);  // the check ran (and found nobody listening)
  CHECK((fs::status(loose).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
}

TEST_CASE("the output option writes into what exists, refuses links, and reports a full device", "[cli][careless]") {
  TempDir dir;
  const std::string cert = good("cases/a-rsa.pem");
  // A full device: exit 2 with the reason, not a silent success.
  RunResult r = run_sipmtls({"inspect", cert, "--output", "/dev/full"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("No space left") != std::string::npos);
  // A symlink: refused, and what it points to is untouched.
  const fs::path target = dir.path / "previous.txt", link = dir.path / "report.txt";
  { std::ofstream(target) << "previous good report\n"; }
  fs::create_symlink(target, link);
  r = run_sipmtls({"inspect", cert, "--output", link.string()});
  CHECK(r.exit_code == 2);
  CHECK(fs::is_symlink(link));
  CHECK(fs::file_size(target) == std::string("previous good report\n").size());
  // A FIFO with a reader is written in place and stays a FIFO; without one, exit 2 at once.
  const fs::path fifo = dir.path / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r = run_sipmtls({"inspect", cert, "--output", fifo.string()});
  CHECK(r.exit_code == 2);
  const int rc = run_shell("cat '" + fifo.string() + "' > '" + (dir.path / "read.txt").string() + "' & sleep 0.3; " +
                           SIPMTLS_BINARY + " inspect " + cert + " --output '" + fifo.string() + "'; s=$?; wait; exit $s");
  CHECK(rc == 0);
  CHECK(fs::is_fifo(fifo));
  CHECK(fs::file_size(dir.path / "read.txt") > 0);
  // A regular file is replaced whole, its permissions kept.
  fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
  r = run_sipmtls({"inspect", cert, "--output", target.string()});
  CHECK(r.exit_code == 0);
  CHECK(fs::status(target).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(fs::file_size(target) > 100);
}
