#!/usr/bin/env bash
# The DataFusion integration's checks: clippy with the `datafusion` feature,
# and the `calc-datafusion` workspace member's clippy and tests (SQL, the
# DataFrame API, CREATE FUNCTION ... LANGUAGE calc, the extension codec, the
# orders example). Building DataFusion takes most of 15 minutes on 2 cores,
# so `.ci/run` calls this only with CALC_CI_DATAFUSION=1.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo clippy --locked --all-targets --features datafusion -- -D warnings
cargo clippy --locked -p calc-datafusion --all-targets -- -D warnings
cargo test --locked -p calc-datafusion
