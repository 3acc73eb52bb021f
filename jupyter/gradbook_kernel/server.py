"""The `gradbook kernel-server` child process and its JSON-lines protocol.

One JSON object per line each way. Requests: {"type": "execute", "code": ...}, "complete" and
"inspect" (with "cursor", in code points), "is_complete". The server answers each with events
({"event": "stream" | "result" | "error" | "display" | "progress" | "done" | "completion" |
"inspection" | "completeness", ...}); an execute request ends with "done". SIGINT makes the
server stop a running fit or loop at its next step and go on.
"""

import collections
import ctypes
import json
import os
import queue
import shutil
import signal
import subprocess
import threading

# How long a server may take to say it is ready (a cold start of a debug build under load).
START_TIMEOUT = 60.0
# Lines of the server's stderr kept for the report of a crash.
STDERR_LINES_KEPT = 40
# PR_SET_PDEATHSIG from <linux/prctl.h>: the server dies with the kernel that started it.
_PR_SET_PDEATHSIG = 1


class ServerError(Exception):
    """The server stopped (crashed, was killed, or never started)."""


def find_binary():
    """The gradbook binary: $GRADBOOK_BINARY (the kernelspec sets it), else `gradbook` on PATH."""
    path = os.environ.get("GRADBOOK_BINARY") or shutil.which("gradbook")
    if not path or not os.access(path, os.X_OK):
        raise ServerError(
            "cannot find the gradbook binary (set GRADBOOK_BINARY, or run `gradbook kernel install` again)"
        )
    return path


def _die_with_parent():
    """In the child before exec: end the server if the kernel process goes away (Linux)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class ServerProcess:
    """One running `gradbook kernel-server`: one session, requests answered in order."""

    def __init__(self, binary=None):
        self.binary = binary or find_binary()
        self._events = queue.Queue()
        self._stderr = collections.deque(maxlen=STDERR_LINES_KEPT)
        self.process = subprocess.Popen(
            [self.binary, "kernel-server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=_die_with_parent if os.name == "posix" else None,
        )
        threading.Thread(target=self._read_events, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        ready = self.next_event(timeout=START_TIMEOUT)
        if ready is None or ready.get("event") != "ready":
            self.stop()
            raise ServerError("the gradbook server did not start in %d s: %r" % (START_TIMEOUT, ready))
        self.version = ready.get("version", "")

    # Reading: two threads, so that the kernel's main thread only ever waits on a queue (and
    # stays responsive to SIGINT, whose handler must run while a cell is running).

    def _read_events(self):
        for line in self.process.stdout:
            line = line.strip()
            if not line:
                continue
            try:
                self._events.put(json.loads(line.decode("utf-8")))
            except ValueError:
                self._stderr.append("unreadable event: %r" % line[:200])
        self._events.put(None)

    def _read_stderr(self):
        for line in self.process.stderr:
            self._stderr.append(line.decode("utf-8", "replace").rstrip("\n"))

    @property
    def alive(self):
        return self.process.poll() is None

    @property
    def pid(self):
        return self.process.pid

    def send(self, request):
        try:
            self.process.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            raise ServerError(self.exit_description())

    def next_event(self, timeout=None):
        """The next event; ServerError when the server's output ended. With a timeout, None
        when nothing came in time."""
        try:
            event = self._events.get(timeout=timeout)
        except queue.Empty:
            return None
        if event is None:
            self._events.put(None)  # every later read sees the end too
            raise ServerError(self.exit_description())
        return event

    def ask(self, request, answer, timeout=30.0):
        """Sends a request that one event answers (complete, inspect, is_complete)."""
        self.send(request)
        while True:
            event = self.next_event(timeout=timeout)
            if event is None:
                raise ServerError("the gradbook server did not answer %s in %d s" % (request["type"], timeout))
            if event.get("event") == answer:
                return event

    def interrupt(self):
        if self.alive:
            try:
                os.kill(self.process.pid, signal.SIGINT)
            except ProcessLookupError:
                pass

    def exit_description(self):
        """How the server ended, with the last lines it wrote on stderr."""
        try:
            status = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            status = None
        if status is None:
            what = "the gradbook server stopped answering"
        elif status < 0:
            try:
                name = signal.Signals(-status).name
            except ValueError:
                name = "signal %d" % -status
            what = "the gradbook server was ended by %s (exit status %d)" % (name, 128 - status)
        else:
            what = "the gradbook server exited with status %d" % status
        tail = "\n".join(self._stderr)
        return what + ("\n" + tail if tail else "")

    def stop(self):
        """Ends the server: stdin closed (it exits when idle), then SIGTERM, then SIGKILL."""
        if self.process.poll() is not None:
            return
        try:
            self.process.stdin.close()
        except OSError:
            pass
        for sig, wait in ((None, 1.0), (signal.SIGTERM, 1.0), (signal.SIGKILL, 5.0)):
            if sig is not None:
                try:
                    self.process.send_signal(sig)
                except ProcessLookupError:
                    return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
