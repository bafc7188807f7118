#!/usr/bin/env python3
"""Compares the instance tree GHDL elaborates (`ghdl -r TOP --disp-tree=inst`) with `hdl hierarchy --top TOP --json`.

Both trees become sets of lines `path : entity(architecture)`, where a path is the chain of instance labels and
generate labels from the top down. For-generate indices are dropped (`gen(3)` becomes `gen`) because hdl lists an
instance inside a for-generate once with its loop instead of unrolling it; GHDL's if-generate branches that are not
taken hold nothing and so leave no line. Usage: compare.py GHDL_TREE_FILE HDL_JSON_FILE; prints both counts and the
lines only one side has; exit 0 when they agree.
"""
import json
import re
import sys

LINE = re.compile(r"^(?P<indent>[ |`+\-]*)(?P<name>[^ ]+) \[(?P<kind>[^\]]+)\]$")


def ghdl_paths(path):
    paths = set()
    stack = []  # (depth, label or None, kind)
    pending = None  # instance waiting for its entity/architecture lines
    for raw in open(path, encoding="utf-8", errors="replace"):
        line = raw.rstrip("\n")
        match = LINE.match(line)
        if not match:
            continue
        depth = len(match.group("indent")) // 2
        name, kind = match.group("name"), match.group("kind")
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if kind in ("package", "package body"):
            continue
        if kind == "entity":
            if pending is not None:
                pending["entity"] = name
            stack.append((depth, None, kind))
            continue
        if kind == "arch":
            if pending is not None:
                pending["arch"] = name
                paths.add(f"{pending['path']} : {pending['entity']}({name})".lower())
                pending = None
            stack.append((depth, None, kind))
            continue
        label = re.sub(r"\(.*\)$", "", name)
        if kind == "instance":
            chain = [entry[1] for entry in stack if entry[1]] + [label]
            pending = {"path": ".".join(chain), "entity": "?"}
        stack.append((depth, label if kind == "instance" or "generate" in kind or kind == "block" else None, kind))
    return paths


def hdl_paths(path):
    document = json.load(open(path, encoding="utf-8"))
    paths = set()

    def walk(node, prefix):
        for child in node.get("children", []):
            chain = f"{prefix}.{child['name']}" if prefix else child["name"]
            architecture = child.get("architecture") or "?"
            paths.add(f"{chain} : {child['unit']}({architecture})".lower())
            walk(child, chain)

    for top in document.get("tops", []):
        walk(top, "")
    return paths


def main():
    ghdl, ours = ghdl_paths(sys.argv[1]), hdl_paths(sys.argv[2])
    print(f"ghdl: {len(ghdl)} instance paths; hdl: {len(ours)} instance paths; common: {len(ghdl & ours)}")
    for line in sorted(ghdl - ours):
        print(f"  only ghdl: {line}")
    for line in sorted(ours - ghdl):
        print(f"  only hdl:  {line}")
    return 0 if ghdl == ours else 1


if __name__ == "__main__":
    sys.exit(main())
