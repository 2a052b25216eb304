# shellcheck shell=bash disable=SC2034
# Sourced by bench/cluster-read.sh and bench/soak.sh (from the top of the
# tree): application servers on loopback ports, HAProxy in front of them,
# a signed-in session, and the CPU time and memory of each process.
# Everything started here is stopped on exit, by its own pid.

cl_pids=()
cl_cleanup() {
	local p
	for p in "${cl_pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[ -n "${work:-}" ] && rm -rf "$work"
}

# Makes the work folder, $work, removed on exit with everything started.
cl_workdir() {
	work=$(mktemp -d)
	chmod 755 "$work"
	trap cl_cleanup EXIT
}

# A loopback port nothing listens on, and none handed out before.
cl_used=" "
cl_free_port() {
	local port
	for _ in $(seq 1 100); do
		port=$((20000 + RANDOM % 40000))
		case "$cl_used" in *" $port "*) continue ;; esac
		(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && continue
		cl_used="$cl_used$port "
		echo "$port"
		return 0
	done
	return 1
}

# cl_prepare DB: migrates DB and adds the account the load signs in as, an
# investigator in the team build/bench/search records everyone in (so the
# account reaches every generated person and case), without a second factor.
# Its key is $WAYMARK_KEY_FILE (kept beside the other benchmark files, so
# the next run opens the same database again).
cl_user=bench.investigator cl_password=Bench-investigator-pw-2026
cl_prepare() {
	local db=$1
	build/waymark init --db "$db" >/dev/null || return 1
	echo "$cl_password" | build/waymark user add --db "$db" --username "$cl_user" --role investigator \
		--org Bench --team "Bench team" >/dev/null 2>&1 || true
	build/waymark settings set --db "$db" --org Bench --second-factor-roles none >/dev/null
}

# cl_serve N DB THREADS: starts application server N on a free port; sets
# srv_pid[N], srv_port[N]; its request log is $work/serverN.log.
declare -A srv_pid srv_port
cl_serve() {
	local n=$1 db=$2 threads=$3 port extra=()
	port=$(cl_free_port) || return 1
	# Behind the proxy every connection comes from 127.0.0.1.
	extra=(--max-connections-per-address 1000)
	build/waymark serve --help 2>&1 | grep -q -- --trusted-proxy && extra+=(--trusted-proxy 127.0.0.1)
	build/waymark serve --db "$db" --listen "127.0.0.1:$port" --threads "$threads" "${extra[@]}" \
		2>"$work/server$n.log" &
	srv_pid[$n]=$!
	srv_port[$n]=$port
	cl_pids+=($!)
	for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && return 0; sleep 0.1; done
	echo "server $n did not start; see its log:" >&2
	tail -5 "$work/server$n.log" >&2
	return 1
}

# cl_haproxy NAME:N[,N...] ...: HAProxy (as scripts/cluster.sh configures
# it, round robin with health checks on /healthz, the client's address in
# X-Forwarded-For) with one frontend for each NAME, on port front[NAME],
# balancing over the servers listed. No request log, so the proxy's CPU is
# the proxying's.
declare -A front
cl_haproxy() {
	local spec name list n
	{
		cat <<EOF
global
	maxconn 8000

defaults
	mode http
	timeout connect 1s
	timeout client 30s
	timeout server 30s
	timeout check 2s
	option forwardfor
	retry-on conn-failure
	retries 2
	option redispatch 1
EOF
		for spec in "$@"; do
			name=${spec%%:*} list=${spec#*:}
			front[$name]=$(cl_free_port) || return 1
			printf '\nfrontend f_%s\n\tbind 127.0.0.1:%s\n\tdefault_backend b_%s\n' "$name" "${front[$name]}" "$name"
			printf '\nbackend b_%s\n\tbalance roundrobin\n\toption httpchk GET /healthz\n\thttp-check expect status 200\n' "$name"
			printf '\tdefault-server check inter 1s fall 2 rise 2\n'
			for n in ${list//,/ }; do
				printf '\tserver app%s 127.0.0.1:%s\n' "$n" "${srv_port[$n]}"
			done
		done
	} >"$work/haproxy.cfg"
	haproxy -f "$work/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
	haproxy_pid=$!
	cl_pids+=($!)
	for spec in "$@"; do
		name=${spec%%:*}
		for _ in $(seq 1 100); do
			curl -sf -o /dev/null "http://127.0.0.1:${front[$name]}/healthz" && continue 2
			sleep 0.1
		done
		echo "HAProxy did not start; see $work/haproxy.log" >&2
		return 1
	done
	# Every listed server in rotation (two checks passed) before the load starts.
	sleep 2.5
}

# cl_sign_in URL: sets cookie (name=value) and csrf for the bench account.
cl_sign_in() {
	local out
	out=$(curl -s -D "$work/signin.hdr" -H 'Content-Type: application/json' \
		-d "{\"username\":\"$cl_user\",\"password\":\"$cl_password\"}" "$1/api/v1/session")
	cookie=$(tr -d '\r' <"$work/signin.hdr" | sed -n 's/^set-cookie: \(wm_session=[^;]*\).*/\1/Ip')
	csrf=$(jq -r '.csrf_token // empty' <<<"$out")
	[ -n "$cookie" ] && [ -n "$csrf" ] || { echo "could not sign in as $cl_user: $out" >&2; return 1; }
}

# cl_sample URL N: writes to $work/cases the ids of N cases the account
# sees (generated ones: status investigating, which the soak's new cases
# are not), and to $work/names the names (given and family) of their people:
# names that exist, for the person search; case_id is the first of those
# cases with people in it.
cl_sample() {
	local url=$1 n=$2 id
	curl -s -H "Cookie: $cookie" "$url/api/v1/cases?status=investigating&limit=$n" | jq -r '.items[].id' >"$work/cases"
	: >"$work/names"
	while read -r id; do
		curl -s -H "Cookie: $cookie" "$url/api/v1/cases/$id" |
			jq -r '.. | objects | select(.given_names? and .family_name?) | "\(.given_names) \(.family_name)"'
	done <"$work/cases" | sort -u >"$work/names"
	[ -s "$work/cases" ] && [ -s "$work/names" ] || { echo "no cases or names to read" >&2; return 1; }
	# The case to read: the first with people in it.
	case_id=$(while read -r id; do
		curl -s -H "Cookie: $cookie" "$url/api/v1/cases/$id" | jq -e '[.. | objects | select(.given_names?)] | length > 0' >/dev/null && { echo "$id"; break; }
	done <"$work/cases")
}

# cl_urlencode: each line of standard input, percent-encoded.
cl_urlencode() { jq -Rr '@uri'; }

# cl_ticks PID...: CPU time (user + system, clock ticks) of the processes.
cl_ticks() {
	local p s=0 t
	for p; do
		t=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null) || t=0
		s=$((s + ${t:-0}))
	done
	echo "$s"
}

# The PostgreSQL server behind a postgresql:// URL, when it runs here: its
# postmaster's pid in pg_pid (empty otherwise).
cl_find_postmaster() {
	local db=$1 dir
	pg_pid=
	case "$db" in postgresql:* | postgres:*) ;; *) return 0 ;; esac
	dir=$(psql -XAtq "$db" -c "SHOW data_directory" 2>/dev/null) || return 0
	[ -r "$dir/postmaster.pid" ] && pg_pid=$(head -1 "$dir/postmaster.pid")
	[ -r "/proc/$pg_pid/stat" ] || pg_pid=
}

# cl_pg_ticks: CPU time of the postmaster and all its processes: its own,
# its children's that ended (cutime, cstime), and those alive now.
cl_pg_ticks() {
	[ -n "${pg_pid:-}" ] || { echo 0; return; }
	{ cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$pg_pid" '
		{ pid = $1; sub(/.*\) /, "") }
		pid == pm { s += $12 + $13 + $14 + $15 }
		$2 == pm { s += $12 + $13 }
		END { print s + 0 }'
}

# cl_rss PID: resident memory in kB.
cl_rss() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

cl_hz=$(getconf CLK_TCK)
