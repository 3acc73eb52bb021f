"""The Jupyter kernel of gradbook, on ipykernel's wrapper-kernel API.

`GradbookKernel` starts one `gradbook kernel-server` process per kernel and speaks JSON lines
with it (see `server.py`); `gradbook kernel install` writes the kernelspec that runs
`python -m gradbook_kernel`.
"""

__version__ = "0.1.0"
