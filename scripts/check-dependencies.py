#!/usr/bin/env python3
"""Checks each target's `import` lines against the dependencies Package.swift declares for it.

SwiftPM on Linux lets a module import any module built before it, declared or not, so an
undeclared dependency compiles until the build order changes. This check fails (exit 1) when a
Swift target imports a target or product of the package it does not declare, or declares one it
never imports, or when the README's layout drawing shows other arrows than Package.swift
declares. Run by `make test`; `scripts/check-dependencies.py` from the repository root;
`--self-test` first checks the checker on a made-up package (it must catch both mistakes).

System modules (Foundation, Glibc, Testing, …) are not the package's, so they are not checked.
Text inside multi-line string literals is skipped: the PyTorch export writes Python whose
`import torch` lines are not Swift imports.
"""
import json
import os
import re
import subprocess
import sys

IMPORT = re.compile(
    r"^[ \t]*(?:@\w+[ \t]+)*import[ \t]+"
    r"(?:(?:struct|class|enum|protocol|typealias|func|var|let)[ \t]+)?([A-Za-z_]\w*)",
    re.M)
MULTILINE_STRING = re.compile(r'#*"""[\s\S]*?"""#*')
LINE_COMMENT = re.compile(r"//.*")
BLOCK_COMMENT = re.compile(r"/\*[\s\S]*?\*/")


def manifest(root):
    out = subprocess.run(["swift", "package", "dump-package"], cwd=root,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def dependency_name(dependency):
    """The module a declared dependency names: `byName`, `target` and `product` entries."""
    for kind in ("byName", "target", "product"):
        if kind in dependency:
            return dependency[kind][0]
    raise ValueError(f"unknown dependency form {dependency}")


def source_folder(target):
    if target.get("path"):
        return target["path"]
    return os.path.join("Tests" if target["type"] == "test" else "Sources", target["name"])


def imports_in(folder):
    """Module name → the first file that imports it, over the folder's Swift files."""
    found = {}
    for directory, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if not name.endswith(".swift"):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = MULTILINE_STRING.sub("", BLOCK_COMMENT.sub("", text))
            text = LINE_COMMENT.sub("", text)
            for module in IMPORT.findall(text):
                found.setdefault(module, path)
    return found


def problems(package, root):
    """One line per undeclared or unused dependency."""
    modules = {t["name"] for t in package["targets"]}
    # The external products targets use (ArgumentParser, …) are the modules they name.
    for target in package["targets"]:
        for dependency in target.get("dependencies", []):
            if "product" in dependency:
                modules.add(dependency["product"][0])
    lines = []
    for target in package["targets"]:
        if target["type"] in ("system", "binary", "plugin", "macro"):
            continue
        folder = os.path.join(root, source_folder(target))
        if not any(n.endswith(".swift") for _, _, names in os.walk(folder) for n in names):
            continue  # a C target: its headers are its interface, not import lines
        imported = {m: f for m, f in imports_in(folder).items() if m in modules}
        declared = {dependency_name(d) for d in target.get("dependencies", [])}
        for module in sorted(set(imported) - declared - {target["name"]}):
            where = os.path.relpath(imported[module], root)
            lines.append(f"{target['name']}: imports {module} ({where}) but does not declare it")
        for module in sorted(declared - set(imported)):
            lines.append(f"{target['name']}: declares {module} but no file imports it")
    return lines


DRAWN_ARROWS = re.compile(r"^(\w+) *─*► *(.*)$", re.M)
DRAWN_LEAF = re.compile(r"^(\w+) +\(imports nothing\)$", re.M)


def drawing_problems(package, readme):
    """The README's layout drawing ("Workbench ──► Interop, Plots, …") against the manifest:
    every library and executable target drawn, each with exactly its declared dependencies."""
    drawn = {name: {d.strip() for d in rest.split(",") if d.strip()}
             for name, rest in DRAWN_ARROWS.findall(readme)}
    drawn.update({name: set() for name in DRAWN_LEAF.findall(readme)})
    lines = []
    for target in package["targets"]:
        if target["type"] in ("test", "plugin", "macro"):
            continue
        declared = {dependency_name(d) for d in target.get("dependencies", [])}
        if target["name"] not in drawn:
            if declared:
                lines.append(f"README layout: {target['name']} is not drawn")
        elif drawn[target["name"]] != declared:
            lines.append(f"README layout: {target['name']} drawn with {sorted(drawn[target['name']])}, "
                         f"declared with {sorted(declared)}")
    return lines


def self_test():
    """The checker on a made-up package: one target right, one with an undeclared and an unused
    dependency, one whose only `import` is Python inside a multi-line string."""
    import tempfile
    sources = {
        "Sources/Low/Low.swift": "import Foundation\npublic enum Low {}\n",
        "Sources/Mid/Mid.swift": "#if canImport(Glibc)\nimport Glibc\n#endif\n@testable import Low\n",
        "Sources/Top/Top.swift": "// import Mid\nimport Low\nlet script = \"\"\"\nimport Mid\n\"\"\"\n",
        "Sources/Script/Script.swift": "let python = \"\"\"\nimport Low\n\"\"\"\n",
        "Sources/CLow/low.c": "int low(void) { return 0; }\n",
    }
    def target(name, *dependencies):
        return {"name": name, "type": "regular", "dependencies": [{"byName": [d, None]} for d in dependencies]}
    package = {"dependencies": [], "targets": [
        target("CLow"), target("Low"), target("Mid", "Low"), target("Top", "Mid"), target("Script")]}
    with tempfile.TemporaryDirectory() as root:
        for path, text in sources.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                f.write(text)
        found = problems(package, root)
    expected = ["Top: imports Low (Sources/Top/Top.swift) but does not declare it",
                "Top: declares Mid but no file imports it"]
    drawing = "Low (imports nothing)\nMid ──► Low\nTop ──► Low\n"
    expected += ["README layout: Top drawn with ['Low'], declared with ['Mid']"]
    found += drawing_problems(package, drawing)
    if found != expected:
        print(f"check-dependencies self-test failed: {found} != {expected}", file=sys.stderr)
        return 1
    return 0


def main():
    if "--self-test" in sys.argv[1:] and self_test() != 0:
        return 1
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    package = manifest(root)
    with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    found = problems(package, root) + drawing_problems(package, readme)
    for line in found:
        print(line, file=sys.stderr)
    if found:
        print(f"Package.swift: {len(found)} dependency mismatch(es); declare what each target "
              "imports, and only that", file=sys.stderr)
        return 1
    print("Package.swift declares every target's imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
