#!/usr/bin/env python3
"""Measures how soon `calc lsp` publishes diagnostics after a change.

Usage: python3 scripts/lsp-latency.py [CALC] [LINES]

Starts CALC (default target/release/calc) as `calc lsp`, opens a valid
document of about LINES lines (default 5000; the shape of the server's
timing test), then 20 times breaks a line and mends it, timing each change
from sending didChange to reading its publishDiagnostics. Prints the median
and worst times.
"""
import json
import subprocess
import sys
import time

calc = sys.argv[1] if len(sys.argv) > 1 else "target/release/calc"
lines = int(sys.argv[2]) if len(sys.argv) > 2 else 5000

BLOCK = """struct P{i} {{ x: Int, y: Float }}
fn f{i}(p: P{i}, k) {{
  let s = float(p.x) * p.y;
  if k > 0 {{ s + 1.0 }} else {{ s }}
}}
let v{i} = f{i}(P{i} {{ x: {i}, y: 0.5 }}, {i});
let w{i} = [1, 2, 3].map(|n| n * {i}).sum();
let u{i} = match w{i} {{ 0 => v{i}, _ => v{i} + 1.0 }};
"""
text = "".join(BLOCK.format(i=i) for i in range(lines // 8)) + "v0\n"

server = subprocess.Popen([calc, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def send(msg):
    body = json.dumps(msg).encode()
    server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    server.stdin.flush()


def recv():
    length = 0
    while True:
        line = server.stdout.readline()
        if line in (b"\r\n", b""):
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return json.loads(server.stdout.read(length))


def diagnostics():
    while True:
        msg = recv()
        if msg.get("method") == "textDocument/publishDiagnostics":
            return msg["params"]["diagnostics"]


uri = "file:///tmp/latency.expr"
send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
recv()
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
    "textDocument": {"uri": uri, "languageId": "calc", "version": 1, "text": text}}})
assert diagnostics() == [], "the document is valid"
times = []
version = 1
for round in range(10):
    line = (round * 499 + 2) % (lines - 10) // 8 * 8 + 2
    for new, end in (("lett", 5), ("let", 6)):
        version += 1
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 2},
                                          "end": {"line": line, "character": end}},
                                "text": new}]}})
        d = diagnostics()
        times.append(time.perf_counter() - start)
        assert (len(d) > 0) == (new == "lett"), d
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
recv()
send({"jsonrpc": "2.0", "method": "exit"})
server.wait(timeout=10)
times.sort()
print(f"{text.count(chr(10))} lines: diagnostics after a change in "
      f"{times[len(times) // 2] * 1000:.1f} ms (median), {times[-1] * 1000:.1f} ms (worst)")
