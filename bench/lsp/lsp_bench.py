#!/usr/bin/env python3
"""Replays an editing session against `hdl serve` over stdio and reports latencies.

Usage: bench/lsp/lsp_bench.py WORKSPACE FILE [--hdl path/to/hdl.dll] [--rounds N]

The session: initialize with WORKSPACE as the folder, wait for the index ($/progress end), open FILE, then for each
round: hover, definition, completion (one character into the word), references, rename (edits computed, not
applied) and documentSymbol at identifiers taken in a fixed order from FILE, a
workspace/symbol query, and a typed edit (one character inserted, then removed) whose diagnostics are timed from
the didChange to the publishDiagnostics of that version. Prints p50/p99 per request kind, time to the first answer
(a workspace/symbol sent right after `initialized`, answered from whatever is indexed), index time, and the server's
peak memory (VmHWM from /proc) and CPU seconds (/proc stat). No network; the numbers go into bench/lsp/results.md by hand with the load average.
"""
import argparse, json, os, re, subprocess, sys, threading, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace")
    ap.add_argument("file")
    ap.add_argument("--hdl", default=os.path.join(os.path.dirname(__file__), "../../src/Hdl.Cli/bin/Release/net10.0/hdl.dll"))
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--stderr", help="write the server's log (stderr) here, e.g. to read the warm-up times")
    ap.add_argument("--retrieval-edit", action="store_true",
                    help="after the rounds, keep one edit (a comment line) and time the search index update it causes "
                         "(wall and server CPU, from the 'retrieval index:' log line; needs --stderr)")
    ap.add_argument("--settle", type=float, default=0.0, help="seconds to wait after opening FILE before the rounds (diagnosis: separates warm-up contention from first-request costs)")
    ap.add_argument("--init", default="{}", help="initializationOptions as JSON, e.g. '{\"retrieval\": false}'")
    ap.add_argument("--wait-search", type=float, default=0.0,
                    help="seconds to wait, after the workspace index, for the search (retrieval) index's background "
                         "update to end before opening FILE: a warm workspace index with a search index still being "
                         "built (a new embedding recipe, or a first run) is not a warm index, and that build competes "
                         "with every request")
    ap.add_argument("--per-round", action="store_true", help="also print every round's latencies (ms), to see which rounds are slow")
    args = ap.parse_args()
    workspace = os.path.abspath(args.workspace)
    path = os.path.abspath(args.file)
    text = open(path, encoding="utf-8", errors="replace").read()

    start = time.monotonic()
    proc = subprocess.Popen(["dotnet", args.hdl, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=open(args.stderr, "w") if args.stderr else subprocess.DEVNULL)
    lock = threading.Lock()
    pending, notifications = {}, []
    cond = threading.Condition(lock)

    def send(message):
        body = json.dumps(message).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def reader():
        stream = proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = stream.read(1)
                if not c:
                    return
                header += c
            length = int(re.search(rb"Content-Length: (\d+)", header).group(1))
            message = json.loads(stream.read(length))
            with cond:
                if "method" in message and "id" in message:
                    send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                elif "method" in message:
                    notifications.append((time.monotonic(), message))
                else:
                    pending[message["id"]] = (time.monotonic(), message)
                cond.notify_all()

    threading.Thread(target=reader, daemon=True).start()
    next_id = [0]

    def request(method, params):
        next_id[0] += 1
        rid = next_id[0]
        sent = time.monotonic()
        send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        with cond:
            cond.wait_for(lambda: rid in pending, timeout=600)
            received, message = pending.pop(rid)
        return received - sent, message

    def notify(method, params):
        send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_notification(predicate, timeout=600):
        with cond:
            found = cond.wait_for(lambda: any(predicate(m) for _, m in notifications), timeout=timeout)
            return next(t for t, m in notifications if predicate(m)) if found else None

    uri = "file://" + path
    request("initialize", {"processId": os.getpid(), "rootUri": "file://" + workspace,
                           "workspaceFolders": [{"uri": "file://" + workspace, "name": "bench"}],
                           "capabilities": {"window": {"workDoneProgress": True}}, "initializationOptions": json.loads(args.init)})
    notify("initialized", {})
    first, _ = request("workspace/symbol", {"query": "top"})
    first_answer = time.monotonic() - start
    ended = wait_notification(lambda m: m.get("method") == "$/progress" and m["params"]["value"]["kind"] == "end", timeout=3600)
    index_seconds = ended - start if ended else float("nan")
    search_ready = None
    if args.wait_search > 0:
        search_ended = wait_notification(lambda m: m.get("method") == "$/progress" and str(m["params"]["token"]).startswith("hdl/retrieval/")
                                         and m["params"]["value"]["kind"] == "end", timeout=args.wait_search)
        search_ready = search_ended - start if search_ended else float("nan")

    notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "systemverilog", "version": 1, "text": text}})
    time.sleep(args.settle)
    lines = text.split("\n")
    positions = [(i, m.start() + 1) for i, line in enumerate(lines) if not line.lstrip().startswith("//")
                 for m in re.finditer(r"\b[a-zA-Z_][a-zA-Z0-9_]{2,}\b", line)]
    step = max(1, len(positions) // args.rounds)
    positions = positions[::step][:args.rounds]
    times = {k: [] for k in ["hover", "definition", "completion", "references", "rename", "documentSymbol", "workspace/symbol", "diagnostics after edit"]}
    version = 1
    words = ["clk", "rst", "data", "valid", "state", "count", "addr", "req"]
    for n, (line, character) in enumerate(positions):
        pos = {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        times["hover"].append(request("textDocument/hover", pos)[0])
        times["definition"].append(request("textDocument/definition", pos)[0])
        # Completion one character into the word: the widest prefix list a user sees while typing.
        times["completion"].append(request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})[0])
        times["references"].append(request("textDocument/references", dict(pos, context={"includeDeclaration": True}))[0])
        times["rename"].append(request("textDocument/rename", dict(pos, newName="renamed_by_bench"))[0])
        times["documentSymbol"].append(request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})[0])
        times["workspace/symbol"].append(request("workspace/symbol", {"query": words[n % len(words)]})[0])
        version += 1
        sent = time.monotonic()
        notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                          "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "text": " "}]})
        v = version
        got = wait_notification(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == v, timeout=120)
        if got:
            times["diagnostics after edit"].append(got - sent)
        version += 1
        notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                          "contentChanges": [{"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}, "text": ""}]})

    def cpu_now():
        fields = open(f"/proc/{proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    retrieval = None
    if args.retrieval_edit and args.stderr:
        seen = open(args.stderr).read().count("retrieval index:")
        cpu_before, sent = cpu_now(), time.monotonic()
        version += 1
        notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                          "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "// edited by lsp_bench\n"}]})
        while time.monotonic() - sent < 300 and open(args.stderr).read().count("retrieval index:") <= seen:
            time.sleep(0.05)
        if open(args.stderr).read().count("retrieval index:") > seen:
            retrieval = (time.monotonic() - sent, cpu_now() - cpu_before)

    status = open(f"/proc/{proc.pid}/status").read() if os.path.exists(f"/proc/{proc.pid}/status") else ""
    stat = open(f"/proc/{proc.pid}/stat").read().rsplit(")", 1)[1].split() if os.path.exists(f"/proc/{proc.pid}/stat") else []
    cpu_seconds = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK") if stat else float("nan")
    hwm = re.search(r"VmHWM:\s+(\d+) kB", status)
    request("shutdown", None)
    notify("exit", None)
    proc.wait(timeout=60)

    def pct(values, p):
        values = sorted(values)
        return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000 if values else float("nan")

    print(f"workspace: {workspace}\nfile: {path} ({len(lines)} lines)\nload average: {os.getloadavg()}")
    print(f"first answer: {first_answer:.2f} s (workspace/symbol during indexing, {first*1000:.0f} ms)")
    print(f"index ready: {index_seconds:.1f} s")
    if search_ready is not None:
        print(f"search index ready: {search_ready:.1f} s" if search_ready == search_ready else f"search index not ready after {args.wait_search:.0f} s")
    print(f"server CPU: {cpu_seconds:.1f} s (user+system, whole run)")
    if retrieval:
        print(f"search index update after one kept edit: {retrieval[0]:.1f} s after the edit (includes the quiet time), server CPU {retrieval[1]:.1f} s")
    print(f"peak memory (VmHWM): {int(hwm.group(1)) / 1024:.0f} MB" if hwm else "peak memory: n/a")
    print(f"{'request':<24} {'n':>4} {'p50 ms':>8} {'p99 ms':>8}")
    for kind, values in times.items():
        print(f"{kind:<24} {len(values):>4} {pct(values, 50):>8.1f} {pct(values, 99):>8.1f}")
    if args.per_round:
        for kind, values in times.items():
            print(f"{kind}: " + " ".join(f"{v * 1000:.0f}" for v in values))

if __name__ == "__main__":
    main()
