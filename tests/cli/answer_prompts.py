#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Runs a command on a pseudo-terminal, as a user at a terminal would, and answers every
# "Password for ...: " prompt with the password in $ANSWER. Prints what the terminal showed and
# exits with the command's exit code. Used by the CLI tests of the password prompt.
import os
import pty
import sys
import time

pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])

answer = os.environ["ANSWER"].encode() + b"\n"
shown, pending = b"", b""
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    shown += chunk
    pending += chunk
    while b"Password for " in pending and b": " in pending.split(b"Password for ", 1)[1]:
        pending = pending.split(b"Password for ", 1)[1].split(b": ", 1)[1]
        time.sleep(0.2)  # the prompt turns echo off (TCSAFLUSH) after writing the question
        os.write(fd, answer)
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode(errors="replace"))
sys.exit(os.waitstatus_to_exitcode(status))
