#!/usr/bin/env bash
# The DataFusion integration's checks: the `calc-datafusion` workspace
# member's tests (SQL, the DataFrame API, CREATE FUNCTION ... LANGUAGE calc,
# the extension codec, the orders example), built with Clippy as the
# workspace members' compiler, so one build both lints (every warning an
# error) and tests: calc with the `datafusion` feature, and calc-datafusion's
# library, tests and example (built as the binary the example test runs).
# `cargo clippy` would type-check all of DataFusion a second time in check
# mode. RUSTC_WORKSPACE_WRAPPER wraps only workspace members (DataFusion is
# built by rustc as usual); CLIPPY_ARGS is how `cargo clippy` itself passes
# `-D warnings` to clippy-driver. The `ci-datafusion` profile (Cargo.toml)
# builds every dependency without optimisation.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_WORKSPACE_WRAPPER=clippy-driver
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
cargo test --locked -p calc-datafusion --profile ci-datafusion
