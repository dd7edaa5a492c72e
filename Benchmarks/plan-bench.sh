#!/usr/bin/env bash
# Times `plan` with the README's objectives on the embedded baseline (release build), as a
# site owner asks "what breaks first as traffic grows?", and checks that it names the
# DynamoDB item's partition as the first resource to saturate.
#
# Usage: Benchmarks/plan-bench.sh [RUNS]   (default 3; prints each run's wall time)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
runs="${1:-3}"
swift build -c release --product visitorsim >/dev/null
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "cores: $(nproc)"
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  .build/release/visitorsim plan --slo 'counterApi.p99<=800ms' --slo 'errors.rate<=0.001' --quiet > "$out" || true
  end=$(date +%s.%N)
  printf 'run %d: %.2f s\n' "$i" "$(echo "$end - $start" | bc)"
done
grep -E '^(Largest passing load|What failed there|Saturates first)' "$out"
if grep -q "^Saturates first: DynamoDB item's partition" "$out"; then
  echo "ok: the DynamoDB item's partition saturates first"
else
  echo "FAILED: expected the DynamoDB item's partition to saturate first" >&2
  exit 1
fi
