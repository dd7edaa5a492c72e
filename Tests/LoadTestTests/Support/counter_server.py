"""A small counter API on 127.0.0.1 whose behaviour the live-mode tests control.

Prints its port on the first line of stdout, then serves until killed. Options:
  --latency-ms N      answer every request after N ms
  --stall-at S --stall-for D   requests arriving between S and S+D seconds after the first
                      request are held until S+D (the whole server stalls)
  --status-every K --status CODE   every K-th request answers CODE instead of 200
  --reset-every K     every K-th request: close the connection without answering
  --hang-every K      every K-th request: never answer (the client must time out)
  --tls CERT KEY      serve HTTPS
  --cold-every K --cold-ms M   every K-th counter call (path /count) takes M ms more, like a
                      Lambda cold start
  --cdn-miss-ms M --cdn-ttl S  other paths act as an edge cache in front of an origin: the first
                      request of a path in each S seconds answers "X-Cache: Miss from
                      cloudfront" after M ms more; the others "Hit from cloudfront"
  --gzip              bodies are gzip-compressed (Content-Encoding: gzip) for a request that
                      accepts gzip
  --port N            listen on port N (default: any free port)
GET /stats answers the number of counted requests (not itself counted); GET /echo answers the
request's headers as JSON, names lowercased ({"headers": {"user-agent": ...}}), with the method
and the body's length ({"method": "GET", "bodyBytes": 0}). /missing answers 404 (not counted). /to-echo answers 302 and /see-other
303, both to /echo.
"""
import argparse
import gzip
import http.server
import json
import socket
import ssl
import sys
import threading
import time

p = argparse.ArgumentParser()
p.add_argument("--latency-ms", type=float, default=0)
p.add_argument("--stall-at", type=float, default=-1)
p.add_argument("--stall-for", type=float, default=0)
p.add_argument("--status-every", type=int, default=0)
p.add_argument("--status", type=int, default=503)
p.add_argument("--reset-every", type=int, default=0)
p.add_argument("--hang-every", type=int, default=0)
p.add_argument("--tls", nargs=2)
p.add_argument("--cold-every", type=int, default=0)
p.add_argument("--cold-ms", type=float, default=0)
p.add_argument("--cdn-miss-ms", type=float, default=-1)
p.add_argument("--cdn-ttl", type=float, default=1)
p.add_argument("--gzip", action="store_true")
p.add_argument("--port", type=int, default=0)
args = p.parse_args()

lock = threading.Lock()
count = 0
api_count = 0
first = None
cached_until = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One buffered write per response and no Nagle delay: otherwise headers and body leave as
    # two segments and the second waits for a delayed ACK (about 40 ms).
    wbufsize = -1
    disable_nagle_algorithm = True

    def log_message(self, *a):
        pass

    def reply(self, code, body, x_cache=None):
        data = body.encode()
        self.send_response(code)
        if args.gzip and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            data = gzip.compress(data)
            self.send_header("Content-Encoding", "gzip")
        if x_cache:
            self.send_header("X-Cache", x_cache)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        global count, api_count, first
        if self.path.startswith("/stats"):
            with lock:
                self.reply(200, json.dumps({"count": count}))
            return
        if self.path.startswith("/to-echo") or self.path.startswith("/see-other"):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(302 if self.path.startswith("/to-echo") else 303)
            self.send_header("Location", "/echo")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path.startswith("/missing"):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.reply(404, "not found")
            return
        if self.path.startswith("/echo"):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.reply(200, json.dumps({
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "method": self.command, "bodyBytes": len(body)}))
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        now = time.monotonic()
        is_api = self.path.startswith("/count")
        x_cache = None
        with lock:
            count += 1
            n = count
            if is_api:
                api_count += 1
            n_api = api_count
            if first is None:
                first = now
            start = first
            if not is_api and args.cdn_miss_ms >= 0:
                if cached_until.get(self.path, 0) > now:
                    x_cache = "Hit from cloudfront"
                else:
                    cached_until[self.path] = now + args.cdn_ttl
                    x_cache = "Miss from cloudfront"
        if args.stall_at >= 0:
            begin, end = start + args.stall_at, start + args.stall_at + args.stall_for
            if begin <= now < end:
                time.sleep(end - now)
        extra_ms = args.latency_ms
        if is_api and args.cold_every and n_api % args.cold_every == 0:
            extra_ms += args.cold_ms
        if x_cache and x_cache.startswith("Miss"):
            extra_ms += args.cdn_miss_ms
        if extra_ms:
            time.sleep(extra_ms / 1000)
        if args.reset_every and n % args.reset_every == 0:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.close()
            self.close_connection = True
            return
        if args.hang_every and n % args.hang_every == 0:
            time.sleep(3600)
            return
        code = args.status if args.status_every and n % args.status_every == 0 else 200
        self.reply(code, json.dumps({"count": n}), x_cache)

    do_GET = handle_any
    do_POST = handle_any
    do_OPTIONS = handle_any


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024


server = Server(("127.0.0.1", args.port), Handler)
if args.tls:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(args.tls[0], args.tls[1])
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
