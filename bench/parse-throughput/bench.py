#!/usr/bin/env python3
"""Throughput benchmark: `hdl parse` against verilator, iverilog, yosys, Verilog-Perl (and ghdl for VHDL) on the
same real corpora, one process per tool over all files. Usage: bench.py HDL_DLL CORPUS_ROOT OUT_DIR [--rescreen]

Peers reject files they cannot read. Each peer gets the subset it accepts (found by screening, see below) and its
lines per second are computed on the lines of that subset; `hdl parse` is timed on the full corpus and again on each
peer's subset, so every ratio compares the same files.
"""
import concurrent.futures
import datetime
import json
import os
import platform
import re
import signal
import subprocess
import sys
import tempfile
import time

import corpus

TIMEOUT = 1800


def run_timed(command, cwd, log_path):
    """Runs one command under /usr/bin/time -v; returns wall seconds, CPU seconds, peak RSS (KiB) and exit code."""
    with open(log_path, "w") as log:
        start = time.monotonic()
        process = subprocess.run(["/usr/bin/time", "-v"] + command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, timeout=TIMEOUT)
        seconds = time.monotonic() - start
    text = open(log_path, errors="replace").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1)) + float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    return {"seconds": seconds, "cpu": cpu, "rss_kb": rss, "rc": process.returncode, "log": text}


def load_average():
    return " ".join(open("/proc/loadavg").read().split()[:3])


LOAD_AT_START = load_average()


SCREEN_TIMEOUT = 60


def run_quiet(command, cwd, timeout=SCREEN_TIMEOUT):
    """Runs a screening command; one that runs past the timeout (iverilog elaborating a huge generate) is rejected."""
    # A session of its own, so a timeout ends the tool's children too (iverilog runs ivl as a child).
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return -1, "timeout"
    return process.returncode, output.decode("utf-8", "replace")


class Tools:
    """How each tool is called on a list of files, with the corpus include dirs and defines."""

    def __init__(self, hdl_dll, sv, work):
        self.hdl_dll, self.sv, self.work = hdl_dll, sv, work
        self.counter = 0

    def _write(self, suffix, lines):
        self.counter += 1
        path = os.path.join(self.work, f"list{self.counter}{suffix}")
        with open(path, "w") as handle:
            handle.write("\n".join(lines) + "\n")
        return path

    def _plus_options(self):
        return [f"+incdir+{d}" for d in self.sv["include_dirs"]] + [f"+define+{d}" for d in self.sv["defines"]]

    def hdl(self, files):
        # --json: the log then says which files had errors; writing it costs little next to parsing.
        return ["dotnet", self.hdl_dll, "parse", "--json", "-f", self._write(".f", self._plus_options() + files)]

    def verilator_parse(self, files):
        return ["verilator", "--lint-only", "--debug-exit-parse", "-Wno-fatal", "--error-limit", "1000000", "-f", self._write(".f", self._plus_options() + files)]

    def verilator_preprocess(self, files):
        return ["verilator", "-E", "-P", "-Wno-fatal", "-f", self._write(".f", self._plus_options() + files)]

    def verilator_lint(self, files):
        return ["verilator", "--lint-only", "-Wno-fatal", "-Wno-lint", "-Wno-style", "--error-limit", "1000000", "-f", self._write(".f", self._plus_options() + files)]

    def iverilog(self, files):
        # -u: each file is its own compilation unit (macros do not leak between files), as in `hdl parse`.
        return ["iverilog", "-g2012", "-u", "-t", "null", "-c", self._write(".cmd", self._plus_options() + files)]

    def yosys(self, files):
        script = [f"verilog_defaults -add -I{d}" for d in self.sv["include_dirs"]]
        defines = " ".join(f"-D{d}" for d in self.sv["defines"])
        # design -reset-vlog forgets the previous file's macros: each file is its own compilation unit, as in `hdl parse`.
        for f in files:
            script += ["design -reset-vlog", f"read_verilog -sv -defer -overwrite {defines} {f}"]
        return ["yosys", "-q", "-s", self._write(".ys", script)]

    def verilog_perl(self, files):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vparse.pl")
        return ["perl", script, self._write(".txt", self._plus_options() + files)]


def parse_level_rejected(tool, rc, output):
    """True when the tool's parser (not elaboration) refused the input."""
    if tool == "iverilog":
        # Elaboration errors (a submodule missing when a file is checked alone) do not count; crashes do.
        return rc < 0 or rc >= 128 or bool(re.search(
            r"syntax error|I give up|sorry:|Assertion|Include file .* not found|Unknown macro|macro .* undefined|Unimplemented|error: .*directive", output))
    return rc != 0


def screen_with_package_prefix(tool, tools, sv, corpus_root):
    """Packages one by one in dependency order (each with the packages accepted before it), then every other file
    alone with the accepted packages before it, in parallel. For tools that stop at the first error (yosys, iverilog)."""
    make = getattr(tools, tool)
    packages = [f for f in sv["files"] if f in sv["packages"]]
    others = [f for f in sv["files"] if f not in sv["packages"]]
    accepted_packages = []
    for package in packages:
        rc, output = run_quiet(make(accepted_packages + [package]), corpus_root)
        if not parse_level_rejected(tool, rc, output):
            accepted_packages.append(package)

    def check(path):
        rc, output = run_quiet(make(accepted_packages + [path]), corpus_root)
        return path, not parse_level_rejected(tool, rc, output)

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        verdicts = dict(pool.map(check, others))
    return accepted_packages + [f for f in others if verdicts[f]]


def screen_verilator(tools, files, corpus_root, max_rounds=40):
    """Each file preprocessed alone first (verilator stops at the first file whose macros fail), then whole-corpus
    parses, dropping the files named in errors, until a parse is clean."""
    def check(path):
        rc, _ = run_quiet(tools.verilator_preprocess([path]), corpus_root)
        return path, rc == 0

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        verdicts = dict(pool.map(check, files))
    current = [f for f in files if verdicts[f]]
    return drop_named_files(tools.verilator_parse, current, corpus_root, r"^%(?:Error|Warning)[^:]*: ([^:\s]+):\d+", max_rounds)


def drop_named_files(make, files, corpus_root, pattern, max_rounds):
    """Runs a tool over all files; while it fails, drops the files its errors name and runs again."""
    current = list(files)
    for _ in range(max_rounds):
        rc, output = run_quiet(make(current), corpus_root, timeout=TIMEOUT)
        if rc == 0:
            return current
        named = set(re.findall(pattern, output, re.M))
        remaining = [f for f in current if f not in named]
        if len(remaining) == len(current):
            return current  # errors only in headers or not tied to a file: keep the set, the run is reported as is
        current = remaining
    return current


def main():
    hdl_dll, corpus_root, out_dir = sys.argv[1:4]
    rescreen = "--rescreen" in sys.argv
    skip_vhdl = "--no-vhdl" in sys.argv
    corpus_root = os.path.abspath(corpus_root)
    work = tempfile.mkdtemp(prefix="hdl-bench-")
    sv = corpus.assemble_sv(corpus_root)
    tools = Tools(os.path.abspath(hdl_dll), sv, work)

    write_lines(os.path.join(out_dir, "corpus-sv-files.txt"), sv["files"])
    write_lines(os.path.join(out_dir, "corpus-sv-incdirs.txt"), sv["include_dirs"])
    write_lines(os.path.join(out_dir, "corpus-sv-defines.txt"), sv["defines"])
    write_lines(os.path.join(out_dir, "corpus-repos.txt"), repo_commits(corpus_root, corpus.SV_REPOS + corpus.VHDL_REPOS))

    subsets = {}
    for tool in ["verilator_parse", "iverilog", "yosys"]:
        cache = os.path.join(out_dir, f"corpus-sv-accepted-{tool}.txt")
        if os.path.exists(cache) and not rescreen:
            cached = read_lines(cache)
            if set(cached) <= set(sv["files"]):
                subsets[tool] = cached
                continue
        log(f"screening files for {tool} ...")
        if tool == "verilator_parse":
            subsets[tool] = screen_verilator(tools, sv["files"], corpus_root)
        else:
            accepted = screen_with_package_prefix(tool, tools, sv, corpus_root)
            # Files accepted alone can still fail together (a package declared twice): confirm on the combined run.
            pattern = r"^([^:\s]+\.s?v):\d+: ERROR" if tool == "yosys" else r"^([^:\s]+\.s?v):\d+: (?:syntax error|sorry)"
            subsets[tool] = drop_named_files(getattr(tools, tool), accepted, corpus_root, pattern, max_rounds=10)
        write_lines(cache, subsets[tool])

    lines_of = lambda files: sum(sv["lines"][f] for f in files)
    rows = []

    def measure(name, command, files, note=""):
        log(f"timing {name} on {len(files)} files ...")
        result = run_timed(command, corpus_root, os.path.join(work, name.replace(" ", "_") + ".log"))
        row = {"tool": name, "files": len(files), "lines": lines_of(files), "note": note, **{k: v for k, v in result.items() if k != "log"}}
        row["lines_per_s"] = row["lines"] / row["seconds"] if row["seconds"] > 0 else 0
        row["lines_per_cpu_s"] = row["lines"] / row["cpu"] if row["cpu"] > 0 else 0
        row["log_tail"] = result["log"].splitlines()[-40:]
        row["log_text"] = result["log"]
        rows.append(row)
        return row

    ours_full = measure("hdl parse (all files)", tools.hdl(sv["files"]), sv["files"])
    peer_runs = [
        ("verilator --lint-only --debug-exit-parse", tools.verilator_parse, subsets["verilator_parse"], "parser only"),
        ("verilator --lint-only", tools.verilator_lint, subsets["verilator_parse"], "parse + elaboration + lint"),
        ("iverilog -g2012 -t null", tools.iverilog, subsets["iverilog"], "parse + elaboration"),
        ("yosys read_verilog -sv -defer", tools.yosys, subsets["yosys"], "parse to AST"),
        ("Verilog-Perl (Preproc + Parser)", tools.verilog_perl, sv["files"], "tokenizing parser; errors counted, run goes on"),
    ]
    comparisons = []
    ours_by_subset = {tuple(sv["files"]): ours_full}
    for name, make, files, note in peer_runs:
        peer = measure(name, make(files), files, note)
        key = tuple(files)
        if key not in ours_by_subset:
            ours_by_subset[key] = measure(f"hdl parse (files of {name.split()[0]})", tools.hdl(files), files)
        same = ours_by_subset[key]
        comparisons.append((peer, same))

    vhdl_result = None if skip_vhdl else run_vhdl(corpus_root, out_dir, work, hdl_dll, rescreen)
    write_results(out_dir, sv, ours_full, comparisons, vhdl_result, rows)
    log(f"done; logs in {work}")


def run_vhdl(corpus_root, out_dir, work, hdl_dll, rescreen):
    vhdl = corpus.assemble_vhdl(corpus_root)
    write_lines(os.path.join(out_dir, "corpus-vhdl-files.txt"), vhdl["files"])
    ghdl_dir = os.path.join(work, "ghdl")
    os.makedirs(ghdl_dir, exist_ok=True)
    ghdl_command = lambda files: ["ghdl", "-i", "--std=08", f"--workdir={ghdl_dir}"] + files

    # ghdl -i refuses the whole import when a file has errors: drop the files it names in errors, repeat.
    cache = os.path.join(out_dir, "corpus-vhdl-accepted-ghdl.txt")
    if os.path.exists(cache) and not rescreen and set(read_lines(cache)) <= set(vhdl["files"]):
        accepted = read_lines(cache)
    else:
        log("screening VHDL files for ghdl ...")
        accepted = list(vhdl["files"])
        for _ in range(20):
            rc, output = run_quiet(ghdl_command(accepted), corpus_root, timeout=TIMEOUT)
            named = set(re.findall(r"^([^:\s]+\.vhdl?):\d+:\d+:(?! ?warning)", output, re.M))
            if rc == 0 or not named:
                break
            accepted = [f for f in accepted if f not in named]
        write_lines(cache, accepted)
    lines = sum(vhdl["lines"][f] for f in accepted)
    log(f"timing ghdl -i on {len(accepted)} VHDL files ...")
    ghdl = run_timed(ghdl_command(accepted), corpus_root, os.path.join(work, "ghdl.log"))
    list_path = os.path.join(work, "vhdl.f")
    write_lines(list_path, accepted)
    log("timing hdl parse --std 2008 on the same VHDL files ...")
    ours = run_timed(["dotnet", os.path.abspath(hdl_dll), "parse", "--std", "2008", "--json", "-f", list_path], corpus_root, os.path.join(work, "hdl-vhdl.log"))
    outcome = {}
    match = re.search(r"(?s)(\{.*\})", ours["log"])
    if match:
        try:
            document = json.loads(match.group(1))
            for file in document["files"]:
                outcome[file["outcome"]] = outcome.get(file["outcome"], 0) + 1
        except (ValueError, KeyError):
            pass
    ghdl_errors = len(re.findall(r":\d+:\d+:(?! ?warning)", ghdl["log"]))
    return {"all_files": len(vhdl["files"]), "all_lines": sum(vhdl["lines"].values()), "files": len(accepted), "lines": lines,
            "ghdl": ghdl, "ours": ours, "outcome": outcome, "ghdl_errors": ghdl_errors}


def write_results(out_dir, sv, ours_full, comparisons, vhdl, rows):
    cpu_model = "unknown"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    fmt = lambda n: f"{n:,.0f}"
    out = []
    out.append("# Parse throughput: `hdl parse` against peer tools\n")
    out.append(f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC")
    out.append(f"- Machine: {os.cpu_count()} cores (nproc), {cpu_model}, {memory_gib:.0f} GiB RAM, {platform.system()} {platform.release()}")
    out.append(f"- Versions: {tool_versions()}")
    out.append(f"- Load average (1, 5, 15 min) at start: {LOAD_AT_START}, at end: {load_average()}. The machine is shared: when the load "
               "exceeds the core count, wall times stretch, and CPU seconds (user + system) are the steadier measure.")
    out.append(f"- Corpus: {len(sv['files'])} Verilog/SystemVerilog files, {fmt(sum(sv['lines'].values()))} lines "
               f"(commits in corpus-repos.txt, files in corpus-sv-files.txt, {len(sv['include_dirs'])} include dirs in corpus-sv-incdirs.txt, "
               f"defines in corpus-sv-defines.txt). Lines are counted like `wc -l` on the files given; included headers are preprocessed but not counted.")
    out.append("- Each tool runs as one process over all its files, wall time measured around the process (startup and JIT included), "
               "peak memory is `/usr/bin/time -v` maximum resident set size. `hdl parse` uses all cores; the peers use one.")
    out.append("- Peers reject files they cannot read. Each peer runs on the subset it accepts (corpus-sv-accepted-*.txt; "
               "verilator: files without parse errors, found by dropping the files it names in errors; iverilog and yosys: each file checked "
               "alone after the packages they accept). Lines/s are on the lines each peer actually processed; `hdl parse` is timed again "
               "on each peer's subset so the ratio compares the same files.\n")
    out.append("| tool | files | lines | seconds | CPU s | lines/s | lines/CPU-s | peak RSS | hdl parse on the same files: lines/s | ratio lines/s (ours / peer) | ratio lines/CPU-s | exit | note |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    out.append(row_md(ours_full, None, fmt) )
    for peer, same in comparisons:
        out.append(row_md(peer, same, fmt))
    if vhdl:
        out.append("\n## VHDL\n")
        out.append(f"{vhdl['all_files']} files, {fmt(vhdl['all_lines'])} lines from neorv32, OSVVM, open-logic and vunit (corpus-vhdl-files.txt); "
                   f"ghdl imports {vhdl['files']} files, {fmt(vhdl['lines'])} lines of them without errors (corpus-vhdl-accepted-ghdl.txt), and both tools run on those.\n")
        out.append("| tool | files | lines | seconds | CPU s | lines/s | peak RSS | exit | note |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|")
        ghdl = vhdl["ghdl"]
        out.append(f"| ghdl -i --std=08 | {vhdl['files']} | {fmt(vhdl['lines'])} | {ghdl['seconds']:.2f} | {ghdl['cpu']:.2f} | {fmt(vhdl['lines'] / ghdl['seconds'])} | {ghdl['rss_kb'] / 1024:.0f} MiB | {ghdl['rc']} | import (syntax analysis) into one library; {vhdl['ghdl_errors']} error lines |")
        ours = vhdl["ours"]
        outcome = ", ".join(f"{count} {name}" for name, count in sorted(vhdl["outcome"].items())) or "no JSON output"
        parsed = vhdl["outcome"].get("parsed", 0)
        rate = fmt(vhdl["lines"] / ours["seconds"]) if parsed else "n/a"
        note = f"outcomes: {outcome}" + ("" if parsed else "; VHDL parsing is not in this build yet, so no throughput is claimed")
        out.append(f"| hdl parse --std 2008 | {vhdl['files']} | {fmt(vhdl['lines'])} | {ours['seconds']:.2f} | {ours['cpu']:.2f} | {rate} | {ours['rss_kb'] / 1024:.0f} MiB | {ours['rc']} | {note} |")
    coverage = hdl_error_summary(ours_full.get("log_text", ""))
    if coverage:
        out.append(f"\n`hdl parse` on all files: {coverage}\n")
    out.append("\n## How to reproduce\n")
    out.append("`bench/parse-throughput/run.sh [CORPUS_DIR]` (default `$HDL_CORPUS` or /work/corpus; `bench/fetch-corpus.sh` sets the checkouts up). "
               "Add `--rescreen` to redo the per-peer screening instead of reusing corpus-sv-accepted-*.txt.")
    out.append("\n## Last lines of each tool's output\n")
    for row in rows:
        tail = [line for line in row["log_tail"] if not line.startswith("\t")][-6:]
        out.append(f"<details><summary>{row['tool']} (exit {row['rc']})</summary>\n\n```\n" + "\n".join(tail) + "\n```\n</details>\n")
    with open(os.path.join(out_dir, "results.md"), "w") as handle:
        handle.write("\n".join(out) + "\n")


def row_md(row, same, fmt):
    ours_rate = fmt(same["lines_per_s"]) if same else "—"
    ratio = f"{same['lines_per_s'] / row['lines_per_s']:.2f}×" if same and row["lines_per_s"] else "—"
    cpu_ratio = f"{same['lines_per_cpu_s'] / row['lines_per_cpu_s']:.2f}×" if same and row["lines_per_cpu_s"] else "—"
    return (f"| {row['tool']} | {row['files']} | {fmt(row['lines'])} | {row['seconds']:.2f} | {row['cpu']:.2f} | {fmt(row['lines_per_s'])} | "
            f"{fmt(row['lines_per_cpu_s'])} | {row['rss_kb'] / 1024:.0f} MiB | {ours_rate} | {ratio} | {cpu_ratio} | {row['rc']} | {row['note']} |")


def hdl_error_summary(log_text):
    """Files with errors in `hdl parse --json` output, by repository, and the most frequent diagnostics."""
    match = re.search(r"(?s)(\{.*\})", log_text)
    if not match:
        return ""
    try:
        files = json.loads(match.group(1))["files"]
    except (ValueError, KeyError):
        return ""
    with_errors = [f for f in files if f["errors"] > 0]
    by_repo = {}
    for f in with_errors:
        repo = f["path"].split("/")[0]
        by_repo[repo] = by_repo.get(repo, 0) + 1
    messages = {}
    for f in files:
        for d in f["diagnostics"]:
            message = re.sub(r"'[^']*'", "'…'", d["message"])[:50]
            key = f"{d['code']} {message}"
            messages[key] = messages.get(key, 0) + 1
    top = sorted(messages.items(), key=lambda item: -item[1])[:5]
    return (f"{len(files) - len(with_errors)} of {len(files)} files without errors; files with errors by repository: "
            + ", ".join(f"{repo} {count}" for repo, count in sorted(by_repo.items()))
            + ". Most frequent diagnostics: " + "; ".join(f"{key} ({count})" for key, count in top)
            + ". Macros of UVM are undefined because the UVM library is not part of the corpus.")


def tool_versions():
    versions = []
    for command in (["verilator", "--version"], ["iverilog", "-V"], ["yosys", "-V"], ["ghdl", "--version"], ["perl", "-MVerilog::Parser", "-e", "print qq(Verilog-Perl $Verilog::Parser::VERSION)"], ["dotnet", "--version"]):
        try:
            _, output = run_quiet(command, "/")
            versions.append(output.strip().splitlines()[0])
        except (OSError, IndexError):
            versions.append(f"{command[0]}: not found")
    return "; ".join(versions)


def repo_commits(root, repos):
    lines = []
    for repo in repos:
        try:
            _, commit = run_quiet(["git", "-C", os.path.join(root, repo), "rev-parse", "HEAD"], "/")
            lines.append(f"{repo} {commit.strip()}")
        except OSError:
            lines.append(f"{repo} unknown")
    return lines


def write_lines(path, lines):
    with open(path, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def read_lines(path):
    return [line for line in open(path).read().splitlines() if line]


def log(message):
    print(f"[bench] {message}", flush=True)


if __name__ == "__main__":
    main()
