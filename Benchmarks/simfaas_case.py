"""Runs SimFaaS's documented case and prints its results and wall time as JSON.

Case (SimFaaS README): Poisson 0.9 requests/s, exponential warm service 1.991 s, exponential
cold service 2.244 s, 600 s expiration threshold, 1e6 s.
"""
import json
import sys
import time

import numpy as np
from simfaas.ServerlessSimulator import ServerlessSimulator

max_time = float(sys.argv[1]) if len(sys.argv) > 1 else 1e6
np.random.seed(1)
start = time.perf_counter()
sim = ServerlessSimulator(arrival_rate=0.9, warm_service_rate=1 / 1.991, cold_service_rate=1 / 2.244,
                          expiration_threshold=600, max_time=max_time)
sim.generate_trace(debug_print=False, progress=False)
wall = time.perf_counter() - start
r = sim.get_result_dict()
print(json.dumps({
    "tool": "SimFaaS 0.2.2",
    "wallSeconds": wall,
    "requests": r["reqs_total"],
    "coldStartProbability": r["prob_cold"],
    "meanInstances": r["inst_count_avg"],
    "meanBusyInstances": r["inst_running_count_avg"],
}))
