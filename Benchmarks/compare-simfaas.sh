#!/usr/bin/env bash
# Runs SimFaaS's documented case (Poisson 0.9 req/s, warm 1.991 s, cold 2.244 s, 600 s idle
# timeout, 1e6 s) in SimFaaS, in a SimPy model of the same pool, and in visitorsim, in one run,
# and prints wall times, requests per second, the speed ratio and the results side by side.
#
# Usage: Benchmarks/compare-simfaas.sh [SIMULATED_SECONDS]   (default 1000000)
# Installs simfaas and simpy from PyPI into Benchmarks/.venv (not part of `swift test`).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-1000000}"
venv=Benchmarks/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv --system-site-packages "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check simfaas simpy
swift build -c release --product visitorsim >/dev/null

out=$(mktemp -d)
"$venv/bin/python" Benchmarks/simfaas_case.py "$seconds" > "$out/simfaas.json"
"$venv/bin/python" Benchmarks/simpy_lambda.py "$seconds" > "$out/simpy.json"
start=$(date +%s.%N)
.build/release/visitorsim simulate Scenarios/simfaas-lambda-only.json --set "duration=$seconds" --format json --output "$out/visitorsim-report.json" 2>/dev/null
end=$(date +%s.%N)
python3 - "$out" "$start" "$end" <<'PY'
import json, sys, os
out, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
r = json.load(open(os.path.join(out, "visitorsim-report.json")))
l = r["lambda"]
vs = {"tool": "visitorsim", "wallSeconds": end - start, "requests": l["invocations"] + l["throttled"],
      "coldStartProbability": l["coldStartRatio"], "meanInstances": l["meanInstances"],
      "meanBusyInstances": l["meanBusyInstances"]}
peers = [json.load(open(os.path.join(out, f))) for f in ("simfaas.json", "simpy.json")]
rows = [vs] + peers
print(f"{'tool':<16}{'wall s':>10}{'requests':>12}{'requests/s':>14}{'cold-start p':>14}{'mean inst':>11}{'mean busy':>11}")
for t in rows:
    print(f"{t['tool']:<16}{t['wallSeconds']:>10.3f}{t['requests']:>12,}{t['requests']/t['wallSeconds']:>14,.0f}"
          f"{t['coldStartProbability']:>14.5f}{t['meanInstances']:>11.4f}{t['meanBusyInstances']:>11.4f}")
for p in peers:
    ratio = p["wallSeconds"] / vs["wallSeconds"]
    rel = lambda k: (vs[k] - p[k]) / p[k] * 100
    print(f"visitorsim vs {p['tool']}: {ratio:.1f}x faster (wall, including process start-up); "
          f"relative difference: cold-start probability {rel('coldStartProbability'):+.1f}%, "
          f"mean instances {rel('meanInstances'):+.2f}%, mean busy {rel('meanBusyInstances'):+.2f}%")
PY
