#!/bin/bash
# One application server against two behind HAProxy, in the same run:
# reads of one case page (GET /api/v1/cases/{id}, with the audit entry each
# read commits), person searches (GET /api/v1/people?q=, names of people in
# the database) and the bare responder (GET /healthz), each through the same
# HAProxy to one server ("one") and to two ("two"), alternating one, two,
# one, two. Prints request rates, wrk's p50/p99, the ratio two/one, and the
# CPU time each process used in each round: each server, HAProxy, the
# PostgreSQL server (the postmaster and all its processes) and wrk.
#
#   bench/cluster-read.sh --db URL [--seconds N] [--rounds N] [--connections N] [--threads N]
#
# URL is a database seeded once with build/bench/search --cases (see
# bench/README.md); this script adds its account to it and leaves the data
# as it was, so it can be run again on the same database. Its key is
# $WAYMARK_KEY_FILE (default build/bench/bench.key). --threads is each
# server's (default 4). Run `make` first; needs wrk, HAProxy and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10 rounds=3 conns=16 threads=4 db=""
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$db" ] || { echo "usage: bench/cluster-read.sh --db URL (a database seeded by build/bench/search --cases)" >&2; exit 2; }
for c in wrk haproxy jq; do command -v $c >/dev/null || { echo "needs $c" >&2; exit 1; }; done
source bench/cluster-lib.sh
cl_workdir
mkdir -p build/bench
export WAYMARK_KEY_FILE=${WAYMARK_KEY_FILE:-build/bench/bench.key}
cl_prepare "$db"
cl_serve 1 "$db" "$threads"
cl_serve 2 "$db" "$threads"
cl_haproxy one:1 two:1,2
cl_find_postmaster "$db"
base=http://127.0.0.1:${front[two]}
cl_sign_in "$base"
# The same session must work on either server: sessions live in the database.
for n in 1 2; do
	curl -sf -o /dev/null -H "Cookie: $cookie" "http://127.0.0.1:${srv_port[$n]}/api/v1/me" ||
		{ echo "the session does not work on server $n" >&2; exit 1; }
done
cl_sample "$base" 50
id=$case_id
cl_urlencode <"$work/names" | sed 's|^|/api/v1/people?q=|' >"$work/search.paths"
people=$(psql -XAtq "$db" -c "SELECT count(*) FROM people" 2>/dev/null || echo "?")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); ${db%%:*} with $people people"
echo "servers: $threads threads each; HAProxy $(haproxy -v | awk 'NR==1 {print $3}'); wrk -t2 -c$conns ${seconds}s, $rounds rounds"
echo "search: $(wc -l <"$work/names") names of people in 50 cases; case read: $id"
[ -n "$pg_pid" ] || echo "(PostgreSQL is not on this machine or not readable: its CPU is not counted)"

# run NAME ENDPOINT ROUND: one wrk run through frontend NAME; appends a row
# to $work/rows: endpoint config round requests req/s p50 p99 (ms) and the
# CPU seconds of server 1, server 2, HAProxy, PostgreSQL and wrk.
run() {
	local name=$1 ep=$2 r=$3 url=http://127.0.0.1:${front[$1]} out a1 a2 h p
	local args=(-t2 -c"$conns" -d"${seconds}s" --latency)
	case "$ep" in
	bare) args+=("$url/healthz") ;;
	case) args+=(-H "Cookie: $cookie" "$url/api/v1/cases/$id") ;;
	search) args+=(-H "Cookie: $cookie" -s bench/paths.lua "$url/" -- "$work/search.paths") ;;
	esac
	a1=$(cl_ticks "${srv_pid[1]}") a2=$(cl_ticks "${srv_pid[2]}") h=$(cl_ticks "$haproxy_pid") p=$(cl_pg_ticks)
	out=$(/usr/bin/time -f 'wrkcpu %U %S' wrk "${args[@]}" 2>&1)
	a1=$(($(cl_ticks "${srv_pid[1]}") - a1)) a2=$(($(cl_ticks "${srv_pid[2]}") - a2))
	h=$(($(cl_ticks "$haproxy_pid") - h)) p=$(($(cl_pg_ticks) - p))
	echo "$out" | awk -v ep="$ep" -v cfg="$name" -v r="$r" -v a1="$a1" -v a2="$a2" -v h="$h" -v p="$p" -v hz="$cl_hz" '
		function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
		/requests in/ { n = $1 }
		/Requests\/sec/ { rps = $2 }
		/ 50%/ { p50 = ms($2) }
		/ 99%/ { p99 = ms($2) }
		/Non-2xx/ { bad += $NF }
		/Socket errors/ { bad += $4 + $6 + $8 + $10 }
		/^wrkcpu/ { w = $2 + $3 }
		END { printf "%s\t%s\t%s\t%d\t%.0f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%.2f\t%d\n",
			ep, cfg, r, n, rps, p50, p99, a1 / hz, a2 / hz, h / hz, p / hz, w, bad }' >>"$work/rows"
	tail -1 "$work/rows" | awk -F'\t' '{printf "round %s %-6s %-3s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  cpu s: app1 %5.2f app2 %5.2f haproxy %5.2f pg %5.2f wrk %5.2f%s\n",
		$3, $1, $2, $5, $6, $7, $8, $9, $10, $11, $12, $13 ? "  ERRORS " $13 : ""}'
}

: >"$work/rows"
# Warm both servers' connections and the database's cache, untimed.
for name in one two; do
	wrk -t2 -c"$conns" -d2s -H "Cookie: $cookie" "http://127.0.0.1:${front[$name]}/api/v1/cases/$id" >/dev/null
	wrk -t2 -c"$conns" -d2s -H "Cookie: $cookie" -s bench/paths.lua "http://127.0.0.1:${front[$name]}/" -- "$work/search.paths" >/dev/null
done
for r in $(seq 1 "$rounds"); do
	for ep in bare case search; do
		run one "$ep" "$r"
		run two "$ep" "$r"
	done
done

echo
echo "means over $rounds rounds; CPU in microseconds a request (the sum, over the cores, of each process's time)"
printf '%-7s %-4s %9s %8s %8s %7s | %7s %7s %7s %7s %7s %7s\n' endpoint cfg "req/s" "p50 ms" "p99 ms" two/one app1 app2 haproxy pg wrk total
awk -F'\t' '
	{ k = $1 "\t" $2; n[k] += $4; rps[k] += $5; p50[k] += $6; p99[k] += $7; c1[k] += $8; c2[k] += $9; h[k] += $10; p[k] += $11; w[k] += $12; m[k]++ }
	END {
		split("bare case search", eps, " "); split("one two", cfgs, " ")
		for (i = 1; i <= 3; i++) for (j = 1; j <= 2; j++) {
			k = eps[i] "\t" cfgs[j]; if (!m[k]) continue
			us = 1e6 / n[k]
			ratio = j == 2 ? sprintf("%.2f", rps[k] / rps[eps[i] "\tone"]) : ""
			printf "%-7s %-4s %9.0f %8.2f %8.2f %7s | %7.0f %7.0f %7.0f %7.0f %7.0f %7.0f\n", eps[i], cfgs[j], rps[k] / m[k], p50[k] / m[k], p99[k] / m[k], ratio,
				c1[k] * us, c2[k] * us, h[k] * us, p[k] * us, w[k] * us, (c1[k] + c2[k] + h[k] + p[k] + w[k]) * us
		}
	}' "$work/rows"
echo "target: two/one >= 0.95 for case and search"
