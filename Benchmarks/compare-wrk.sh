#!/usr/bin/env bash
# Live mode against wrk and hey in one run, on the same local nginx (pinned to core 1; the
# generators to core 0), the measurement of issue 15:
# - closed loop: wrk and `visitorsim live --users N --think 0` at 10, 50 and 200 connections,
#   over http and https, for a 1.4 KB and a 100 KB file; requests/s and CPU per request, and
#   visitorsim's ratios to wrk (goal: CPU per request at most 1.1x wrk's);
# - open model: hey and `visitorsim live --rate R` at 1,000, 5,000 and 20,000/s
#   (Benchmarks/open-model.sh; goal: at most 2x hey's CPU per request, lag p99 at most 1 ms).
#
# Usage: Benchmarks/compare-wrk.sh [SECONDS] [CONNECTIONS...]   (defaults 5, 10 50 200)
# Installs nginx, wrk and hey from Debian when missing (root). Sends traffic to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-5}"
shift || true
conns_list=("$@")
[ $# -eq 0 ] && conns_list=(10 50 200)
for tool in nginx wrk hey; do
  if ! command -v "$tool" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$tool" ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk hey >/dev/null
  fi
done
swift build -c release --product visitorsim >/dev/null
source "$(dirname "$0")/local-nginx.sh"
echo "closed loop, ${seconds} s each (visitorsim / wrk: rate and CPU per request)"
printf "%-6s %-7s %6s %12s %12s %12s %12s %9s %9s\n" file proto conns "wrk req/s" "vs req/s" "wrk us/req" \
  "vs us/req" "rate/wrk" "CPU/wrk"
for file in index.html big.bin; do
  for proto in http https; do
    for conns in "${conns_list[@]}"; do
      port=$([ "$proto" = http ] && echo $http_port || echo $https_port)
      url="$proto://127.0.0.1:$port/$file"
      on_generator_core /usr/bin/time -f "%U %S" -o "$work/wrk.time" wrk -t1 -c"$conns" -d"${seconds}s" "$url" \
        >"$work/wrk.out"
      wrk_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
      wrk_cpu=$(cpu "$work/wrk.time")
      on_generator_core /usr/bin/time -f "%U %S" -o "$work/vs.time" .build/release/visitorsim live --site "$url" \
        --only site --users "$conns" --think 0 --duration "${seconds}s" --loops 1 --connections "$conns" \
        --cacert "$work/cert.pem" --format json --output "$work/vs.json" 2>/dev/null
      read -r vs_req vs_secs < <(python3 -c "import json;r=json.load(open('$work/vs.json'));print(r['errors']['requests'], r['simulatedSeconds'])")
      vs_cpu=$(cpu "$work/vs.time")
      awk -v f="$([ "$file" = big.bin ] && echo 100KB || echo 1KB)" -v p="$proto" -v c="$conns" -v s="$seconds" \
        -v wr="$wrk_rate" -v wc="$wrk_cpu" -v vn="$vs_req" -v vs="$vs_secs" -v vc="$vs_cpu" '
      function sep(n,  s, out) { s = sprintf("%.0f", n); out = ""; while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) } return s out }
      BEGIN {
        vr = vn / vs; wu = wc / (wr * s) * 1e6; vu = vc / vn * 1e6
        printf "%-6s %-7s %6d %12s %12s %12.1f %12.1f %9.2f %9.2f\n", f, p, c, sep(wr), sep(vr), wu, vu, vr / wr, vu / wu
      }'
    done
  done
done
echo
echo "open model, ${seconds} s each (visitorsim / hey: CPU per request; visitorsim's generator lag)"
VISITORSIM_BIN=.build/release/visitorsim "$(dirname "$0")/open-model.sh" "$seconds" 1000 5000 20000
