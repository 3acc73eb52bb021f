"""A running gradbook kernel and a client for it, with helpers that collect a cell's messages."""

import os
import time
from contextlib import contextmanager

from jupyter_client.manager import start_new_kernel

TIMEOUT = 120


@contextmanager
def gradbook_kernel(cwd=None, env=None):
    kwargs = {"cwd": str(cwd)} if cwd else {}
    if env:
        kwargs["env"] = dict(os.environ, **env)
    km, kc = start_new_kernel(kernel_name="gradbook", startup_timeout=TIMEOUT, **kwargs)
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def execute(kc, code, timeout=TIMEOUT, on_output=None):
    """Runs a cell: (the execute_reply's content, the iopub messages of the cell in order).
    `on_output(msg)` sees each output message as it comes."""
    msg_id = kc.execute(code)
    outputs = []
    deadline = time.monotonic() + timeout
    idle = False
    while not idle:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        if kind == "status":
            idle = msg["content"]["execution_state"] == "idle"
        elif kind != "execute_input":
            outputs.append(msg)
            if on_output:
                on_output(msg)
    return reply_to(kc, msg_id, timeout=max(0.1, deadline - time.monotonic())), outputs


def reply_to(kc, msg_id, timeout=TIMEOUT):
    """The content of the shell reply to `msg_id` (replies to earlier requests are skipped)."""
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]


def text_of(outputs):
    """The stream text and execute_result texts of a cell, in order, as one string."""
    parts = []
    for msg in outputs:
        if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
            parts.append(msg["content"]["text"])
        elif msg["msg_type"] == "execute_result":
            parts.append(msg["content"]["data"]["text/plain"] + "\n")
    return "".join(parts)


def cell_text(cell):
    """A cell's text as `gradbook run` prints it: its stdout stream, values and the plots'
    terminal drawings (each plot's text form), in order."""
    parts = []
    for out in cell.outputs:
        if out.output_type == "stream" and out.name == "stdout":
            parts.append(out.text)
        elif out.output_type == "execute_result":
            parts.append(out.data["text/plain"] + "\n")
        elif out.output_type == "display_data" and "image/svg+xml" in out.data:
            parts.append(out.data["text/plain"] + "\n")
    return "".join(parts)


def plots(cell):
    """The SVG plots of a cell (not fit's progress display)."""
    return [out.data["image/svg+xml"] for out in cell.outputs
            if out.output_type == "display_data" and "image/svg+xml" in out.data]
