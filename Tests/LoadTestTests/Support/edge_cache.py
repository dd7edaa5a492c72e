"""An edge cache on 127.0.0.1 for the prediction bench: nginx's proxy_cache in front of an
origin, answering each request with X-Cache: HIT, MISS or EXPIRED ($upstream_cache_status),
as CloudFront marks its hits and misses.

Prints its port on the first line of stdout, then becomes nginx (one process, no daemon, so
killing it leaves nothing behind). Options:
  --origin PORT   the origin on 127.0.0.1
  --ttl S         how long a 200 stays cached after it was fetched (whole seconds: nginx
                  counts this one in seconds)
"""
import argparse
import os
import socket
import sys
import tempfile

p = argparse.ArgumentParser()
p.add_argument("--origin", type=int, required=True)
p.add_argument("--ttl", type=int, default=1)
args = p.parse_args()

work = tempfile.mkdtemp(prefix="visitorsim-edge-")
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
temp = " ".join(f"{k}_temp_path {work}/tmp;" for k in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"])
conf = f"""
daemon off;
master_process off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  {temp}
  proxy_cache_path {work}/cache keys_zone=edge:1m;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://127.0.0.1:{args.origin};
      proxy_cache edge;
      proxy_cache_valid 200 {args.ttl}s;
      proxy_cache_lock on;
      proxy_ignore_headers Cache-Control Expires Set-Cookie;
      add_header X-Cache $upstream_cache_status always;
    }}
  }}
}}
"""
with open(f"{work}/nginx.conf", "w") as f:
    f.write(conf)
print(port, flush=True)
os.execv("/usr/sbin/nginx", ["nginx", "-c", f"{work}/nginx.conf", "-e", f"{work}/error.log"])
