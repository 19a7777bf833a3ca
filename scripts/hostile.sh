#!/usr/bin/env bash
# Hostile inputs (spec E): each must finish within 10 s and 2 GB with a
# result or a clean diagnostic (exit status 0-3), never a signal or 101.
# Inputs are generated at run time into a temporary folder. Prints one line
# per input with its exit status, wall time and peak RSS; exits 1 if any
# input failed (the CPU time is shown too, to tell a slow input from a busy
# machine; the verdict uses the wall time). Usage: scripts/hostile.sh [CALC_BINARY] (default: the
# release build).
set -uo pipefail
cd "$(dirname "$0")/.."
bin="$(realpath "${1:-target/release/calc}")"
limit_s=10
limit_kb=$((2 * 1024 * 1024))
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" <<'PY'
import os, random, sys
d = sys.argv[1]
def w(name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
w("parens_100mb.expr", b"(" * (100 * 1024 * 1024))
w("list_1m.expr", "[" + ", ".join(str(i) for i in range(1_000_000)) + "]")
w("string_10mb.expr", '"' + "abcdefghij" * (1024 * 1024) + '"')
w("nested_comments_100k.expr", "/*" * 100_000 + "*/" * 100_000 + "\n1")
ident = "a" * (1024 * 1024)
w("ident_1mb.expr", f"let {ident} = 1;\n{ident} + {ident}")
w("ident_1mb_unknown.expr", ident)
w("nul_bytes.expr", b"let x = 1;\x00\x00\x00\nx +\x00 1" + b"\x00" * 100_000)
w("lone_cr.expr", b"\r")
w("ascii_controls.expr", bytes(range(0, 32)) + b"\x7f" + b"1 +" + bytes(range(0, 32)) + b"2")
w("truncated_utf8.expr", 'let s = "\u00e9t\u00e9";\ns ++ "'.encode() + "\u20ac".encode()[:2])
w("brackets_1m_deep.expr", "[" * 1_000_000 + "1" + "]" * 1_000_000)
w("plus_1m_terms.expr", "1" + " + 1" * 999_999)
w("closures_100k_deep.expr", "|x| " * 100_000 + "x")
rng = random.Random(1)
toks = ["let", "fn", "if", "else", "match", "x", "y", "Some", "None", "1", "2.5",
        '"s"', "(", ")", "[", "]", "{", "}", "+", "-", "*", "/", "**", "++", "==",
        "<", "&&", "||", "!", "=", "=>", "->", "|", ",", ";", ":", ".", "..", "_",
        "true", "struct", "enum", "/*", "*/", "//", ":t", ":ast", "\\"]
lines = [" ".join(rng.choice(toks) for _ in range(rng.randint(1, 12))) for _ in range(100_000)]
w("repl_batch_100k_lines.txt", "\n".join(lines) + "\n")
PY

failed=0
printf '%-28s %6s %8s %8s %10s\n' input status wall_s cpu_s peak_rss_mb
for f in "$dir"/*; do
  name="$(basename "$f")"
  case "$name" in
    *.txt) cmd=("$bin" repl) ;;
    *) cmd=("$bin" run "$f") ;;
  esac
  /usr/bin/time -f '%e %U %M' -o "$dir/time" timeout "$limit_s" "${cmd[@]}" <"$f" >/dev/null 2>"$dir/stderr"
  status=$?
  read -r secs cpu kb < <(tail -n 1 "$dir/time")
  printf '%-28s %6s %8s %8s %10s\n' "$name" "$status" "$secs" "$cpu" "$((kb / 1024))"
  verdict=""
  if [ "$status" -gt 3 ]; then verdict="exit status $status (timeout 124, signal 128+N, ICE 101)"; fi
  if [ "$kb" -gt "$limit_kb" ]; then verdict="$verdict peak RSS ${kb} KB over ${limit_kb} KB"; fi
  if grep -q "internal compiler error\|panicked" "$dir/stderr"; then verdict="$verdict panic message on stderr"; fi
  if [ -n "$verdict" ]; then
    echo "  FAILED: $name: $verdict" >&2
    head -c 2000 "$dir/stderr" >&2
    failed=1
  fi
  rm -f "$f"
done
if [ "$failed" -ne 0 ]; then
  echo "hostile: some inputs failed" >&2
  exit 1
fi
echo "hostile: every input finished within ${limit_s} s and 2 GB with exit status 0-3"
