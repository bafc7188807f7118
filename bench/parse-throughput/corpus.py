"""Assembles the benchmark corpora from checkouts under a corpus folder and records them for reproducibility.

Rules, so the same checkouts always give the same corpus:
- Verilog/SystemVerilog: every *.v and *.sv file of the listed repositories, in path order, identical copies
  (same bytes) kept once. A file whose name appears in an `include "..."` is a header, not a compilation unit.
- Include directories: the folders holding each included name, found by path suffix, in path order.
- Packages first: files declaring a package come first, ordered so a package follows the packages it names with
  `pkg::` (tools that resolve packages while parsing, like yosys and iverilog, need that order).
- VHDL: every *.vhd and *.vhdl file of the VHDL repositories, identical copies kept once.
"""
import hashlib
import os
import re

SV_REPOS = ["ibex", "cva6", "cv32e40p", "verilog-ethernet", "serv", "picorv32"]
VHDL_REPOS = ["neorv32", "OSVVM", "open-logic", "vunit"]
SV_DEFINES = ["SYNTHESIS"]
SKIP_DIRS = {".git", "node_modules", "obj", "bin"}

INCLUDE_RE = re.compile(rb'^\s*`include\s+"([^"]+)"', re.M)
PACKAGE_RE = re.compile(rb'^\s*package\s+(?:automatic\s+|static\s+)?(\w+)\s*;', re.M)
PACKAGE_USE_RE = re.compile(rb'\b(\w+)::')


def count_lines(data: bytes) -> int:
    """Lines as `wc -l` counts them, plus a last line without a newline (the rule `hdl parse` uses)."""
    count = data.count(b"\n")
    return count + 1 if data and not data.endswith(b"\n") else count


def walk(root, extensions):
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in extensions:
                found.append(os.path.join(folder, name))
    return sorted(found)


def assemble_sv(corpus_root):
    all_files = []
    for repo in SV_REPOS:
        all_files += walk(os.path.join(corpus_root, repo), {".v", ".sv", ".svh", ".vh"})
    contents = {path: open(path, "rb").read() for path in all_files}
    included = set()
    for data in contents.values():
        included.update(name.decode("utf-8", "replace") for name in INCLUDE_RE.findall(data))
    include_dirs = set()
    for name in included:
        suffix = "/" + name
        for path in all_files:
            if path.endswith(suffix):
                include_dirs.add(path[: -len(suffix)])
    header_names = {os.path.basename(name) for name in included}
    seen_hashes = set()
    units = []
    for path in all_files:
        if os.path.splitext(path)[1] not in (".v", ".sv") or os.path.basename(path) in header_names:
            continue
        digest = hashlib.sha1(contents[path]).hexdigest()
        if digest in seen_hashes:
            continue
        seen_hashes.add(digest)
        units.append(path)
    units = packages_first(units, contents)
    rel = lambda p: os.path.relpath(p, corpus_root)
    return {
        "files": [rel(p) for p in units],
        "include_dirs": sorted(rel(d) for d in include_dirs),
        "defines": list(SV_DEFINES),
        "lines": {rel(p): count_lines(contents[p]) for p in units},
        "packages": {rel(p) for p in units if PACKAGE_RE.search(contents[p])},
    }


def packages_first(units, contents):
    declared = {}
    for path in units:
        for name in PACKAGE_RE.findall(contents[path]):
            declared.setdefault(name, path)
    package_files = [p for p in units if PACKAGE_RE.search(contents[p])]
    ordered, state = [], {}

    def visit(path):
        if state.get(path) == "done" or state.get(path) == "visiting":
            return
        state[path] = "visiting"
        for used in sorted(set(PACKAGE_USE_RE.findall(contents[path]))):
            dependency = declared.get(used)
            if dependency and dependency != path:
                visit(dependency)
        state[path] = "done"
        ordered.append(path)

    for path in package_files:
        visit(path)
    rest = [p for p in units if p not in state]
    return ordered + rest


def assemble_vhdl(corpus_root):
    files, seen = [], set()
    lines = {}
    for repo in VHDL_REPOS:
        for path in walk(os.path.join(corpus_root, repo), {".vhd", ".vhdl"}):
            data = open(path, "rb").read()
            digest = hashlib.sha1(data).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            rel = os.path.relpath(path, corpus_root)
            files.append(rel)
            lines[rel] = count_lines(data)
    return {"files": files, "lines": lines}
