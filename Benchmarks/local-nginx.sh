# Sourced by the benchmarks: a local nginx serving a 1.4 KB file (index.html) and a 100 KB one
# (big.bin) over http and https on 127.0.0.1, in a temporary directory removed on exit, pinned
# to core 1 (the generators go on core 0: `on_generator_core CMD...`). Sets work, http_port and
# https_port, and cpu FILE (user + system seconds from /usr/bin/time -f "%U %S").
work=$(mktemp -d)
trap 'kill $(cat "$work/nginx.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/www"
# nginx's workers run as another user: they must be able to read the file (else every answer is 403).
chmod 755 "$work" "$work/www"
head -c 1024 /dev/urandom | base64 > "$work/www/index.html"
head -c 102400 /dev/urandom > "$work/www/big.bin"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 \
  -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" 2>/dev/null
http_port=$((20000 + RANDOM % 20000))
https_port=$((http_port + 1))
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$http_port; root $work/www; }
  server { listen 127.0.0.1:$https_port ssl; root $work/www;
           ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem; }
}
CONF
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  taskset -c 1 nginx -c "$work/nginx.conf"
  on_generator_core() { taskset -c 0 "$@"; }
else
  nginx -c "$work/nginx.conf"
  on_generator_core() { "$@"; }
fi
sleep 0.5
cpu() { awk '{print $1 + $2}' "$1"; }
