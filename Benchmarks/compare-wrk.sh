#!/usr/bin/env bash
# Runs wrk and `visitorsim live` at the same number of connections against the same local
# nginx file, over http and https, in one run, and prints requests/s and CPU per request for
# both. Goal: visitorsim at >= 0.9 of wrk's rate at <= 1.5x its CPU per request.
#
# Usage: Benchmarks/compare-wrk.sh [SECONDS] [CONNECTIONS]   (defaults 10, 64)
# Installs nginx and wrk from Debian when missing (root). Sends traffic to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
conns="${2:-64}"
for tool in nginx wrk; do
  if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
  fi
done
swift build -c release --product visitorsim >/dev/null
source "$(dirname "$0")/local-nginx.sh"
printf "%-8s %-12s %12s %10s %14s %12s %12s\n" proto tool "requests/s" "CPU s" "CPU us/req" "rate/wrk" "CPU/wrk"
for proto in http https; do
  port=$([ "$proto" = http ] && echo $http_port || echo $https_port)
  url="$proto://127.0.0.1:$port/index.html"
  /usr/bin/time -f "%U %S" -o "$work/wrk.time" wrk -t1 -c"$conns" -d"${seconds}s" "$url" > "$work/wrk.out"
  wrk_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  wrk_cpu=$(cpu "$work/wrk.time")
  wrk_req=$(awk -v r="$wrk_rate" -v s="$seconds" 'BEGIN {print r * s}')
  /usr/bin/time -f "%U %S" -o "$work/vs.time" .build/release/visitorsim live --site "$url" --only site \
    --users "$conns" --think 0 --duration "${seconds}s" --loops 1 --connections "$conns" --cacert "$work/cert.pem" \
    --format json --output "$work/vs.json" 2>/dev/null
  read -r vs_req vs_secs < <(python3 -c "import json;r=json.load(open('$work/vs.json'));print(r['errors']['requests'], r['simulatedSeconds'])")
  vs_rate=$(awk -v n="$vs_req" -v s="$vs_secs" 'BEGIN {print n / s}')
  vs_cpu=$(cpu "$work/vs.time")
  awk -v p="$proto" -v wr="$wrk_rate" -v wc="$wrk_cpu" -v wn="$wrk_req" -v vr="$vs_rate" -v vc="$vs_cpu" -v vn="$vs_req" 'BEGIN {
    wu = wc / wn * 1e6; vu = vc / vn * 1e6
    printf "%-8s %-12s %12.0f %10.2f %14.2f %12s %12s\n", p, "wrk", wr, wc, wu, "1.00", "1.00"
    printf "%-8s %-12s %12.0f %10.2f %14.2f %12.2f %12.2f\n", p, "visitorsim", vr, vc, vu, vr / wr, vu / wu
  }'
done
