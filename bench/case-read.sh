#!/bin/bash
# Reads one case page (GET /api/v1/cases/{id}: the case, its people with
# indicators and places, and the audit entry every read writes) under wrk
# against the demo data, beside the bare responder in the same run. Prints
# request rates, latency p50/p99 and the ratio.
#
#   bench/case-read.sh [--db URL] [--seconds N] [--connections N]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=5 conns=8 db=""
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
[ -n "$db" ] || db="sqlite:$work/bench.db"
export WAYMARK_KEY_FILE="$work/bench.key"
build/waymark init --db "$db" >/dev/null
build/waymark demo --db "$db" >/dev/null
port=$((30000 + RANDOM % 20000))
build/waymark serve --db "$db" --listen "127.0.0.1:$port" --threads 4 2>"$work/serve.log" &
pid=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
	-d '{"username":"dc.jones","password":"demo-password-2026"}' \
	"http://127.0.0.1:$port/api/v1/session" | tr -d '\r' | sed -n 's/^Set-Cookie: \(wm_session=[^;]*\).*/\1/p')
id=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases?limit=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4)
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id" >/dev/null
run() { wrk -t2 -c"$conns" -d"${seconds}s" --latency "$@"; }
summarise() { awk '/Requests\/sec/ {r=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} END {printf "%10.0f req/s  p50 %8s  p99 %8s", r, p50, p99}'; }
echo "machine: $(nproc) cores; server 4 threads; wrk -t2 -c$conns ${seconds}s; db ${db%%:*}; demo data (300 cases)"
b=$(run "http://127.0.0.1:$port/healthz" | summarise)
c=$(run -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id" | summarise)
echo "bare /healthz        $b"
echo "GET /api/v1/cases/id $c"
