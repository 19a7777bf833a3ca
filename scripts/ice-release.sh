#!/usr/bin/env bash
# Checks the internal-compiler-error hook of a built calc binary (default:
# the release build, whose profile aborts on panic): with the test switch
# CALC_INTERNAL_TEST_PANIC=1 it must print the ICE diagnostic naming the
# input and exit with status 101 (an abort would give 134).
set -uo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/calc}"
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
CALC_INTERNAL_TEST_PANIC=1 "$bin" eval '1 + 1' >/dev/null 2>"$err"
status=$?
if [ "$status" -ne 101 ]; then
  echo "ice-release: expected exit status 101, got $status" >&2
  cat "$err" >&2
  exit 1
fi
for needle in 'error: internal compiler error' '`<eval>`' 'please report it' 'internal test panic'; do
  if ! grep -qF "$needle" "$err"; then
    echo "ice-release: the message lacks '$needle':" >&2
    cat "$err" >&2
    exit 1
  fi
done
echo "ice-release: $bin reports an internal compiler error with status 101"
