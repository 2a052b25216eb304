#!/bin/bash
# Reads one case page (GET /api/v1/cases/{id}: the case, its people with
# indicators and places, and the audit entry every read writes) under wrk
# against the demo data, beside the bare responder in the same run. Prints
# request rates, latency p50/p99 and the ratio.
#
#   bench/case-read.sh [--db URL] [--seconds N] [--connections N] [--threads N] [--bin BUILD] [--user NAME]
# (--user analyst.reid reads cases force-wide, e.g. a generated database's)
# (--bin serves with another build of waymark, to compare two versions)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=5 conns=8 db="" bin=build/waymark user=dc.jones
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	--bin) bin=$2; shift 2 ;;
	--user) user=$2; shift 2 ;;
	--threads) export BENCH_THREADS=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
source bench/server.sh
bench_workdir
# A database of its own gets a throwaway key; one named with --db keeps its
# key beside the other benchmark files, so the next run can open it again.
if [ -n "$db" ]; then
	export WAYMARK_KEY_FILE=${WAYMARK_KEY_FILE:-build/bench/bench.key}
else
	db="sqlite:$work/bench.db"
	export WAYMARK_KEY_FILE="$work/bench.key"
fi
# A database made by build/bench/search --cases has people and cases but no
# one to sign in as: the demo adds its accounts (and its 300 cases) on top.
build/waymark init --db "$db" >/dev/null
build/waymark demo --db "$db" >/dev/null
bench_serve "$bin" "$db"
cookie=$(bench_sign_in "$user" demo-password-2026)
id=$(bench_first_case "$cookie")
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id" >/dev/null
run_c() { local c=$1; shift; wrk -t"$([ "$c" -lt 2 ] && echo 1 || echo 2)" -c"$c" -d"${seconds}s" --latency "$@"; }
summarise() { awk '/Requests\/sec/ {r=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} END {printf "%10.0f req/s  p50 %8s  p99 %8s", r, p50, p99}'; }
# Server time: the "us" of each case read's log line, from the request's
# arrival to its last byte handed to the socket.
server_time() {
	grep -aF '"route":"/api/v1/cases/{id}"' "$work/serve.log" | sed -n 's/.*"us":\([0-9]*\).*/\1/p' | sort -n |
		awk '{v[NR]=$1} END {if (NR) printf "server p50 %6.2fms  p99 %6.2fms  (%d reads)", v[int(NR*0.5)+1]/1000, v[int(NR*0.99)+1]/1000, NR}'
}
# The audit entries' commits so far, "commits entries", from /metrics.
audit_groups() {
	curl -s "http://127.0.0.1:$port/metrics" |
		awk '/^waymark_audit_group_commits_total / {c=$2} /^waymark_audit_group_entries_total / {e=$2} END {print c+0, e+0}'
}
echo "machine: $(nproc) cores; server ${BENCH_THREADS:-4} threads; wrk -t2 ${seconds}s; db ${db%%:*}"
for c in 1 "$conns"; do
	: >"$work/serve.log"
	b=$(run_c "$c" "http://127.0.0.1:$port/healthz" | summarise)
	read -r c0 e0 <<<"$(audit_groups)"
	r=$(run_c "$c" -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id" | summarise)
	read -r c1 e1 <<<"$(audit_groups)"
	groups=""
	[ "$c1" -gt "$c0" ] && groups=$(awk -v c=$((c1 - c0)) -v e=$((e1 - e0)) 'BEGIN {printf "  audit: %d commits, %.1f entries each", c, e / c}')
	echo "c$c bare /healthz        $b"
	echo "c$c GET /api/v1/cases/id $r  $(server_time)$groups"
done
