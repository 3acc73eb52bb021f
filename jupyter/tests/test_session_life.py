"""The kernel's session through interrupts, bad input, a crashed server and a restart."""

import os
import re
import signal
import time

from kernel_client import TIMEOUT, cell_text, execute, gradbook_kernel, reply_to, text_of


def server_pid(km):
    """The kernel's `gradbook kernel-server` child."""
    kernel = km.provisioner.process.pid
    for _ in range(100):
        with open("/proc/%d/task/%d/children" % (kernel, kernel)) as f:
            for pid in f.read().split():
                with open("/proc/%s/cmdline" % pid, "rb") as c:
                    if b"kernel-server" in c.read():
                        return int(pid)
        time.sleep(0.1)
    raise AssertionError("no kernel-server under the kernel")


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for_output(kc, msg_id, kind="stream"):
    """Reads iopub until the cell `msg_id` has produced a message of `kind`."""
    deadline = time.monotonic() + TIMEOUT
    outputs = []
    while time.monotonic() < deadline:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] not in ("status", "execute_input"):
            outputs.append(msg)
            if msg["msg_type"] == kind:
                return outputs
    raise AssertionError("no %s output" % kind)


def finish(kc, msg_id):
    """The rest of a running cell's outputs, then its reply."""
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return reply_to(kc, msg_id), outputs
        if msg["msg_type"] not in ("status", "execute_input"):
            outputs.append(msg)


SETUP = """data = dataset("moons", n=256, seed=0)
model = sequential(dense(16, relu, input=2), dense(1, sigmoid))
compile model optimizer=adam(lr=0.01) loss=bce metrics=accuracy
before = sum(model[0].W)"""


def test_an_interrupt_stops_fit_within_a_second_and_keeps_its_steps():
    with gradbook_kernel() as (km, kc):
        assert execute(kc, SETUP)[0]["status"] == "ok"
        msg_id = kc.execute("fit model data epochs=10000 batch=32")
        early = wait_for_output(kc, msg_id, "stream")  # an epoch has ended
        asked = time.monotonic()
        km.interrupt_kernel()
        reply, outputs = finish(kc, msg_id)
        took = time.monotonic() - asked
        assert took < 1.0, "the interrupted cell answered after %.2f s" % took
        assert reply["status"] == "ok"
        text = text_of(early + outputs)
        assert re.search(r"interrupted at epoch \d+, after step \d+: the model keeps every completed step", text)
        epochs = len(re.findall(r"^epoch +\d+/10000 ", text, re.M))
        assert epochs >= 1
        # The model kept the completed epochs (its history has one row each) and its trained weights.
        assert text_of(execute(kc, "model.history.epochs")[1]) == "%d\n" % epochs
        assert float(text_of(execute(kc, "abs(sum(model[0].W) - before)")[1])) > 0
        # The next cell runs, and is not interrupted by the interrupt that is over.
        reply, outputs = execute(kc, "fit model data epochs=1 batch=32")
        assert reply["status"] == "ok"
        # Each fit numbers its epochs from 1, and the history keeps growing across calls.
        assert re.fullmatch(r"epoch 1/1  loss: \S+  accuracy: \S+\n", text_of(outputs))
        assert text_of(execute(kc, "model.history.epochs")[1]) == "%d\n" % (epochs + 1)


def test_an_interrupt_stops_a_loop_and_the_rest_of_the_cell():
    with gradbook_kernel() as (km, kc):
        msg_id = kc.execute('n = 0\nrepeat 100000000\n  n = n + 1\nend\nshow "not reached"')
        time.sleep(1.0)
        km.interrupt_kernel()
        reply, outputs = finish(kc, msg_id)
        assert reply["status"] == "ok"
        assert "iterations (the work of those is kept)" in text_of(outputs)
        assert "not reached" not in text_of(outputs)
        assert float(text_of(execute(kc, "n")[1])) > 0


def test_a_second_interrupt_ends_a_statement_that_cannot_stop():
    # Matrix products have no step boundary: the first interrupt cannot stop them, the second
    # (a second or more later) ends the server, and the cell answers at once.
    with gradbook_kernel(env={"GRADBOOK_THREADS": "1"}) as (km, kc):
        assert execute(kc, "a = randn(3000, 3000)")[0]["status"] == "ok"
        msg_id = kc.execute("b = a @ a @ a @ a @ a @ a @ a @ a")
        time.sleep(0.5)
        km.interrupt_kernel()
        time.sleep(1.2)
        asked = time.monotonic()
        km.interrupt_kernel()
        reply, outputs = finish(kc, msg_id)
        assert time.monotonic() - asked < 1.0
        assert reply["status"] == "error" and reply["ename"] == "ServerCrashed"
        assert "SIGKILL" in reply["evalue"]
        reply, outputs = execute(kc, "1 + 1")
        assert reply["status"] == "ok" and text_of(outputs) == "2.0000\n"


def test_bad_input_gets_an_error_reply_and_the_session_goes_on():
    with gradbook_kernel() as (km, kc):
        assert execute(kc, "kept = 5")[0]["status"] == "ok"
        for code, ename, message in [
            ("x = (1 +", "SyntaxError", "expected an expression after '+', found end of input"),
            ("zeros(100000, 100000, 100000)", "TensorError", "exceeds the allocation limit"),
            ("kept2 * 2", "NameError", "unknown name 'kept2'"),
            ("kept = zeros(2) @ zeros(3)", "TensorError", "[2]"),
        ]:
            reply, outputs = execute(kc, code)
            assert reply["status"] == "error", code
            assert reply["ename"] == ename, code
            assert message in reply["evalue"], code
            errors = [m for m in outputs if m["msg_type"] == "error"]
            assert len(errors) == 1 and errors[0]["content"]["traceback"][0].startswith("error: ")
            assert any("^" in line for line in errors[0]["content"]["traceback"]), code
        # Nothing changed: `kept` is as it was, and the next statement runs.
        assert text_of(execute(kc, "kept")[1]) == "5.0000\n"


def test_a_crashed_server_is_reported_and_the_next_cell_starts_a_new_session():
    with gradbook_kernel() as (km, kc):
        assert execute(kc, SETUP)[0]["status"] == "ok"
        msg_id = kc.execute("fit model data epochs=10000 batch=32")
        wait_for_output(kc, msg_id, "stream")
        os.kill(server_pid(km), signal.SIGKILL)
        reply, outputs = finish(kc, msg_id)
        assert reply["status"] == "error"
        assert reply["ename"] == "ServerCrashed"
        assert "SIGKILL (exit status 137)" in reply["evalue"]
        assert any("next cell starts a new gradbook session" in line for line in reply["traceback"])
        reply, outputs = execute(kc, "1 + 1")
        assert reply["status"] == "ok"
        notes = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
        assert len(notes) == 1 and "new, empty session" in notes[0] and "SIGKILL" in notes[0]
        assert text_of(outputs) == "2.0000\n"
        assert execute(kc, "model")[0]["ename"] == "NameError"


def test_an_idle_server_that_died_is_replaced_with_a_note():
    with gradbook_kernel() as (km, kc):
        execute(kc, "kept = 5")
        os.kill(server_pid(km), signal.SIGTERM)
        time.sleep(0.5)
        reply, outputs = execute(kc, "kept")
        notes = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"]
        assert len(notes) == 1 and "SIGTERM" in notes[0]
        assert reply["ename"] == "NameError"


def test_restart_gives_a_fresh_session_and_ends_the_old_server():
    with gradbook_kernel() as (km, kc):
        execute(kc, "kept = 5")
        old = server_pid(km)
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=TIMEOUT)
        for _ in range(50):
            if not alive(old):
                break
            time.sleep(0.1)
        assert not alive(old)
        reply, _ = execute(kc, "kept")
        assert reply["status"] == "error" and reply["ename"] == "NameError"
        reply, outputs = execute(kc, "kept = 6\nkept")
        assert text_of(outputs) == "6.0000\n"
        assert reply["execution_count"] == 3  # numbering starts again too (cell 1 is the failed `kept`)


def test_a_notebook_interrupted_then_exported_reruns_to_the_same_step(scratch):
    import subprocess
    import sys

    import nbformat

    with gradbook_kernel(cwd=scratch) as (km, kc):
        assert execute(kc, SETUP)[0]["status"] == "ok"
        msg_id = kc.execute("fit model data epochs=10000 batch=32")
        wait_for_output(kc, msg_id, "stream")
        km.interrupt_kernel()
        reply, outputs = finish(kc, msg_id)
        stopped = re.search(r"interrupted at epoch \d+, after step \d+", text_of(outputs)).group(0)
        assert execute(kc, "evaluate model data")[0]["status"] == "ok"
        assert execute(kc, 'export session "stopped.ipynb"')[0]["status"] == "ok"
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--output", "rerun.ipynb", "stopped.ipynb"], cwd=str(scratch), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    saved = [c for c in nbformat.read(str(scratch / "stopped.ipynb"), as_version=4).cells if c.cell_type == "code"]
    rerun = [c for c in nbformat.read(str(scratch / "rerun.ipynb"), as_version=4).cells if c.cell_type == "code"]

    def texts(cells):
        return [cell_text(c) for c in cells]

    # The stopped fit is saved with the check it stopped at, and reruns to the same step, so
    # the evaluation after it agrees too.
    assert any(stopped in t for t in texts(saved))
    assert texts(rerun) == texts(saved)


def test_errors_of_a_nested_run_go_to_stderr(scratch):
    # A script's failing statement does not fail the `run` cell; it is reported on stderr,
    # as `gradbook run` reports it, and the statements after it still run.
    (scratch / "bad.grad").write_text("a = 1\nb = nope * 2\nc = 3\n")
    with gradbook_kernel(cwd=scratch) as (km, kc):
        reply, outputs = execute(kc, 'run "bad.grad"')
        assert reply["status"] == "ok"
        streams = [m["content"] for m in outputs if m["msg_type"] == "stream"]
        errors = "".join(s["text"] for s in streams if s["name"] == "stderr")
        assert "unknown name 'nope'" in errors, streams
        assert text_of(execute(kc, "c")[1]) == "3.0000\n"
