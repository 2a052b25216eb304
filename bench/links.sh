#!/bin/bash
# Links across cases among five million selectors: recording a selector
# (POST /api/v1/cases/{id}/selectors, which counts its matches), the links
# of a case (GET /api/v1/cases/{id}/links) and its network three cases deep
# (GET /api/v1/cases/{id}/network?depth=3), each under wrk for a while
# over the cases of the user's team, beside the bare responder (/healthz)
# and the case page (GET /api/v1/cases/{id}) in the same run. Server time
# is each request's "us" from the log; prints p50/p99 and requests/s of
# each and the ratios to the bare responder.
#
#   bench/links.sh [--db URL] [--people N] [--cases N] [--selectors N]
#                  [--seconds N] [--connections N] [--user NAME] [--seeded]
# (--db postgresql://.../empty_database runs on PostgreSQL; --db with
# --seeded measures a database seeded by an earlier run, whose key and
# sample stay in build/bench)
set -euo pipefail
cd "$(dirname "$0")/.."
people=1000000 cases=250000 selectors=5000000 seconds=10 conns=4 db="" user=dc.jones seeded=""
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--people) people=$2; shift 2 ;;
	--cases) cases=$2; shift 2 ;;
	--selectors) selectors=$2; shift 2 ;;
	--seconds) seconds=$2; shift 2 ;;
	--connections) conns=$2; shift 2 ;;
	--user) user=$2; shift 2 ;;
	--seeded) seeded=1; shift ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
make -s all build/bench/links >/dev/null
source bench/server.sh
bench_workdir
if [ -n "$db" ]; then
	export WAYMARK_KEY_FILE=${WAYMARK_KEY_FILE:-build/bench/bench.key}
	sample=build/bench/links-sample.tsv
else
	[ -z "$seeded" ] || { echo "--seeded needs --db" >&2; exit 2; }
	db="sqlite:$work/links.db"
	export WAYMARK_KEY_FILE="$work/bench.key"
	sample=$work/sample.tsv
fi
if [ -z "$seeded" ]; then
	build/waymark init --db "$db" >/dev/null
	build/waymark demo --db "$db" >/dev/null
	build/bench/links --db "$db" --people "$people" --cases "$cases" --selectors "$selectors" \
		--team-of "$user" --out "$sample"
fi
bench_serve build/waymark "$db"
session=$(curl -s -D "$work/headers" -H 'Content-Type: application/json' \
	-d "{\"username\":\"$user\",\"password\":\"demo-password-2026\"}" "http://127.0.0.1:$port/api/v1/session")
cookie=$(tr -d '\r' <"$work/headers" | sed -n 's/^Set-Cookie: \(wm_session=[^;]*\).*/\1/p')
csrf=$(printf '%s' "$session" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
[ -n "$cookie" ] && [ -n "$csrf" ] || { echo "cannot sign in as $user" >&2; exit 1; }
export LINKS_SAMPLE=$sample LINKS_COOKIE=$cookie LINKS_CSRF=$csrf LINKS_START=0
case1=$(awk -F'\t' '$1 == "case" {print $2; exit}' "$sample")
get() { curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port$1"; }

# Which routes this build has (a route still being built answers 404).
targets=(bare case)
recording=""
[ "$(get "/api/v1/cases/$case1")" = 200 ] || { echo "$user cannot read case $case1" >&2; exit 1; }
post=$(awk -F'\t' '$1 == "post" {print $3; exit}' "$sample")
code=$(curl -s -o "$work/first-post" -w '%{http_code}' -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
	-H 'Content-Type: application/json' -d "$post" \
	"http://127.0.0.1:$port/api/v1/cases/$(awk -F'\t' '$1 == "post" {print $2; exit}' "$sample")/selectors")
if [ "$code" = 201 ]; then
	recording=1
	# Twenty more, untimed, to show the match keys meet the server's: the
	# values already recorded elsewhere (every other one) must match.
	matched=0
	while IFS=$'\t' read -r _ id body; do
		n=$(curl -s -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' -d "$body" \
			"http://127.0.0.1:$port/api/v1/cases/$id/selectors" | sed -n 's/.*"matches":\([0-9]*\).*/\1/p')
		if [ "${n:-0}" -gt 0 ]; then matched=$((matched + 1)); fi
	done < <(awk -F'\t' '$1 == "post"' "$sample" | sed -n 2,21p)
	LINKS_START=21
	echo "of 20 selectors recorded untimed, $matched matched another case's (half are values recorded before)"
else
	echo "POST .../selectors answered $code: not measured" >&2
fi
code=$(get "/api/v1/cases/$case1/links")
if [ "$code" = 200 ]; then targets+=(links); else echo "GET .../links answered $code: not measured" >&2; fi
code=$(get "/api/v1/cases/$case1/network?depth=3")
if [ "$code" = 200 ]; then targets+=(network); else echo "GET .../network answered $code: not measured" >&2; fi
# Recording last, and in other cases than those read.
[ -z "$recording" ] || targets+=(post)

route_of() {
	case $1 in
	bare) echo 'GET /healthz' ;;
	case) echo 'GET /api/v1/cases/{id}' ;;
	post) echo 'POST /api/v1/cases/{id}/selectors' ;;
	links) echo 'GET /api/v1/cases/{id}/links' ;;
	network) echo 'GET /api/v1/cases/{id}/network' ;;
	esac
}
# The log from here on: what the server writes after the mark, read into
# $work/phase.log by phase_log (the server writes on at its offset, so
# the log is never cut short under it).
mark() { from=$(stat -c %s "$work/serve.log"); }
phase_log() { tail -c +$((from + 1)) "$work/serve.log" >"$work/phase.log"; }
# The server's times (us) of one route's lines in the phase, sorted.
times() {
	local method=${1%% *} route=${1#* }
	grep -aF "\"method\":\"$method\",\"route\":\"$route\"" "$work/phase.log" | sed -n 's/.*"us":\([0-9]*\).*/\1/p' | sort -n
}
statuses() {
	local method=${1%% *} route=${1#* }
	grep -aF "\"method\":\"$method\",\"route\":\"$route\"" "$work/phase.log" | sed -n 's/.*"status":\([0-9]*\).*/\1/p' |
		sort | uniq -c | awk '{printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1}'
}
pct() { awk -v p="$1" '{v[NR]=$1} END {i=int(NR*p/100); if (i<NR*p/100) i++; if (i<1) i=1; printf "%.3f", NR ? v[i]/1000 : 0}'; }

# The first look at each case's links makes its notices: one untimed pass
# over the sample's cases, reported on its own.
if [[ " ${targets[*]} " == *" links "* ]]; then
	mark
	for id in $(awk -F'\t' '$1 == "case" {print $2}' "$sample" | sort -u); do get "/api/v1/cases/$id/links" >/dev/null; done
	phase_log
	first50=$(times "$(route_of links)" | pct 50) first99=$(times "$(route_of links)" | pct 99)
	firstn=$(times "$(route_of links)" | wc -l)
fi

# What the answers hold, over the first 20 cases read (untimed; needs jq).
if command -v jq >/dev/null; then
	for id in $(awk -F'\t' '$1 == "case" {print $2}' "$sample" | head -20); do
		if [[ " ${targets[*]} " == *" links "* ]]; then
			curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id/links" |
				jq -r '"links \(.items | length) \([.items[].matches[] | select(.visible)] | length) \([.items[].matches[] | select(.visible | not)] | length)"'
		fi
		if [[ " ${targets[*]} " == *" network "* ]]; then
			curl -s -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/cases/$id/network?depth=3" |
				jq -r '"network \(.nodes | length) \(.edges | length) \([.nodes[] | select(.kind == "case")] | length) \(.withheld.cases) \(if .truncated then 1 else 0 end)"'
		fi
	done | awk '$1 == "links" {n++; s+=$2; v+=$3; h+=$4} $1 == "network" {m++; a+=$2; b+=$3; c+=$4; w+=$5; t+=$6}
		END {
			if (n) printf "links of %d cases: %.1f selectors with matches, %.1f visible matches and %.1f notices a case\n", n, s/n, v/n, h/n
			if (m) printf "networks of %d cases at depth 3: %.0f nodes (%.0f cases) and %.0f edges, %.0f cases withheld, %d of %d truncated at 400 nodes\n", m, a/m, c/m, b/m, w/m, t, m
		}'
fi
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load $load before;" \
	"db ${db%%:*}; server 4 threads; wrk 1 thread, ${seconds}s a run"
[ -z "${firstn:-}" ] || echo "one look at the links of each of $firstn cases first (the first ever raises their notices): server p50 $first50 ms  p99 $first99 ms"
for c in 1 "$conns"; do
	declare -A r50 r99 rate
	for t in "${targets[@]}"; do
		mark
		if [ "$t" = bare ]; then
			out=$(wrk -t1 -c"$c" -d"${seconds}s" "http://127.0.0.1:$port/healthz")
		else
			out=$(LINKS_MODE=$t wrk -t1 -c"$c" -d"${seconds}s" -s bench/links.lua "http://127.0.0.1:$port")
		fi
		# Requests still in the server when wrk stops are logged as they end.
		sleep 1
		phase_log
		rate[$t]=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
		r50[$t]=$(times "$(route_of "$t")" | pct 50)
		r99[$t]=$(times "$(route_of "$t")" | pct 99)
		n=$(times "$(route_of "$t")" | wc -l)
		[ "$t" != post ] || LINKS_START=$((LINKS_START + n))
		printf 'c%-2s %-38s %8.1f req/s  server p50 %8s ms  p99 %8s ms  (%s)' "$c" "$(route_of "$t")" "${rate[$t]}" \
			"${r50[$t]}" "${r99[$t]}" "$(statuses "$(route_of "$t")")"
		if [ "$t" != bare ]; then
			awk -v a="${r50[$t]}" -v b="${r50[bare]}" -v x="${r99[$t]}" -v y="${r99[bare]}" -v r="${rate[$t]}" -v s="${rate[bare]}" \
				'BEGIN {printf "  vs bare: p50 x%.0f  p99 x%.0f  rate %.4f", a/b, x/y, r/s}'
		fi
		if [ "$t" != bare ] && [ "$t" != case ]; then
			awk -v a="${r50[$t]}" -v b="${r50[case]}" 'BEGIN {printf "  vs case page: p50 x%.1f", a/b}'
		fi
		echo
	done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg) after"
