"""Notebooks under the kernel: the tour executed by nbclient gives the outputs of `gradbook run`
of the same statements, and a notebook exported by `export session` re-executes under the
kernel (with `jupyter nbconvert --execute`, as a user would) to the outputs it was saved with."""

import os
import subprocess
import sys

import nbformat
from nbclient import NotebookClient

from conftest import GRADBOOK
from kernel_client import cell_text, plots
from tour import TOUR


def run_echo(statements, cwd):
    """`gradbook run --echo` of the statements: each statement's output, in order."""
    path = os.path.join(cwd, "script.grad")
    with open(path, "w") as f:
        f.write("\n".join(statements) + "\n")
    out = subprocess.run([GRADBOOK, "run", "--echo", path], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    chunks = []
    for line in out.stdout.splitlines(keepends=True):
        if line.startswith("In ["):
            chunks.append("")
        else:
            chunks[-1] += line
    assert len(chunks) == len(statements)
    return chunks


def test_the_tour_in_a_notebook_prints_what_gradbook_run_prints(scratch):
    expected = run_echo(TOUR, str(scratch))
    assert "autodiff: ∂L/∂w" in expected[TOUR.index("chain L w")]
    assert expected[TOUR.index("fit model train epochs=3 batch=32")].startswith("epoch 1/3  loss: ")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "gradbook", "display_name": "gradbook", "language": "gradbook"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in TOUR]
    NotebookClient(nb, kernel_name="gradbook", timeout=600, resources={"metadata": {"path": str(scratch)}}).execute()
    for statement, cell, text in zip(TOUR, nb.cells, expected):
        assert cell_text(cell) == text, statement
        assert cell.execution_count == TOUR.index(statement) + 1
    plot_cell = nb.cells[TOUR.index("plot model.history")]
    history_plots = plots(plot_cell)
    # The drawings are the plots' text forms, not repeated in the stream.
    assert [out.output_type for out in plot_cell.outputs] == ["display_data", "display_data"]
    # Two panels (loss, accuracy), each the SVG that file="p.svg" writes.
    assert len(history_plots) == 2
    assert all("<svg" in svg and svg.rstrip().endswith("</svg>") for svg in history_plots)
    assert sum(len(plots(c)) for c in nb.cells) == 2
    nbformat.validate(nb)


def test_an_exported_session_reexecutes_under_the_kernel_to_the_same_outputs(scratch):
    script = os.path.join(str(scratch), "tour.grad")
    with open(script, "w") as f:
        f.write("\n".join(TOUR + ['export session "tour.ipynb"']) + "\n")
    out = subprocess.run([GRADBOOK, "run", script], cwd=str(scratch), capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    exported = nbformat.read(os.path.join(str(scratch), "tour.ipynb"), as_version=4)
    assert exported.metadata.kernelspec.name == "gradbook"
    assert exported.metadata.language_info.file_extension == ".grad"
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
         "--ExecutePreprocessor.timeout=600", "--output", "executed.ipynb", "tour.ipynb"],
        cwd=str(scratch), capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    executed = nbformat.read(os.path.join(str(scratch), "executed.ipynb"), as_version=4)
    code = [c for c in exported.cells if c.cell_type == "code"]
    rerun = [c for c in executed.cells if c.cell_type == "code"]
    assert len(code) == len(rerun) == len(TOUR)
    for saved, again in zip(code, rerun):
        assert cell_text(again) == cell_text(saved), saved.source
        assert again.execution_count == saved.execution_count
        strip = lambda svg: svg[svg.index("<svg"):].strip()
        assert [strip(s) for s in plots(again)] == [strip(s) for s in plots(saved)], saved.source
