#!/bin/bash
# Ranks the candidates to lead one case among N staff (5,000 by default):
# GET /api/v1/cases/{id}/allocation-candidates, the reference being the
# case's own read (GET /api/v1/cases/{id}) in the same run. Server time is
# each request's "us" from the log; prints p50/p99 of both and the ratio.
#
#   bench/allocation.sh [--db URL] [--staff N] [--requests N]
# (--db postgresql://.../empty_database runs on PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
staff=5000 requests=300 db=""
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--staff) staff=$2; shift 2 ;;
	--requests) requests=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
make -s build/waymark build/bench/staff >/dev/null
source bench/server.sh
bench_workdir
db=${db:-"sqlite:$work/bench.db"}
export WAYMARK_KEY_FILE="$work/bench.key"
build/waymark init --db "$db" >/dev/null
build/waymark demo --db "$db" >/dev/null
build/bench/staff --db "$db" --staff "$staff"
bench_serve build/waymark "$db"
cookie=$(bench_sign_in ds.khan demo-password-2026)
id=$(bench_first_case "$cookie")
total=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id/allocation-candidates?limit=20" | grep -o '"total":[0-9]*')
: >"$work/serve.log"
for _ in $(seq 1 "$requests"); do
	curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id"
	curl -s -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id/allocation-candidates?limit=20"
done
times() { grep -aF "\"route\":\"$1\"" "$work/serve.log" | sed -n 's/.*"us":\([0-9]*\).*/\1/p' | sort -n; }
pct() { awk -v p="$1" '{v[NR]=$1} END {i=int(NR*p/100); if (i<NR*p/100) i++; if (i<1) i=1; printf "%.2f", v[i]/1000}'; }
ref50=$(times '/api/v1/cases/{id}' | pct 50) ref99=$(times '/api/v1/cases/{id}' | pct 99)
got50=$(times '/api/v1/cases/{id}/allocation-candidates' | pct 50) got99=$(times '/api/v1/cases/{id}/allocation-candidates' | pct 99)
echo "machine: $(nproc) cores; db ${db%%:*}; $staff staff seeded ($total candidates); $requests requests each, one at a time"
echo "reference GET /api/v1/cases/{id}:                 server p50 ${ref50} ms  p99 ${ref99} ms"
echo "GET /api/v1/cases/{id}/allocation-candidates:     server p50 ${got50} ms  p99 ${got99} ms"
awk -v a="$got50" -v b="$ref50" -v c="$got99" -v e="$ref99" 'BEGIN {printf "ratio to the case read: p50 x%.1f  p99 x%.1f\n", a/b, c/e}'
