"""Renders a gradbook HTML notebook in headless Chromium and checks what a reader would see.

usage: check_html_in_browser.py PAGE CELLS PLOTS OUTDIR

Checks, printing each as it passes and exiting 1 at the first failure:
  1. the DOM after rendering (--dump-dom) has CELLS `section.cell` elements, each with an
     `In [n]:` prompt and a source, PLOTS inline <svg> plots, and no <script> at all;
  2. the page logged nothing to the console (no script errors, no blocked loads: the page's
     Content-Security-Policy blocks anything fetched, and Chromium logs each such attempt);
  3. a screenshot (--screenshot) is not blank: decoded here with zlib and struct (no PIL), it
     has a share of non-white pixels and the plots' blue.
"""
import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("skipped: no chromium on PATH")


def run_chromium(args, profile):
    flags = ["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--force-device-scale-factor=1",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--no-first-run"]
    return subprocess.run([chromium()] + flags + args, capture_output=True, text=True, timeout=120)


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


class DomReader(html.parser.HTMLParser):
    """Counts cells, their prompts and sources, inline plots and scripts."""

    def __init__(self):
        super().__init__()
        self.cells, self.prompts, self.sources, self.plots, self.scripts = 0, [], 0, 0, 0
        self.stack, self.in_prompt = [], False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "section" and "cell" in classes:
            self.cells += 1
        if tag == "div" and "prompt" in classes:
            self.in_prompt, self.prompt_text = True, ""
        if tag == "pre" and "source" in classes:
            self.sources += 1
        if tag == "svg" and self.stack and self.stack[-1] == "figure.plot":
            self.plots += 1
        if tag == "script":
            self.scripts += 1
        self.stack.append(tag + ("." + classes[0] if classes else ""))

    def handle_endtag(self, tag):
        if tag == "div" and self.in_prompt:
            self.in_prompt = False
            self.prompts.append(self.prompt_text)
        while self.stack:
            if self.stack.pop().split(".")[0] == tag:
                break

    def handle_data(self, data):
        if self.in_prompt:
            self.prompt_text += data


def decode_png(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("the screenshot is not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            if depth != 8 or color not in (2, 6):
                fail(f"unexpected PNG format: depth {depth}, colour type {color}")
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride, rows, previous = width * channels, [], bytearray(width * channels)
    for y in range(height):
        filter_type, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if filter_type == 1:
                line[i] = (line[i] + a) & 255
            elif filter_type == 2:
                line[i] = (line[i] + b) & 255
            elif filter_type == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif filter_type == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return width, height, rows


def main(page, cells, plots, outdir):
    cells, plots = int(cells), int(plots)
    url = "file://" + os.path.abspath(page)
    with tempfile.TemporaryDirectory() as profile:
        dom = run_chromium(["--dump-dom", url], profile)
    if dom.returncode != 0:
        fail(f"chromium --dump-dom exited {dom.returncode}: {dom.stderr[-2000:]}")
    reader = DomReader()
    reader.feed(dom.stdout)
    if reader.cells != cells or reader.sources != cells:
        fail(f"{reader.cells} cells and {reader.sources} sources in the DOM, expected {cells}")
    if sum(p.startswith("In [") for p in reader.prompts) != cells:
        fail(f"In [n]: prompts: {reader.prompts}")
    if reader.plots != plots:
        fail(f"{reader.plots} inline plots in the DOM, expected {plots}")
    if reader.scripts:
        fail(f"{reader.scripts} <script> elements in the DOM")
    print(f"ok: the DOM has {cells} cells and {plots} plots, and no script")

    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    if console:
        fail("console messages:\n" + "\n".join(console))
    print("ok: nothing logged to the console")

    shot = os.path.join(outdir, "page.png")
    with tempfile.TemporaryDirectory() as profile:
        result = run_chromium([f"--screenshot={shot}", "--window-size=1000,1600", url], profile)
    if result.returncode != 0 or not os.path.exists(shot):
        fail(f"chromium --screenshot exited {result.returncode}: {result.stderr[-2000:]}")
    width, height, rows = decode_png(shot)
    pixels = [p for row in rows[::2] for p in row[::2]]
    inked = sum(1 for r, g, b in pixels if r + g + b < 720) / len(pixels)
    blue = sum(1 for r, g, b in pixels if abs(r - 0x1F) < 40 and abs(g - 0x77) < 40 and abs(b - 0xB4) < 40)
    if inked < 0.02:
        fail(f"the screenshot is almost blank ({inked:.1%} of pixels are not white)")
    if blue < 50:
        fail(f"the screenshot shows no plot colour ({blue} blue pixels)")
    print(f"ok: the {width}×{height} screenshot is not blank ({inked:.1%} inked, {blue} plot-blue pixels sampled)")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
