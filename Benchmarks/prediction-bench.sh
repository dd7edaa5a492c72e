#!/usr/bin/env bash
# Calibrate on one live run, predict four other loads of the same real system, three times.
#
# The system is the bench of the tests (Tests/LoadTestTests/Support): the page and an asset
# from an edge cache (nginx's proxy_cache, X-Cache: HIT, MISS, EXPIRED; edge_cache.py) in front of
# an origin answering after 20 ms, then the counter API, a Lambda-like front (lambda_bench.py):
# execution environments are real Python processes with a real init, reused most recently used
# first, a concurrency limit with 429s above it, an idle timeout; each response says whether
# it was cold (X-Cold-Start). Every run starts with a fresh bench (no warm environment, an empty
# edge). The function's environments run on core 1; visitorsim, the edge and the origin on core
# 0 (at these rates they use little of it), so that cold starts contend only with each other:
# an environment is forked from a waiting interpreter, so its CPU work is its imports, and three
# cold starts at once take about 10% longer than one (a Lambda environment has its own CPU).
# nginx keeps a copy until the whole second after its TTL (2 s) ends: 2.5 s on average, which
# the base scenario is told.
#
# For each repeat: a steady calibration run (Poisson, 1 call/s for 90 s: its gaps fall on both
# sides of the 1 s idle timeout, which calibration bounds from the calls after them, and about a
# third of its calls are cold, enough to fit the init) -> visitorsim calibrate -> four
# prediction runs, each measured live and predicted with `visitorsim predict`:
#   steady  15 calls/s for 15 s (fifteen times the calibration rate)
#   spike   5/s, a ramp to 25/s, 25/s, back to 5/s (stages)
#   sparse  one call every 1.5 s for 15 s against a 1 s idle timeout (every call cold)
#   burst   20 calls/s for 2 s from cold against a concurrency limit of 3 (429s)
# and prints measured, predicted and the relative difference of counterApi p50 and p90,
# cold starts, 429s, with the tolerances of the issue (20%; 25% or 2 calls; 25% or 3).
# The base scenario is told the concurrency limit (3), which a steady run below it cannot
# reveal (no 429s); the idle timeout, the handler and the init come from the run.
#
# Usage: Benchmarks/prediction-bench.sh [REPEATS]   (default 3; about 2.5 minutes a repeat)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
swift build -c release --product visitorsim >/dev/null
bin=$PWD/.build/release/visitorsim
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; kill $(cat "$work/pids" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

starts=0
serve() {  # serve CORE SCRIPT ARGS... -> prints the port the server announces; its pid goes to $work/pids
  starts=$((starts + 1))
  local file="$work/port-$starts"
  taskset -c "$1" python3 "Tests/LoadTestTests/Support/$2" "${@:3}" >"$file" &
  echo $! >>"$work/pids"
  until grep -q . "$file" 2>/dev/null; do sleep 0.05; done
  head -1 "$file"
}

bench() {  # bench IDLE_TIMEOUT CONCURRENCY -> sets $port (the function) and $edge (the site), all fresh
  port=$(serve 1 lambda_bench.py --idle-timeout "$1" --concurrency "$2" --init-ms 250 --handler-ms 8 --store-ms 2)
  local origin
  origin=$(serve 0 counter_server.py --latency-ms 20)
  edge=$(serve 0 edge_cache.py --origin "$origin" --ttl 2)
}

stop_bench() {
  kill $(cat "$work/pids") 2>/dev/null || true
  rm -f "$work/pids"
}

live() {  # live OUT ARGS...
  local out=$1
  shift
  taskset -c 0 "$bin" live --site "http://127.0.0.1:$edge/index.html" --asset style.css \
    --api "http://127.0.0.1:$port/count" --cold-header X-Cold-Start --loops 1 --quiet \
    --format json --output "$out" "$@" 2>/dev/null
}

for r in $(seq 1 "$repeats"); do
  # Calibration: idle timeout 1 s, limit 3 (the scenario is told the limit only).
  bench 1 3
  live "$work/cal.json" --rate 1/s --poisson --seed "$r" --duration 90s
  stop_bench
  printf '{"apiGateway": {"overheadMs": 0}, "dynamodb": {"updateItemMs": 0}, "lambda": {"reservedConcurrency": 3}, "cdn": {"ttlSeconds": 2.5}}\n' \
    >"$work/base.json"
  "$bin" calibrate "$work/cal.json" "$work/base.json" --output "$work/calibrated.json" 2>"$work/calibration.txt"
  grep -E "idleTimeout|coldStartMs|handlerMs|edgeMs|originMs" "$work/calibration.txt" | sed "s/^/repeat $r calibration: /"

  for load in steady spike sparse burst; do
    bench 1 3
    case $load in
      steady) live "$work/$load.json" --rate 15/s --duration 15s ;;
      spike) live "$work/$load.json" --stage 3s:5/s --stage 3s:25/s --stage 3s:25/s --stage 3s:5/s ;;
      sparse) live "$work/$load.json" --rate 0.6667/s --duration 15s ;;
      burst) live "$work/$load.json" --rate 20/s --duration 2s --connections 64 ;;
    esac
    stop_bench
    "$bin" predict "$work/$load.json" "$work/calibrated.json" --format json --output "$work/$load-pred.json" 2>/dev/null
    "$bin" compare "$work/$load.json" "$work/$load-pred.json" --format json >"$work/$load-cmp.json"
    python3 - "$work/$load-cmp.json" "$r" "$load" <<'PY'
import json, sys
rows = {f["figure"]: f for f in json.load(open(sys.argv[1]))["figures"]}
def check(name, rel, absolute=0):
    f = rows[name]
    m, p = f["measured"], f["predicted"]
    if m is None or p is None:
        return f"{name} {m}/{p} -"
    ok = abs(m - p) <= max(rel * abs(m), absolute)
    return f"{name} {m:.4g}/{p:.4g} {'ok' if ok else 'MISS'}"
print(f"repeat {sys.argv[2]} {sys.argv[3]:7s} " + "; ".join([
    check("counterApi.p50", 0.20), check("counterApi.p90", 0.20),
    check("lambda.coldStarts", 0.25, 2), check("throttled", 0.25, 3), check("cdn.hitRatio", 0, 0.05),
    check("pageLoad.p50", 0.20, 0.5)]))
PY
  done
done
echo "(measured/predicted; tolerances: latency 20%, cold starts 25% or 2, 429s 25% or 3, hit ratio 0.05;"
echo " pageLoad p50 is not one of the issue's figures: 20% or 0.5 ms, a hit takes well under a millisecond here)"
