#!/usr/bin/env python3
"""Times gradbook from start to its first prompt at a terminal (a pseudo-terminal, so libedit,
the history file and the journals folder are all set up as for a person).

    scripts/time-first-prompt.py [BINARY] [RUNS]     # default .build/release/gradbook, 100 runs

`hyperfine 'echo quit | .build/release/gradbook'` measures the piped start; this one measures the
interactive start, which hyperfine cannot (it gives the program no terminal).
"""
import os, pty, select, statistics, sys, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/gradbook"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 100


def read_until(fd, marker, timeout):
    """Reads from fd until marker appears (True), it closes or the time runs out (False)."""
    seen, deadline = b"", time.monotonic() + timeout
    while time.monotonic() < deadline:
        if select.select([fd], [], [], 0.05)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                return False
            if not chunk:
                return False
            seen += chunk
            if marker and marker in seen:
                return True
    return False


times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(binary, [binary])
    if not read_until(fd, b"In [", 10):
        sys.exit("gradbook showed no prompt")
    times.append((time.perf_counter() - start) * 1000)
    os.write(fd, b"quit\r")
    read_until(fd, None, 5)
    os.waitpid(pid, 0)
    os.close(fd)

times.sort()
print(f"first prompt at a terminal: median {statistics.median(times):.1f} ms, "
      f"mean {statistics.mean(times):.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms ({runs} runs)")
