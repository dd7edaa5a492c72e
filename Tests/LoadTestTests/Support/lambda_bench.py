"""A Lambda-like counter API on 127.0.0.1 whose execution environments are real processes.

Prints its port on the first line of stdout, then serves until killed. Each execution
environment is a Python worker process with a real init (it imports modules and then waits
--init-ms more), serving one request at a time. Workers are forked from a waiting interpreter
(multiprocessing's forkserver), as Lambda starts a runtime it already has: a cold start's CPU
work is the init's imports, tens of milliseconds, not a whole Python start-up, so cold starts at
once on this machine's few cores hardly slow each other (each Lambda environment has its own CPU). A request goes to the most recently used idle
environment (warm); with none idle, a new one starts (cold) if fewer than --concurrency are
alive, else the request is refused with 429 at once. An environment idle for --idle-timeout
seconds is stopped. The handler waits --handler-ms, then increments a counter held by the
front (the counter store, --store-ms away). Every response carries "X-Cold-Start: 1" or "0".

GET /stats answers {"invocations", "coldStarts", "throttled", "count"} (not itself counted).
"""
import argparse
import http.server
import json
import multiprocessing
import threading
import time


def worker(conn, init_ms, handler_ms):
    """One execution environment: the init, then one invocation per message."""
    import csv, decimal, xml.etree.ElementTree  # the init's imports (the front has none of them)
    time.sleep(init_ms / 1000)
    conn.send("ready")
    try:
        while conn.recv() == "go":
            time.sleep(handler_ms / 1000)
            conn.send("done")
    except EOFError:  # the front is gone
        pass


lock = threading.Lock()
idle = []  # environments, most recently used last
alive = 0
stats = {"invocations": 0, "coldStarts": 0, "throttled": 0, "count": 0}


class Environment:
    def __init__(self):
        self.conn, child = processes.Pipe()
        self.proc = processes.Process(target=worker, args=(child, args.init_ms, args.handler_ms))
        self.proc.start()
        child.close()
        self.conn.recv()  # "ready": the init is over
        self.last_used = time.monotonic()

    def invoke(self):
        self.conn.send("go")
        self.conn.recv()

    def stop(self):
        self.proc.kill()
        self.proc.join()
        self.conn.close()


def reaper():
    global alive
    while True:
        time.sleep(0.01)
        now = time.monotonic()
        with lock:
            expired = [e for e in idle if now - e.last_used > args.idle_timeout]
            for e in expired:
                idle.remove(e)
                alive -= 1
        for e in expired:
            e.stop()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle and the client's
    # delayed ACK add 40 ms to a keep-alive response now and then.
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    def answer(self, status, body, cold=None):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        if cold is not None:
            self.send_header("X-Cold-Start", "1" if cold else "0")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        global alive
        if self.path == "/stats":
            with lock:
                self.answer(200, dict(stats))
            return
        with lock:
            if idle:
                env, cold = idle.pop(), False
            elif alive < args.concurrency:
                env, cold = None, True
                alive += 1
            else:
                stats["throttled"] += 1
                env = "throttled"
        if env == "throttled":
            self.answer(429, {"message": "Too Many Requests"})
            return
        if cold:
            env = Environment()
        env.invoke()
        time.sleep(args.store_ms / 1000)
        with lock:
            stats["invocations"] += 1
            stats["coldStarts"] += 1 if cold else 0
            stats["count"] += 1
            count = stats["count"]
            env.last_used = time.monotonic()
            idle.append(env)
        self.answer(200, {"count": count}, cold=cold)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--concurrency", type=int, default=10)
    p.add_argument("--idle-timeout", type=float, default=10)
    p.add_argument("--init-ms", type=float, default=100)
    p.add_argument("--handler-ms", type=float, default=5)
    p.add_argument("--store-ms", type=float, default=1)
    args = p.parse_args()
    processes = multiprocessing.get_context("forkserver")
    processes.set_forkserver_preload(["__main__"])
    processes.Process(target=time.sleep, args=(0,)).start()  # the fork server, started now
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=reaper, daemon=True).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()
