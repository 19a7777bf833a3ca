#!/usr/bin/env bash
# Fills the fuzzers' working corpora (fuzz/corpus/<target>/, not committed)
# with the seed programs: every examples/*.expr and tests/**/*.expr, read
# from where they live so the seeds never go stale, plus the committed
# regression inputs of fuzz/regressions/<target>/. Run it before
# `cargo fuzz run`; running it again only adds files.
set -euo pipefail
cd "$(dirname "$0")/.."
for target in parse compile run engine edit format; do
  dir="fuzz/corpus/$target"
  mkdir -p "$dir"
  find examples tests -name '*.expr' -type f | while read -r f; do
    cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')"
  done
  if [ -d "fuzz/regressions/$target" ]; then
    cp fuzz/regressions/"$target"/* "$dir"/ 2>/dev/null || true
  fi
done
echo "seeded fuzz/corpus/{parse,compile,run,engine,edit,format} with $(find examples tests -name '*.expr' -type f | wc -l) programs"
