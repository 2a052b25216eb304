#!/bin/bash
# Measures authenticated GET /api/v1/me against the bare responder (GET
# /healthz: the same server code answering a constant body, no session, no
# database), in the same run, alternating rounds so a noisy machine hurts
# both alike. Prints both request rates and their ratio (target >= 0.50).
#
#   bench/auth-vs-bare.sh [--db URL] [--seconds N] [--rounds N] [--threads N] [--connections N]
#
# Default database: a fresh SQLite file. Run `make` first; needs wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=5 rounds=3 threads=2 conns=32 db=""
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	--threads) threads=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
source bench/server.sh
bench_workdir
[ -n "$db" ] || db="sqlite:$work/bench.db"
export WAYMARK_KEY_FILE="$work/bench.key"
build/waymark init --db "$db" >/dev/null
echo "bench-password-1" | build/waymark user add --db "$db" --username bench.user --role investigator \
	--org "Bench Force" --team EMT >/dev/null 2>&1 || true
bench_serve build/waymark "$db"
cookie=$(bench_sign_in bench.user bench-password-1)
[ -n "$cookie" ] || { echo "could not sign in" >&2; exit 1; }
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/me" >/dev/null

rate() { # url [header]
	local out
	if [ -n "${2:-}" ]; then
		out=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" -H "$2" "$1")
	else
		out=$(wrk -t"$threads" -c"$conns" -d"${seconds}s" "$1")
	fi
	echo "$out" | awk '/Requests\/sec/ {print $2}'
}
echo "machine: $(nproc) cores, $(uname -m); server 4 threads; wrk -t$threads -c$conns, ${seconds}s x $rounds rounds; db ${db%%:*}"
bare_sum=0 me_sum=0
for r in $(seq 1 "$rounds"); do
	b=$(rate "http://127.0.0.1:$port/healthz")
	m=$(rate "http://127.0.0.1:$port/api/v1/me" "Cookie: $cookie")
	printf 'round %d: bare %10.0f req/s   /api/v1/me %10.0f req/s   ratio %.2f\n' "$r" "$b" "$m" \
		"$(echo "$m / $b" | bc -l)"
	bare_sum=$(echo "$bare_sum + $b" | bc -l)
	me_sum=$(echo "$me_sum + $m" | bc -l)
done
printf 'mean:    bare %10.0f req/s   /api/v1/me %10.0f req/s   ratio %.2f (target >= 0.50)\n' \
	"$(echo "$bare_sum / $rounds" | bc -l)" "$(echo "$me_sum / $rounds" | bc -l)" \
	"$(echo "$me_sum / $bare_sum" | bc -l)"
