#!/usr/bin/env bash
# GUI ingest benchmark: bench/listener.sh --gui (wrk against the app with its window open,
# and against nginx, at 1, 16 and 64 connections) under Xvfb, with the window's event-loop
# probe on: a 10 ms timer on the GUI thread that records how late each tick is. Its worst
# lateness over the run is the longest the window froze ("max stall"); the target is no
# stall over 50 ms while 5,000+ requests/s arrive.
#
# usage: bench/gui/run.sh [--app PATH] [--duration SECONDS] [--rate N]
#   --app  a Release build of mews-webhook-inspector (default: build/release/app/...)
#   --rate measure only a paced load of about N requests/s (no 1/16/64 runs): the probe's
#          figure is then the window's worst stall at that rate
# Needs: xvfb-run (xvfb), wrk, nginx. Never run by CTest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
app=$root/build/release/app/mews-webhook-inspector
duration=10
rate=0
while [ $# -gt 0 ]; do
    case $1 in
    --app) app=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing: apt-get install xvfb" >&2; exit 1; }
probe=$(mktemp)
trap 'rm -f "$probe"' EXIT
# The window writes the probe's report to this file every second and when it exits.
MWI_LATENCY_PROBE=$probe xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$root/bench/listener.sh" --gui --app "$app" --duration "$duration" \
    $([ "$rate" -gt 0 ] && echo "--rate $rate --paced-only")
sleep 1 # the app writes its last report while it closes
echo "gui: $(cat "$probe")"
