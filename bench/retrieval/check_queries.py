#!/usr/bin/env python3
"""Validate the retrieval evaluation query set (queries.jsonl).

    python3 bench/retrieval/check_queries.py [QUERIES.jsonl] [NAME=PATH ...]

Checks every line: valid JSON with the fields id, repo, granularity, query, gold; unique ids; a known
repo; gold entries that fit the granularity. Against the repository sources it checks that a gold file
exists and its line span lies inside the file, that a gold unit (module, interface, package, program,
VHDL entity or package) is declared in that repository, and that a gold signal is declared inside that
unit (port, net, variable, VHDL signal or variable). It also rejects queries that spell out the answer's
identifier, since the set measures search by description.

Repository roots default to: examples -> the examples/ folder next to bench/; the others ->
$HDL_CORPUS/<name>, else /work/corpus/<name>. Override with NAME=PATH. Exit status 1 when any problem
is found. Standard library only.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KNOWN_REPOS = ("examples", "picorv32", "verilog-ethernet", "neorv32", "ibex", "serv", "cv32e40p", "open-logic")
GRANULARITIES = ("module", "block", "signal")
SV_EXT = (".v", ".sv", ".vh", ".svh")
VHDL_EXT = (".vhd", ".vhdl")


def default_roots():
    corpus = os.environ.get("HDL_CORPUS") or "/work/corpus"
    roots = {name: os.path.join(corpus, name) for name in KNOWN_REPOS if name != "examples"}
    roots["examples"] = os.path.normpath(os.path.join(HERE, "..", "..", "examples"))
    return roots


# ---------------------------------------------------------------------------------------------------
# Source scanning
# ---------------------------------------------------------------------------------------------------

def strip_sv_comments(text):
    # Comments are blanked (newlines kept) so that a commented-out declaration never counts.
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def strip_vhdl_comments(text):
    return re.sub(r"--[^\n]*", "", text)


SV_UNIT = re.compile(r"^\s*(?:extern\s+)?(module|macromodule|interface|package|program)\s+"
                     r"(?:automatic\s+|static\s+)?([A-Za-z_]\w*)", re.M)
SV_END = {"module": "endmodule", "macromodule": "endmodule", "interface": "endinterface",
          "package": "endpackage", "program": "endprogram"}
VHDL_ENTITY = re.compile(r"^\s*entity\s+(\w+)\s+is\b", re.M | re.I)
VHDL_PACKAGE = re.compile(r"^\s*package\s+(?:body\s+)?(\w+)\s+is\b", re.M | re.I)
VHDL_ARCH = re.compile(r"^\s*architecture\s+\w+\s+of\s+(\w+)\s+is\b", re.M | re.I)
VHDL_UNIT_START = re.compile(r"^\s*(?:entity|architecture|package|configuration|context)\b", re.M | re.I)


class RepoIndex:
    """Units declared in one repository: name -> list of (relative file, unit text without comments)."""

    def __init__(self, root):
        self.root = root
        self.units = defaultdict(list)   # SystemVerilog names are case-sensitive
        self.vhdl_units = defaultdict(list)  # VHDL names lower-cased
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if os.path.islink(path):
                    continue
                lower = name.lower()
                if lower.endswith(SV_EXT):
                    self._scan_sv(path)
                elif lower.endswith(VHDL_EXT):
                    self._scan_vhdl(path)

    def _read(self, path):
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def _scan_sv(self, path):
        text = strip_sv_comments(self._read(path))
        rel = os.path.relpath(path, self.root)
        for m in SV_UNIT.finditer(text):
            end = re.compile(r"\b" + SV_END[m.group(1)] + r"\b").search(text, m.end())
            body = text[m.start():end.end() if end else len(text)]
            self.units[m.group(2)].append((rel, body))

    def _scan_vhdl(self, path):
        text = strip_vhdl_comments(self._read(path))
        rel = os.path.relpath(path, self.root)
        starts = [m.start() for m in VHDL_UNIT_START.finditer(text)] + [len(text)]

        def section(pos):
            following = [s for s in starts if s > pos]
            return text[pos:following[0] if following else len(text)]

        for pattern in (VHDL_ENTITY, VHDL_PACKAGE, VHDL_ARCH):
            for m in pattern.finditer(text):
                # An architecture's signals belong to its entity; a package body to its package.
                self.vhdl_units[m.group(1).lower()].append((rel, section(m.start())))

    def declared(self, unit):
        hits = list(self.units.get(unit, []))
        for key in (unit.lower(),):
            if key in self.vhdl_units and any(p for p, _ in self.vhdl_units[key]):
                hits += [(rel, body) for rel, body in self.vhdl_units[key]
                         if self._declares_vhdl_unit(body, unit)]
        return hits

    @staticmethod
    def _declares_vhdl_unit(body, unit):
        head = body.lstrip().split(None, 1)[0].lower() if body.strip() else ""
        return head in ("entity", "package", "architecture")


SV_DECL_KEYWORDS = (r"input|output|inout|ref|reg|wire|logic|bit|byte|int|integer|shortint|longint|real|"
                    r"realtime|time|var|tri|tri0|tri1|triand|trior|supply0|supply1|wand|wor|uwire|"
                    r"signed|unsigned|genvar|string|event")


def remove_brackets(text):
    # Ranges such as [$clog2(N)-1:0] contain parentheses and '='-free arithmetic; drop them first.
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r"\[[^\[\]]*\]", " ", text)
    return text


def sv_declares(body, signal):
    flat = remove_brackets(body)
    name = re.escape(signal)
    # keyword declaration: the name is in the declared list (before any '=' or ';').
    keyword = re.compile(r"\b(?:" + SV_DECL_KEYWORDS + r")\b[^;=(){}]*?(?<![.\w$])" + name + r"\b(?!\s*\()")
    if keyword.search(flat):
        return True
    # user-defined type: "state_e state_q;", "pkg::desc_t desc_q, other;"
    typed = re.compile(r"(?m)^\s*(?:(?:const|static|automatic|var)\s+)?[A-Za-z_]\w*(?:::\w+)?\s+"
                       r"(?:[A-Za-z_]\w*\s*,\s*)*" + name + r"\s*[;,=]")
    return bool(typed.search(flat))


def vhdl_declares(body, signal):
    target = signal.lower()
    for m in re.finditer(r"\b(?:signal|variable|shared\s+variable)\s+([\w\s,]+?)\s*:", body, re.I):
        if target in (n.strip().lower() for n in m.group(1).split(",")):
            return True
    for m in re.finditer(r"(?:^|[(;])\s*([\w\s,]+?)\s*:\s*(?:in|out|inout|buffer|linkage)\b", body, re.I | re.M):
        if target in (n.strip().lower() for n in m.group(1).split(",")):
            return True
    return False


# ---------------------------------------------------------------------------------------------------
# Query checks
# ---------------------------------------------------------------------------------------------------

NAME_SUFFIXES = {"q", "d", "i", "o", "n", "ni", "no", "r", "reg", "next", "nxt", "ff", "s", "sig"}


def spelled_out(query, identifier):
    """True when the query writes the identifier itself or its sub-tokens in order (baud_cnt -> 'baud cnt')."""
    q = query.lower()
    ident = identifier.lower()
    if re.search(r"(?<![\w])" + re.escape(ident) + r"(?![\w])", q):
        return True
    parts = [p for p in re.split(r"_+|(?<=[a-z0-9])(?=[A-Z])", identifier) if p]
    # Register/port suffixes are not part of how a reader would say the name (baud_cnt_q -> baud cnt).
    while len(parts) > 2 and parts[-1].lower() in NAME_SUFFIXES:
        parts.pop()
    if len(parts) >= 2:
        phrase = r"\W+".join(re.escape(p.lower()) for p in parts)
        return bool(re.search(r"(?<![\w])" + phrase + r"(?![\w])", q))
    return False


def main(argv):
    roots = default_roots()
    queries_path = os.path.join(HERE, "queries.jsonl")
    for arg in argv:
        if "=" in arg:
            name, path = arg.split("=", 1)
            roots[name] = path
        else:
            queries_path = arg

    problems = []
    indexes = {}
    line_counts = {}
    seen_ids = set()
    counts = Counter()

    def index(repo):
        if repo not in indexes:
            indexes[repo] = RepoIndex(roots[repo])
        return indexes[repo]

    with open(queries_path, encoding="utf-8") as f:
        lines = f.read().splitlines()

    for number, line in enumerate(lines, 1):
        where = f"{queries_path}:{number}"
        if not line.strip():
            problems.append(f"{where}: empty line")
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            problems.append(f"{where}: not JSON ({e})")
            continue
        if not isinstance(q, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        expected = {"id", "repo", "granularity", "query", "gold"}
        if set(q) != expected:
            problems.append(f"{where}: fields must be {sorted(expected)}, found {sorted(q)}")
            continue
        qid, repo, gran, text, gold = q["id"], q["repo"], q["granularity"], q["query"], q["gold"]
        where = f"{where} ({qid})"
        if not isinstance(qid, str) or not qid:
            problems.append(f"{where}: id must be a non-empty string")
        elif qid in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(qid)
        if repo not in KNOWN_REPOS:
            problems.append(f"{where}: unknown repo {repo!r}")
            continue
        if not os.path.isdir(roots.get(repo, "")):
            problems.append(f"{where}: repository root {roots.get(repo)!r} not found (pass {repo}=PATH)")
            continue
        if gran not in GRANULARITIES:
            problems.append(f"{where}: granularity must be one of {GRANULARITIES}")
            continue
        if not isinstance(text, str) or len(text.split()) < 3:
            problems.append(f"{where}: query must be a sentence of at least three words")
            continue
        if not isinstance(gold, list) or not gold:
            problems.append(f"{where}: gold must be a non-empty list")
            continue
        counts[(repo, gran)] += 1

        for g in gold:
            if not isinstance(g, dict):
                problems.append(f"{where}: gold entry {g!r} is not an object")
                continue
            if gran == "module":
                if set(g) != {"unit"} or not isinstance(g["unit"], str):
                    problems.append(f"{where}: module gold needs exactly {{unit}}: {g}")
                    continue
                if not index(repo).declared(g["unit"]):
                    problems.append(f"{where}: unit {g['unit']!r} is not declared in {repo}")
                if spelled_out(text, g["unit"]):
                    problems.append(f"{where}: query spells out the answer {g['unit']!r}")
            elif gran == "signal":
                if set(g) != {"unit", "signal"} or not all(isinstance(g[k], str) for k in g):
                    problems.append(f"{where}: signal gold needs exactly {{unit, signal}}: {g}")
                    continue
                units = index(repo).declared(g["unit"])
                if not units:
                    problems.append(f"{where}: unit {g['unit']!r} is not declared in {repo}")
                    continue
                found = False
                for rel, body in units:
                    vhdl = rel.lower().endswith(VHDL_EXT)
                    if (vhdl_declares if vhdl else sv_declares)(body, g["signal"]):
                        found = True
                        break
                if not found:
                    problems.append(f"{where}: signal {g['signal']!r} is not declared in unit {g['unit']!r}")
                if spelled_out(text, g["signal"]):
                    problems.append(f"{where}: query spells out the answer {g['signal']!r}")
            else:
                if set(g) != {"file", "startLine", "endLine"}:
                    problems.append(f"{where}: block gold needs exactly {{file, startLine, endLine}}: {g}")
                    continue
                start, end = g["startLine"], g["endLine"]
                if not (isinstance(start, int) and isinstance(end, int) and 1 <= start <= end):
                    problems.append(f"{where}: bad line span {start}-{end}")
                    continue
                path = os.path.join(roots[repo], g["file"])
                if not os.path.isfile(path):
                    problems.append(f"{where}: file {g['file']!r} not found in {repo}")
                    continue
                if path not in line_counts:
                    with open(path, encoding="utf-8", errors="replace") as src:
                        line_counts[path] = len(src.read().splitlines())
                if end > line_counts[path]:
                    problems.append(f"{where}: span {start}-{end} ends after the last line "
                                    f"({line_counts[path]}) of {g['file']}")

    repos = sorted({r for r, _ in counts})
    print(f"{'repo':18}" + "".join(f"{g:>8}" for g in GRANULARITIES) + f"{'total':>8}")
    for r in repos:
        row = [counts[(r, g)] for g in GRANULARITIES]
        print(f"{r:18}" + "".join(f"{n:>8}" for n in row) + f"{sum(row):>8}")
    totals = [sum(counts[(r, g)] for r in repos) for g in GRANULARITIES]
    print(f"{'all':18}" + "".join(f"{n:>8}" for n in totals) + f"{sum(totals):>8}")

    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {len(lines)} line(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
