"""An HTTP/1.1 server on 127.0.0.1 that misbehaves in one chosen way, for live mode's tests.

Prints its port on the first line of stdout, then serves until killed. One option, --mode:
  ok                  a well-behaved keep-alive server (the control case)
  reset-mid           headers and part of the body, then a TCP reset
  hang-after-headers  headers announcing a body that never comes
  bad-status          a status line that is not HTTP
  bad-headers         a header line without a colon
  bad-chunked         a chunked body whose chunk size is not hexadecimal
  huge-body           a 200 MB body (the client counts it, never keeps it)
  close-each          "Connection: close" on every response
  stale-keep-alive    answers the first request of a connection, then closes the connection
                      when the second arrives, without a byte (as a server at its keep-alive
                      timeout or request limit does in the moment a client reuses it)
  announced-timeout   "Keep-Alive: timeout=1" and closes connections idle for 1 s
  trickle             one byte of the response a second
  some-5xx            every fourth request answers 503
  redirect            every request answers 301 to /elsewhere
  redirect-once       a request for /count answers 302 to /final, which answers 200
  redirect-away       every request answers 302 to --location (another origin), or to the raw
                      bytes of --location-hex (controls and all, for the injection tests)
  keepalive-huge      "Keep-Alive: timeout=1e308" on every response
  dies-and-returns    stops listening 1 s after starting, for 1 s, then listens again
"""
import argparse
import socket
import struct
import threading
import time

p = argparse.ArgumentParser()
p.add_argument("--mode", required=True)
p.add_argument("--location", default="/")
p.add_argument("--location-hex", default=None)
p.add_argument("--log", default=None, help="append each request line, as Python's repr, to this file")
args = p.parse_args()
location = bytes.fromhex(args.location_hex) if args.location_hex else args.location.encode()
mode = args.mode

lock = threading.Lock()
counter = 0

BODY = b"x" * 100


def response(status=200, extra=b"", body=BODY):
    reason = b"OK" if status == 200 else b"Service Unavailable"
    return (
        b"HTTP/1.1 %d %s\r\nContent-Length: %d\r\nContent-Type: text/plain\r\n%s\r\n"
        % (status, reason, len(body), extra)
    ) + body


def read_request(conn, buf):
    """Reads one request head (requests carry no body here); returns (ok, rest of buffer)."""
    while b"\r\n\r\n" not in buf:
        try:
            chunk = conn.recv(65536)
        except OSError:
            return False, b""
        if not chunk:
            return False, b""
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    if args.log:
        with lock, open(args.log, "a") as f:
            f.write(repr(head) + "\n")
    # The path of this connection's current request (each connection has its own thread).
    local.path = head.split(b" ")[1] if head.count(b" ") >= 2 else b"/"
    return True, rest


local = threading.local()


def reset(conn):
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def serve(conn):
    global counter
    buf = b""
    served = 0
    try:
        while True:
            if mode == "announced-timeout":
                conn.settimeout(1.0)
            try:
                ok, buf = read_request(conn, buf)
            except socket.timeout:
                ok = False
            if not ok:
                break
            with lock:
                counter += 1
                n = counter
            served += 1
            if mode == "reset-mid":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 10)
                reset(conn)
                return
            if mode == "hang-after-headers":
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")
                time.sleep(3600)
            if mode == "bad-status":
                conn.sendall(b"HTTX/9 abc\r\n\r\n")
                break
            if mode == "bad-headers":
                conn.sendall(b"HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n")
                break
            if mode == "bad-chunked":
                conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
                break
            if mode == "huge-body":
                size = 200 * 1024 * 1024
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
                block = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    conn.sendall(block)
                continue
            if mode == "close-each":
                conn.sendall(response(extra=b"Connection: close\r\n"))
                break
            if mode == "stale-keep-alive" and served >= 2:
                break
            if mode == "announced-timeout":
                conn.sendall(response(extra=b"Keep-Alive: timeout=1\r\n"))
                continue
            if mode == "keepalive-huge":
                conn.sendall(response(extra=b"Keep-Alive: timeout=1e308, max=1e308\r\n"))
                continue
            if mode == "trickle":
                for b in response():
                    conn.sendall(bytes([b]))
                    time.sleep(1)
                continue
            if mode == "redirect":
                conn.sendall(
                    b"HTTP/1.1 301 Moved Permanently\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n")
                continue
            if mode == "redirect-away":
                conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: " + location
                             + b"\r\nContent-Length: 0\r\n\r\n")
                continue
            if mode == "redirect-once" and local.path != b"/final":
                conn.sendall(b"HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Length: 0\r\n\r\n")
                continue
            if mode == "some-5xx" and n % 4 == 0:
                conn.sendall(response(status=503))
                continue
            conn.sendall(response())
    except OSError:
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def listener(port=0):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen(512)
    return s


open_connections = []


def accept_loop(s):
    while True:
        try:
            conn, _ = s.accept()
        except OSError:
            return
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with lock:
            open_connections.append(conn)
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


sock = listener()
port = sock.getsockname()[1]
print(port, flush=True)
if mode == "dies-and-returns":
    t = threading.Thread(target=accept_loop, args=(sock,), daemon=True)
    t.start()
    time.sleep(1)
    sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    with lock:  # a dying server takes its connections with it
        for c in open_connections:
            try:
                reset(c)
            except OSError:
                pass
        open_connections.clear()
    time.sleep(1)
    sock = listener(port)
accept_loop(sock)
