#!/bin/bash
# Statistics over a million potential victims: GET /api/v1/statistics for a
# few choices of by, over the seeded range (January 2025 to November 2026),
# alternating with the reference, the casework report of the same range
# (GET /api/v1/reports/casework: the house's existing figures, grouped in
# SQL) in the same run. Server time is each request's "us" from the log;
# prints p50/p99 of each and the ratio to the reference.
#
#   bench/statistics.sh [--db URL] [--people N] [--requests N]
# (--db postgresql://.../empty_database runs on PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
people=1000000 requests=5 db=""
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--people) people=$2; shift 2 ;;
	--requests) requests=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
make -s build/waymark build/bench/victims >/dev/null
source bench/server.sh
bench_workdir
db=${db:-"sqlite:$work/bench.db"}
export WAYMARK_KEY_FILE="$work/bench.key"
build/waymark init --db "$db" >/dev/null
build/waymark demo --db "$db" >/dev/null
build/bench/victims --db "$db" --people "$people"
bench_serve build/waymark "$db"
cookie=$(bench_sign_in analyst.reid demo-password-2026)
range="from=2025-01-01&to=2026-11-30"
choices=(gender age_band nationality,month exploitation_type,outcome)
get() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$1"; }
# One untimed round, which also checks every answer is 200.
for by in "${choices[@]}"; do
	code=$(get "/api/v1/statistics?$range&by=$by")
	[ "$code" = 200 ] || { echo "GET /api/v1/statistics?by=$by answered $code" >&2; exit 1; }
done
: >"$work/serve.log"
for _ in $(seq 1 "$requests"); do
	for by in "${choices[@]}"; do
		get "/api/v1/reports/casework?$range" >/dev/null
		get "/api/v1/statistics?$range&by=$by" >/dev/null
		echo "$by" >>"$work/order"
	done
done
# The log names the route, not the query: statistics lines come in the
# order asked, so the n-th is the n-th of $work/order.
times_ref() { grep -aF '"route":"/api/v1/reports/casework"' "$work/serve.log" | sed -n 's/.*"us":\([0-9]*\).*/\1/p' | sort -n; }
times_by() {
	grep -aF '"route":"/api/v1/statistics"' "$work/serve.log" | sed -n 's/.*"us":\([0-9]*\).*/\1/p' |
		paste - "$work/order" | awk -v by="$1" '$2 == by {print $1}' | sort -n
}
pct() { awk -v p="$1" '{v[NR]=$1} END {i=int(NR*p/100); if (i<NR*p/100) i++; if (i<1) i=1; printf "%.1f", v[i]/1000}'; }
ref50=$(times_ref | pct 50) ref99=$(times_ref | pct 99)
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); db ${db%%:*}; $people people seeded; $requests requests each, one at a time"
printf '%-40s server p50 %9s ms  p99 %9s ms\n' "reference GET /api/v1/reports/casework" "$ref50" "$ref99"
for by in "${choices[@]}"; do
	got50=$(times_by "$by" | pct 50) got99=$(times_by "$by" | pct 99)
	printf '%-40s server p50 %9s ms  p99 %9s ms  ratio p50 x%s\n' "GET /api/v1/statistics?by=$by" "$got50" "$got99" \
		"$(awk -v a="$got50" -v b="$ref50" 'BEGIN {printf "%.1f", a/b}')"
done
