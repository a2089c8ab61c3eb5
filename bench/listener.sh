#!/usr/bin/env bash
# Listener benchmark: wrk POSTs a ~2 KB General webhook at 1, 16 and 64 connections, 10 s each,
# against our headless capture and against nginx (one worker, answering 200 on loopback) in the
# same run, alternating, and prints req/s, p50, p99, errors and our ratio to nginx.
#
# usage: bench/listener.sh [--app PATH] [--duration SECONDS] [--gui] [--million] [--rate N]
#   --app       the mews-webhook-inspector binary (default: build/release/app/mews-webhook-inspector)
#   --gui       run the app with its window (needs a display, e.g. under xvfb-run) instead of --headless
#   --million   afterwards send 1,000,000 requests and report how much the app's RSS grew
#   --rate      afterwards offer the app about N requests/s (16 connections, each pausing
#               16000/N ms between requests with wrk's delay()) and report what it answered
#   --paced-only  skip the 1/16/64-connection runs (with --rate)
# Needs: wrk, nginx (Debian packages). Nothing here is run by CTest.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
app=$root/build/release/app/mews-webhook-inspector
duration=10
gui=0
million=0
rate=0
paced_only=0
while [ $# -gt 0 ]; do
    case $1 in
    --app) app=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --gui) gui=1; shift ;;
    --million) million=1; shift ;;
    --rate) rate=$2; shift 2 ;;
    --paced-only) paced_only=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

payload=$root/resources/samples/general-current-format.json
cat >"$work/post.lua" <<LUA
local f = assert(io.open("$payload", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# nginx: one worker, no logging, answers every request with 200 and a small JSON body.
nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    client_max_body_size 32m;
    client_body_buffer_size 64k;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nginx_port;
        location / { default_type application/json; return 200 '{"ok":true}'; }
    }
}
CONF
"$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" &
pids+=($!)

# The app, capturing into a session file in the scratch directory.
export XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config
app_args=(--port 0 --session "$work/bench.mwsession")
if [ "$gui" -eq 0 ]; then app_args=(--headless --format text "${app_args[@]}"); fi
"$app" "${app_args[@]}" >/dev/null 2>"$work/app.err" &
app_pid=$!
pids+=($app_pid)
app_port=
for _ in $(seq 1 100); do
    app_port=$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/app.err" | head -n1 | sed 's/.*://') || true
    [ -n "$app_port" ] && break
    sleep 0.1
done
[ -n "$app_port" ] || { echo "the app did not report its address:" >&2; cat "$work/app.err" >&2; exit 1; }
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" && break; sleep 0.1; done

# run_wrk NAME PORT CONNECTIONS -> prints "reqs p50_ms p99_ms errors"
run_wrk() {
    local out
    out=$(wrk -t1 -c"$3" -d"${duration}s" --timeout 5s --latency -s "$work/post.lua" "http://127.0.0.1:$2/webhook" 2>&1)
    echo "$out" >"$work/wrk-$1-$3.txt"
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(awk '/Socket errors:/ {gsub(",",""); print $4+$6+$8+$10; f=1} END {if (!f) print 0}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $5; f=1} END {if (!f) print 0}' <<<"$out")
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") $((errors + non2xx))"
}
to_ms() { # wrk prints 412.00us, 1.23ms, 2.00s
    awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'
}

echo "payload: $(basename "$payload") ($(stat -c %s "$payload") bytes), ${duration}s per run, wrk -t1"
echo "app: $app ${app_args[*]} (pid $app_pid, port $app_port); nginx $("$nginx_bin" -v 2>&1 | sed 's/.*\///') 1 worker (port $nginx_port)"
echo "app built with: $("$app" --version | sed -n 2p)"
for c in $([ "$paced_only" -eq 1 ] || echo 1 16 64); do
    [ "$c" -eq 1 ] && printf '%-6s %-8s %12s %10s %10s %8s\n' conns server req/s p50_ms p99_ms errors
    read -r n_rps n_p50 n_p99 n_err < <(run_wrk nginx "$nginx_port" "$c")
    read -r a_rps a_p50 a_p99 a_err < <(run_wrk app "$app_port" "$c")
    printf '%-6s %-8s %12s %10s %10s %8s\n' "$c" nginx "$n_rps" "$n_p50" "$n_p99" "$n_err"
    printf '%-6s %-8s %12s %10s %10s %8s\n' "$c" app "$a_rps" "$a_p50" "$a_p99" "$a_err"
    awk -v a="$a_rps" -v n="$n_rps" -v c="$c" 'BEGIN { printf "%-6s ratio app/nginx req/s: %.2fx\n", c, a/n }'
done

if [ "$rate" -gt 0 ]; then
    # wrk waits a whole number of milliseconds between a response and the next request
    # on each connection, so pace with 10 ms waits and enough connections: each one
    # sends about once every 12 ms (the wait, a response, and the timer rounding up).
    paced_conns=$(( (rate * 12 + 999) / 1000 ))
    cp "$work/post.lua" "$work/paced.lua"
    echo "delay = function() return 10 end" >>"$work/paced.lua"
    out=$(wrk -t1 -c"$paced_conns" -d"${duration}s" --timeout 5s --latency -s "$work/paced.lua" "http://127.0.0.1:$app_port/webhook" 2>&1)
    echo "$out" >"$work/wrk-paced.txt"
    echo "paced at ~$rate req/s offered ($paced_conns connections): app answered $(awk '/^Requests\/sec:/ {print $2}' <<<"$out") req/s," \
        "p50 $(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")") ms, p99 $(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")") ms"
fi

if [ "$million" -eq 1 ]; then
    rss() { awk '/^VmRSS/ {print $2}' "/proc/$app_pid/status"; }
    before=$(rss)
    # 16 connections until the session file holds one million more captures. The count
    # comes from the app's side (every capture is in the file before it is answered),
    # read through a read-only sqlite3 connection while the app records.
    command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3" >&2; exit 1; }
    stored() { sqlite3 -readonly "$work/bench.mwsession" 'SELECT coalesce(max(id), 0) FROM captures' 2>/dev/null || echo 0; }
    first=$(stored)
    peak=$before
    start=$(date +%s.%N)
    wrk -t1 -c16 -d900s --timeout 5s -s "$work/post.lua" "http://127.0.0.1:$app_port/webhook" >"$work/wrk-million.txt" 2>&1 &
    wrk_pid=$!
    pids+=($wrk_pid)
    total=0
    while kill -0 "$wrk_pid" 2>/dev/null; do
        sleep 1
        now=$(rss)
        [ "$now" -gt "$peak" ] && peak=$now
        total=$(( $(stored) - first ))
        [ "$total" -ge 1000000 ] && break
    done
    end=$(date +%s.%N)
    kill "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" 2>/dev/null || true
    after=$(rss)
    awk -v b="$before" -v a="$after" -v p="$peak" -v t="$total" -v s="$start" -v e="$end" 'BEGIN {
        printf "1M run: %d captures stored in %.1fs; app RSS %.1f MiB -> %.1f MiB (grew %.1f MiB, peak %.1f MiB)\n", t, e-s, b/1024, a/1024, (a-b)/1024, p/1024 }'
fi
