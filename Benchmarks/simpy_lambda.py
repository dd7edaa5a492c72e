"""The same Lambda pool as SimFaaS's case, written for SimPy: a peer a user might write.

One request per environment; a request takes the most recently used idle environment,
otherwise starts a new one cold; an environment idle for 600 s is reclaimed. Prints results
and wall time as JSON.
"""
import json
import random
import sys
import time

import simpy

RATE, WARM, COLD, IDLE = 0.9, 1.991, 2.244, 600.0
max_time = float(sys.argv[1]) if len(sys.argv) > 1 else 1e6
random.seed(1)


class Pool:
    def __init__(self, env):
        self.env = env
        self.idle = []  # (environment id, idle since), most recently used last
        self.next_id = 0
        self.live = 0
        self.busy = 0
        self.live_area = 0.0
        self.busy_area = 0.0
        self.last = 0.0
        self.requests = 0
        self.cold = 0

    def account(self):
        now = self.env.now
        self.live_area += self.live * (now - self.last)
        self.busy_area += self.busy * (now - self.last)
        self.last = now

    def reap(self):
        # Reclaim environments idle for longer than the timeout (the oldest are first).
        now = self.env.now
        while self.idle and now - self.idle[0][1] >= IDLE:
            _, since = self.idle.pop(0)
            self.live_area -= (now - (since + IDLE))  # it died at since + IDLE, not now
            self.live -= 1

    def request(self):
        self.account()
        self.reap()
        self.requests += 1
        if self.idle:
            ident, _ = self.idle.pop()
            service = random.expovariate(1 / WARM)
        else:
            ident = self.next_id
            self.next_id += 1
            self.live += 1
            self.cold += 1
            service = random.expovariate(1 / COLD)
        self.busy += 1
        yield self.env.timeout(service)
        self.account()
        self.reap()
        self.busy -= 1
        self.idle.append((ident, self.env.now))


def arrivals(env, pool):
    while True:
        yield env.timeout(random.expovariate(RATE))
        env.process(pool.request())


start = time.perf_counter()
env = simpy.Environment()
pool = Pool(env)
env.process(arrivals(env, pool))
env.run(until=max_time)
pool.account()
pool.reap()
wall = time.perf_counter() - start
print(json.dumps({
    "tool": "SimPy " + simpy.__version__,
    "wallSeconds": wall,
    "requests": pool.requests,
    "coldStartProbability": pool.cold / pool.requests,
    "meanInstances": pool.live_area / max_time,
    "meanBusyInstances": pool.busy_area / max_time,
}))
