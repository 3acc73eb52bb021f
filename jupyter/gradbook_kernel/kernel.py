"""GradbookKernel: ipykernel's wrapper-kernel API over one `gradbook kernel-server`.

A notebook cell is one gradbook cell (it may hold several statements) run in the session of
this kernel. What the server sends becomes Jupyter messages: printed text a `stream`, a value
an `execute_result` (with the statement's cell number), an error an `error` with the caret
lines, a plot a `display_data` with image/svg+xml, fit's progress bar one display updated in
place. Interrupt (SIGINT) stops a fit or loop at its next step and the cell answers with what
it did; a second interrupt of a cell that does not stop ends the server. A crashed server is
reported in its cell, and the next cell starts a new session with a note saying so.
"""

import signal
import threading
import time
import uuid

from ipykernel.kernelbase import Kernel

from . import __version__
from .server import ServerError, ServerProcess

# While a cell runs, how often the main thread wakes to let a SIGINT handler run.
POLL_SECONDS = 0.1
# A second interrupt this long after the first, with the cell still running, ends the server
# (a statement with no step boundary cannot stop otherwise).
FORCE_AFTER_SECONDS = 1.0


class GradbookKernel(Kernel):
    implementation = "gradbook"
    implementation_version = __version__
    language = "gradbook"
    language_version = __version__
    language_info = {
        "name": "gradbook",
        "mimetype": "text/x-gradbook",
        "file_extension": ".grad",
        "version": __version__,
    }
    banner = "gradbook: a notebook workbench for neural networks (help lists the built-ins)"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._server = None
        # Why the last server ended, told at the top of the next cell.
        self._lost = None
        self._interrupts = []

    # MARK: the server

    def _ensure_server(self):
        if self._server is not None and self._server.alive:
            return self._server
        if self._server is not None and self._lost is None:
            self._lost = self._server.exit_description()
        self._server = ServerProcess()
        return self._server

    def _forget_server(self, why):
        if self._server is not None:
            self._server.kill()
        self._server = None
        self._lost = why

    # MARK: execute

    def _stream(self, text, name="stdout"):
        self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def _on_sigint(self, signum, frame):
        self._interrupts.append(time.monotonic())
        server = self._server
        if server is None:
            return
        if len(self._interrupts) > 1 and self._interrupts[-1] - self._interrupts[0] >= FORCE_AFTER_SECONDS:
            server.kill()  # the cell reports it as a stopped server
        else:
            server.interrupt()

    async def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False, **kwargs):
        try:
            server = self._ensure_server()
        except ServerError as error:
            return self._error_reply("ServerError", str(error), str(error).split("\n"), silent)
        if self._lost is not None:
            if not silent:
                first = self._lost.split("\n")[0]
                self._stream(
                    "note: the previous gradbook session ended (%s); this cell runs in a new, empty session\n" % first,
                    "stderr",
                )
            self._lost = None
        self._interrupts = []
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGINT, self._on_sigint)
        try:
            return self._run_cell(server, code, silent)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    def _run_cell(self, server, code, silent):
        first_error = None
        progress_id = None
        try:
            server.send({"type": "execute", "code": code})
            while True:
                event = server.next_event(timeout=POLL_SECONDS)
                if event is None:
                    continue
                kind = event.get("event")
                if kind == "done":
                    # gradbook numbers statements: Out[n] and `_n` agree, and the next cell
                    # starts at the number of its first statement.
                    self.execution_count = event["execution_count"]
                    break
                if silent:
                    if kind == "error" and first_error is None:
                        first_error = event
                    continue
                if kind == "stream":
                    self._stream(event["text"], event.get("name", "stdout"))
                elif kind == "result":
                    self.send_response(self.iopub_socket, "execute_result", {
                        "execution_count": event["execution_count"],
                        "data": {"text/plain": event["text"]},
                        "metadata": {},
                    })
                elif kind == "error":
                    first_error = first_error or event
                    self.send_response(self.iopub_socket, "error", {
                        "ename": event["ename"], "evalue": event["evalue"], "traceback": event["traceback"],
                    })
                elif kind == "display":
                    self.send_response(self.iopub_socket, "display_data", {
                        "data": {"image/svg+xml": event["svg"], "text/plain": event["text"]},
                        "metadata": {},
                    })
                elif kind == "progress":
                    content = {"data": {"text/plain": event["text"]}, "metadata": {"gradbook": {"progress": True}}}
                    if progress_id is None:
                        progress_id = "gradbook-fit-" + uuid.uuid4().hex
                        content["transient"] = {"display_id": progress_id}
                        self.send_response(self.iopub_socket, "display_data", content)
                    else:
                        content["transient"] = {"display_id": progress_id}
                        self.send_response(self.iopub_socket, "update_display_data", content)
        except ServerError as error:
            why = str(error)
            self._forget_server(why)
            traceback = ["error: " + why.split("\n")[0]] + why.split("\n")[1:] + [
                "hint: the next cell starts a new gradbook session (the workspace is empty)"
            ]
            return self._error_reply("ServerCrashed", why.split("\n")[0], traceback, silent)
        if first_error is not None:
            return {
                "status": "error",
                "execution_count": self.execution_count,
                "ename": first_error["ename"],
                "evalue": first_error["evalue"],
                "traceback": first_error["traceback"],
            }
        return {"status": "ok", "execution_count": self.execution_count, "payload": [], "user_expressions": {}}

    def _error_reply(self, ename, evalue, traceback, silent):
        if not silent:
            self.send_response(self.iopub_socket, "error", {"ename": ename, "evalue": evalue, "traceback": traceback})
        return {
            "status": "error",
            "execution_count": self.execution_count,
            "ename": ename,
            "evalue": evalue,
            "traceback": traceback,
        }

    # MARK: completion, help, completeness

    def _ask(self, request, answer):
        try:
            return self._ensure_server().ask(request, answer)
        except ServerError as error:
            self._forget_server(str(error))
            return None

    async def do_complete(self, code, cursor_pos):
        cursor_pos = len(code) if cursor_pos is None else cursor_pos
        event = self._ask({"type": "complete", "code": code, "cursor": cursor_pos}, "completion")
        if event is None:
            return {"status": "ok", "matches": [], "cursor_start": cursor_pos, "cursor_end": cursor_pos, "metadata": {}}
        return {
            "status": "ok",
            "matches": event["matches"],
            "cursor_start": event["start"],
            "cursor_end": event["end"],
            "metadata": {},
        }

    async def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        cursor_pos = len(code) if cursor_pos is None else cursor_pos
        event = self._ask({"type": "inspect", "code": code, "cursor": cursor_pos}, "inspection")
        if event is None or not event["found"]:
            return {"status": "ok", "found": False, "data": {}, "metadata": {}}
        return {"status": "ok", "found": True, "data": {"text/plain": event["text"]}, "metadata": {}}

    async def do_is_complete(self, code):
        event = self._ask({"type": "is_complete", "code": code}, "completeness")
        if event is None:
            return {"status": "unknown"}
        reply = {"status": event["status"]}
        if event["status"] == "incomplete":
            reply["indent"] = event["indent"]
        return reply

    async def do_shutdown(self, restart):
        if self._server is not None:
            self._server.stop()
            self._server = None
        self._lost = None
        return {"status": "ok", "restart": restart}
