#!/usr/bin/env bash
# The open model at a fixed rate: visitorsim live against hey, side by side on the same local
# nginx file, at each rate given. Prints requests/s reached, CPU per request, the ratio to
# hey's, and visitorsim's generator lag p99 (how late its visits started).
# Goal (issue 15): at 1,000 visits/s CPU per request at most 2x hey's, lag p99 at most 1 ms on
# an idle machine, and 20,000/s still reached.
#
# Usage: Benchmarks/open-model.sh [SECONDS] [RATES...]   (defaults 10, 1000 20000)
# Installs nginx and hey from Debian when missing (root). Sends traffic to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
shift || true
rates=("${@:-1000}")
[ $# -eq 0 ] && rates=(1000 20000)
for tool in nginx hey; do
  if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx hey >/dev/null
  fi
done
bin="${VISITORSIM_BIN:-.build/release/visitorsim}"
[ -n "${VISITORSIM_BIN:-}" ] || swift build -c release --product visitorsim >/dev/null
source "$(dirname "$0")/local-nginx.sh"
port=$http_port
url="http://127.0.0.1:$port/index.html"
printf "%-8s %-10s %12s %10s %12s %10s %14s\n" rate tool "requests/s" "CPU s" "CPU us/req" "CPU/hey" "lag p99 ms"
for rate in "${rates[@]}"; do
  # hey: -q is per worker; 50 workers share the rate.
  workers=50
  per=$(awk -v r="$rate" -v w="$workers" 'BEGIN {printf "%.3f", r / w}')
  on_generator_core /usr/bin/time -f "%U %S" -o "$work/hey.time" hey -z "${seconds}s" -c "$workers" -q "$per" "$url" > "$work/hey.out" 2>&1
  hey_n=$(awk '/\[200\]/ {print $2}' "$work/hey.out")
  [ -n "$hey_n" ] || { echo "hey failed:"; tail -5 "$work/hey.out"; hey_n=0; }
  hey_cpu=$(cpu "$work/hey.time")
  on_generator_core /usr/bin/time -f "%U %S" -o "$work/vs.time" "$bin" live --site "$url" --rate "$rate/s" \
    --duration "${seconds}s" --connections 64 --loops 1 --max-rate 100000/s --format json --output "$work/vs.json" \
    --quiet 2>/dev/null || true
  vs_cpu=$(cpu "$work/vs.time")
  read -r vs_n lag <<<"$(python3 -c "
import json,sys
r=json.load(open('$work/vs.json'))
print(r['errors']['requests'], r['latencyMs'].get('generatorLag',{}).get('p99','nan'))")"
  awk -v rate="$rate" -v s="$seconds" -v hn="$hey_n" -v hc="$hey_cpu" -v vn="$vs_n" -v vc="$vs_cpu" -v lag="$lag" '
  function sep(n,  s, out) { s = sprintf("%.0f", n); out = ""; while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) } return s out }
  BEGIN {
    hu = hc / hn * 1e6; vu = vc / vn * 1e6
    printf "%-8s %-10s %12s %10.2f %12.1f %10s %14s\n", sep(rate), "hey", sep(hn / s), hc, hu, "1", "-"
    printf "%-8s %-10s %12s %10.2f %12.1f %10.2f %14s\n", sep(rate), "visitorsim", sep(vn / s), vc, vu, vu / hu, lag
  }'
done
