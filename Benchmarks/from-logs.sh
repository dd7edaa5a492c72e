#!/usr/bin/env bash
# How long `scenario from-logs` takes on a day of logs: simulates a day of the baseline site
# (300 visits a day) and of a site a hundred times busier with --emit-logs, then times
# from-logs on each (release build, median of 3 runs). Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
swift build -c release --product visitorsim >/dev/null
bin=.build/release/visitorsim
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for perday in 300 30000; do
  $bin simulate --set duration=1d --set workload.arrivals.visitsPerDay=$perday --emit-logs "$dir/$perday" --quiet >/dev/null
  times=()
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    $bin scenario from-logs --lambda "$dir/$perday/lambda.log" --cloudfront "$dir/$perday/cloudfront.log" \
      --apigateway "$dir/$perday/apigateway.log" --output "$dir/fitted.json" 2>/dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  lines=$(cat "$dir/$perday"/*.log | wc -l)
  echo "visits/day=$perday log lines=$lines from-logs (with validation) median of 3: ${median} s"
done
