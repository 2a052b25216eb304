#!/bin/bash
# The mixed load held at a fraction (80%) of the measured maximum for a
# given time, against one application server or two behind HAProxy: case
# reads, person searches, GET /api/v1/me, notes added to cases and new
# cases (bench/soak.lua). First a short unpaced run measures the maximum
# rate of the same mix; then the paced run. Reports the answers' statuses
# and socket errors, each server's resident memory (sampled every few
# seconds: before the load, at the start, the most, at the end, and the
# slope over the last half), and `waymark audit verify` at the end.
#
#   bench/soak.sh [--db URL] [--servers 1|2] [--minutes N] [--fraction F]
#                 [--max-seconds N] [--connections N] [--threads N]
#
# URL: a database seeded by build/bench/search --cases (bench/README.md);
# its key is $WAYMARK_KEY_FILE (default build/bench/bench.key). Without
# --db, a new SQLite database of 20,000 people in the work folder. The
# soak's notes and cases stay in the database. Exits 1 when any answer was
# not 2xx, a socket failed, or the audit chain does not verify.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=10 servers=1 fraction=0.8 max_seconds=20 conns=16 threads=4 db="" interval=5
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--servers) servers=$2; shift 2 ;;
	--minutes) minutes=$2; shift 2 ;;
	--fraction) fraction=$2; shift 2 ;;
	--max-seconds) max_seconds=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
case "$servers" in 1 | 2) ;; *) echo "--servers 1 or 2" >&2; exit 2 ;; esac
for c in wrk haproxy jq; do command -v $c >/dev/null || { echo "needs $c" >&2; exit 1; }; done
source bench/cluster-lib.sh
cl_workdir
if [ -z "$db" ]; then
	[ -x build/bench/search ] || make -s build/bench/search
	db="sqlite:$work/soak.db"
	export WAYMARK_KEY_FILE="$work/bench.key"
	build/bench/search --db "$db" --people 20000 --queries 1 --cases --variants /dev/null >/dev/null
else
	mkdir -p build/bench
	export WAYMARK_KEY_FILE=${WAYMARK_KEY_FILE:-build/bench/bench.key}
fi
cl_prepare "$db"
for n in $(seq 1 "$servers"); do cl_serve "$n" "$db" "$threads"; done
if [ "$servers" = 2 ]; then
	cl_haproxy two:1,2
	base=http://127.0.0.1:${front[two]}
	via="HAProxy $(haproxy -v | awk 'NR==1 {print $3}') to two servers"
else
	base=http://127.0.0.1:${srv_port[1]}
	via="one server, directly"
fi
cl_sign_in "$base"
cl_sample "$base" 100
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); ${db%%:*}; $via; $threads threads each"
echo "mix: 45% case read, 20% search, 20% /api/v1/me, 10% note added, 5% case created; $(wc -l <"$work/cases") cases, $(wc -l <"$work/names") names"

pids=()
for n in $(seq 1 "$servers"); do pids+=("${srv_pid[$n]}"); done
rss_now() { local p; for p in "${pids[@]}"; do printf ' %s' "$(cl_rss "$p")"; done; }
idle_rss=$(rss_now)

# soak_wrk SECONDS RATE_PER_THREAD: the mix through wrk, 2 threads.
soak_wrk() {
	wrk -t2 -c"$conns" -d"$1s" --latency --timeout 10s -s bench/soak.lua "$base/" -- \
		"$cookie" "$csrf" "$work/cases" "$work/names" "$2"
}
summary() {
	awk '/Requests\/sec/ {r = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} /requests in/ {n = $1}
		/Non-2xx/ {bad = $NF} /Socket errors/ {sock = $0}
		END {printf "%d requests, %.0f req/s, p50 %s, p99 %s, non-2xx %d%s\n", n, r, p50, p99, bad, sock ? "; " sock : ""}'
}

echo "maximum: ${max_seconds}s unpaced, wrk -t2 -c$conns"
soak_wrk "$max_seconds" 0 >"$work/max.out"
max=$(awk '/Requests\/sec/ {print $2}' "$work/max.out")
echo "  $(summary <"$work/max.out")"
target=$(echo "$max * $fraction" | bc -l)
per_thread=$(echo "$target / 2" | bc -l)
printf 'soak: %s min at %.0f req/s (%s of the maximum)\n' "$minutes" "$target" "$fraction"

# Resident memory of each server every $interval seconds, through the soak.
start_ts=$(date +%s)
(
	while :; do
		echo "$(($(date +%s) - start_ts))$(rss_now)"
		sleep "$interval"
	done
) >"$work/rss" &
cl_pids+=($!)
sampler=$!
soak_wrk "$(echo "$minutes * 60 / 1" | bc)" "$per_thread" >"$work/soak.out" 2>&1 || true
kill "$sampler" 2>/dev/null || true
echo "  $(summary <"$work/soak.out")"
grep '^status' "$work/soak.out" | awk '{printf "  status %s: %d\n", $2, $3}'
errors=$(awk '/Non-2xx/ {b += $NF} /Socket errors/ {b += $4 + $6 + $8 + $10} END {print b + 0}' "$work/soak.out")
for n in $(seq 1 "$servers"); do
	{ grep -ac '"status":5' "$work/server$n.log" || true; } | awk -v n="$n" '{printf "  server %d logged %d answers 5xx\n", n, $1}'
done

echo "resident memory (MB; slope over the last half in MB an hour):"
for i in $(seq 1 "$servers"); do
	idle=$(echo "$idle_rss" | awk -v i="$i" '{print $i}')
	awk -v c=$((i + 1)) -v idle="$idle" -v i="$i" '
		{ t[NR] = $1; v[NR] = $c; if ($c > max) max = $c }
		END {
			h = t[NR] / 2; n = 0
			for (k = 1; k <= NR; k++) if (t[k] >= h) { n++; sx += t[k]; sy += v[k]; sxx += t[k] * t[k]; sxy += t[k] * v[k] }
			slope = n > 1 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : 0
			printf "  server %d: before load %.1f, soak start %.1f, max %.1f, end %.1f, slope %+.2f (%d samples)\n",
				i, idle / 1024, v[1] / 1024, max / 1024, v[NR] / 1024, slope * 3600 / 1024, NR
		}' "$work/rss"
done
# The servers stop before the chain is checked, so every entry is written.
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
verify=$(build/waymark audit verify --db "$db" 2>&1) && ok=1 || ok=0
echo "audit: $verify"
[ "$errors" -eq 0 ] && [ "$ok" -eq 1 ]
