#!/bin/sh
# Runs the session benchmarks in a scratch folder on the build's disk and deletes the
# files they make (two 3.3 GB sessions at the most at a time).
# Usage: bench/session/run.sh [build dir] [scratch dir]
set -eu
build=${1:-build/dev}
scratch=${2:-$build/bench-session}
cmake --build "$build" --target bench_session bench_heaptrim bench_session_qtsql >/dev/null 2>&1 ||
    cmake --build "$build" --target bench_session bench_heaptrim
mkdir -p "$scratch"
"$build/bench/session/bench_session" all "$scratch"
"$build/bench/session/bench_heaptrim"
if [ -x "$build/bench/session/bench_session_qtsql" ]; then
    "$build/bench/session/bench_session_qtsql" "$scratch"
fi
rmdir "$scratch" 2>/dev/null || true
