// SPDX-License-Identifier: MIT
// LD_PRELOAD shim for scripts/bench: sets TCP_NODELAY on every accepted socket, so that
// mbedTLS's ssl_server2 (which does not) is not measured with Nagle + delayed-ACK stalls of
// 40-100 ms per handshake (docs/TOOLCHAIN.md); sipmtls sets it itself.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

static void nodelay(int fd) {
  int one = 1;
  if (fd >= 0) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

int accept(int fd, struct sockaddr* addr, socklen_t* len) {
  static int (*real)(int, struct sockaddr*, socklen_t*);
  if (!real) real = (int (*)(int, struct sockaddr*, socklen_t*))dlsym(RTLD_NEXT, "accept");
  int s = real(fd, addr, len);
  nodelay(s);
  return s;
}

int accept4(int fd, struct sockaddr* addr, socklen_t* len, int flags) {
  static int (*real)(int, struct sockaddr*, socklen_t*, int);
  if (!real) real = (int (*)(int, struct sockaddr*, socklen_t*, int))dlsym(RTLD_NEXT, "accept4");
  int s = real(fd, addr, len, flags);
  nodelay(s);
  return s;
}
