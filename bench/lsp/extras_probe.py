#!/usr/bin/env python3
"""Inlay hints, code actions and hdl/search of `hdl serve` on a real repository, with their latencies.

Usage: bench/lsp/extras_probe.py WORKSPACE FILE QUERY [--hdl path/to/hdl.dll] [--index-dir DIR]

Initializes with WORKSPACE as the folder (the retrieval index goes to --index-dir, default a temp folder, so a
read-only corpus is not written to), waits for the workspace index and then for the retrieval index ($/progress
ends), opens FILE, asks textDocument/inlayHint for the whole file and textDocument/codeAction at the first line of
every instance hint, then hdl/search QUERY. Prints counts, a few hints and actions, the top results and the time of
each step. No network.
"""
import argparse, json, os, re, subprocess, tempfile, threading, time

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace")
    ap.add_argument("file")
    ap.add_argument("query")
    ap.add_argument("--hdl", default=os.path.join(os.path.dirname(__file__), "../../src/Hdl.Cli/bin/Release/net10.0/hdl.dll"))
    ap.add_argument("--index-dir", default=None)
    args = ap.parse_args()
    workspace = os.path.abspath(args.workspace)
    path = os.path.abspath(args.file)
    index_dir = args.index_dir or tempfile.mkdtemp(prefix="hdl-extras-")
    text = open(path, encoding="utf-8", errors="replace").read()

    start = time.monotonic()
    proc = subprocess.Popen(["dotnet", args.hdl, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    cond = threading.Condition()
    pending, notifications = {}, []

    def send(message):
        body = json.dumps(message).encode()
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def reader():
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = proc.stdout.read(1)
                if not c:
                    return
                header += c
            length = int(re.search(rb"Content-Length: (\d+)", header).group(1))
            message = json.loads(proc.stdout.read(length))
            with cond:
                if "method" in message and "id" in message:
                    send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                elif "method" in message:
                    notifications.append(message)
                else:
                    pending[message["id"]] = message
                cond.notify_all()

    threading.Thread(target=reader, daemon=True).start()
    next_id = [0]

    def request(method, params):
        next_id[0] += 1
        ident = next_id[0]
        sent = time.monotonic()
        send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        with cond:
            cond.wait_for(lambda: ident in pending, timeout=3600)
            return pending.pop(ident), (time.monotonic() - sent) * 1000

    def wait_progress_end(prefix):
        with cond:
            cond.wait_for(lambda: any(n["method"] == "$/progress" and n["params"]["token"].startswith(prefix) and n["params"]["value"]["kind"] == "end" for n in notifications), timeout=3600)

    uri = lambda p: "file://" + p
    request("initialize", {"processId": None, "rootUri": uri(workspace), "workspaceFolders": [{"uri": uri(workspace), "name": "ws"}],
                           "capabilities": {"window": {"workDoneProgress": True}},
                           "initializationOptions": {"diagnosticsDelay": 0, "indexDirectory": index_dir}})
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    wait_progress_end("hdl/index/")
    indexed = time.monotonic() - start
    wait_progress_end("hdl/retrieval/")
    retrieval = time.monotonic() - start - indexed
    print(f"workspace index {indexed:.1f} s, retrieval index {retrieval:.1f} s after it")

    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri(path), "languageId": "systemverilog", "version": 1, "text": text}}})
    lines = text.count("\n") + 1
    hints, ms = request("textDocument/inlayHint", {"textDocument": {"uri": uri(path)}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}}})
    hints = hints.get("result") or []
    print(f"inlayHint: {len(hints)} hints in {ms:.0f} ms (first request on the file: elaborates the hierarchy)")
    hints2, ms2 = request("textDocument/inlayHint", {"textDocument": {"uri": uri(path)}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": lines, "character": 0}}})
    print(f"inlayHint again: {ms2:.0f} ms")
    for hint in hints[:8]:
        print(f"  {hint['position']['line'] + 1}:{hint['position']['character'] + 1} {hint['label']}")

    action_lines = sorted({hint["position"]["line"] for hint in hints if hint["kind"] == 1})[:20]
    times, titles = [], []
    for line in action_lines:
        actions, ms = request("textDocument/codeAction", {"textDocument": {"uri": uri(path)}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 200}}, "context": {"diagnostics": []}})
        times.append(ms)
        titles += [a["title"] for a in actions.get("result") or []]
    if times:
        times.sort()
        print(f"codeAction at {len(times)} instance lines: median {times[len(times) // 2]:.0f} ms, max {times[-1]:.0f} ms; {len(titles)} actions, e.g. {sorted(set(titles))[:4]}")

    for _ in range(2):
        result, ms = request("hdl/search", {"query": args.query, "kind": "all", "top": 5})
        print(f"hdl/search '{args.query}': {ms:.0f} ms")
    for item in (result.get("result") or {}).get("items", []):
        print(f"  {item['uri'].rsplit('/', 1)[-1]}:{item['range']['start']['line'] + 1} {item['context']} [{item['granularity']}] {item['why']['summary']}")
    if "error" in result:
        print("  error:", result["error"])

    request("shutdown", None)
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.wait(timeout=60)

if __name__ == "__main__":
    main()
