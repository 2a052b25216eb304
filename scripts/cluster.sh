#!/bin/bash
# Waymark as a cluster on loopback: PostgreSQL 15, two application servers
# and HAProxy in front of them.
#   cluster.sh up      start it all in the work folder and print the front URL
#   cluster.sh check [--seconds N] [--clients N]
#                      a write load through HAProxy, one server killed with
#                      kill -9 halfway, then: every acknowledged write is in
#                      the database, none twice, the audit chain verifies.
#                      Starts the cluster when it is not up, and stops what it
#                      started. Exits non-zero when a check fails.
#   cluster.sh down    stop everything up started
# Environment:
#   WAYMARK_CLUSTER_DIR   the work folder (default build/cluster): the state
#                         file, logs, the HAProxy configuration, the key
#   WAYMARK_CLUSTER_PG    a PostgreSQL admin URL to make the cluster's
#                         database in (dropped by down); without it up starts
#                         a PostgreSQL 15 of its own (scripts/pg-cluster.sh)
#   WAYMARK_CLUSTER_SECONDS, WAYMARK_CLUSTER_CLIENTS   check's defaults (6, 4)
#   WAYMARK_BIN           the binary (default build/waymark)
set -u
export LC_ALL=C
cd "$(dirname "$0")/.." || exit 1
root=$PWD
dir=${WAYMARK_CLUSTER_DIR:-build/cluster}
case "$dir" in /*) ;; *) dir=$root/$dir ;; esac
state=$dir/state
bin=${WAYMARK_BIN:-build/waymark}
case "$bin" in /*) ;; *) bin=$root/$bin ;; esac
load=$root/build/tests/cluster/load
username=cluster.loader
org="Cluster Constabulary"

say() { echo "cluster: $*"; }
die() {
	echo "cluster: $*" >&2
	exit 1
}

# A loopback port nothing listens on, and none this run has handed out.
used_ports=" "
free_port() {
	local port
	for _ in $(seq 1 100); do
		port=$((20000 + RANDOM % 40000))
		case "$used_ports" in *" $port "*) continue ;; esac
		(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && continue
		used_ports="$used_ports$port "
		echo "$port"
		return 0
	done
	return 1
}

# Whether url answers 200 within seconds (tenths of a second apart).
healthy() {
	local url=$1 tries=$(($2 * 10))
	for _ in $(seq 1 "$tries"); do
		curl -sf -o /dev/null --max-time 1 "$url" && return 0
		sleep 0.1
	done
	return 1
}

# Whether pid is alive and runs the program named (so a pid reused by
# another process after ours ended is never signalled).
ours() {
	local pid=$1 name=$2
	[ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$name"
}

# Stops pid (if still ours) with SIGTERM, then SIGKILL after ten seconds.
stop_pid() {
	local pid=$1 name=$2
	ours "$pid" "$name" || return 0
	kill -TERM "$pid" 2>/dev/null
	for _ in $(seq 1 100); do
		ours "$pid" "$name" || return 0
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null
}

remember() { echo "$1=$2" >>"$state"; }

# Starts application server n on a free port, remembering its pid and port.
start_server() {
	local n=$1 port=${2:-} pid
	for _ in 1 2 3; do
		[ -n "$port" ] || port=$(free_port) || return 1
		setsid "$bin" serve --db "$DB_URL" --listen "127.0.0.1:$port" --key-file "$dir/waymark.key" \
			--trusted-proxy 127.0.0.1 --max-connections-per-address 1000 --static "$STATIC" \
			>>"$dir/server$n.log" 2>&1 </dev/null &
		pid=$!
		disown "$pid"
		if healthy "http://127.0.0.1:$port/healthz" 15; then
			remember "SERVER${n}_PID" "$pid"
			remember "SERVER${n}_PORT" "$port"
			eval "SERVER${n}_PID=$pid SERVER${n}_PORT=$port"
			return 0
		fi
		stop_pid "$pid" "$bin"
		port=
	done
	say "application server $n did not start; see $dir/server$n.log" >&2
	return 1
}

haproxy_config() {
	cat <<EOF
# Made by scripts/cluster.sh up.
global
	maxconn 2000
	pidfile $dir/haproxy.pid
	log stdout format raw local0


defaults
	mode http
	log global
	option httplog
	timeout connect 1s
	timeout client 30s
	timeout server 30s
	timeout check 2s
	# The client's address for the servers, which trust this proxy.
	option forwardfor
	# A request is tried again only when the connection to the server failed,
	# so it was never sent (the last try on another server): one that reached
	# a server is never replayed, whatever became of that server.
	retry-on conn-failure
	retries 2
	option redispatch 1

frontend front
	bind 127.0.0.1:$FRONT_PORT
	default_backend waymark

backend waymark
	balance roundrobin
	option httpchk GET /healthz
	http-check expect status 200
	# A killed server leaves the rotation at its first refused connection,
	# or after two failed checks a quarter of a second apart.
	default-server check inter 250ms fastinter 100ms downinter 500ms fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down
	server app1 127.0.0.1:$SERVER1_PORT
	server app2 127.0.0.1:$SERVER2_PORT
EOF
}

cmd_up() {
	if [ -f "$state" ]; then
		# shellcheck disable=SC1090
		. "$state"
		if [ -n "${FRONT_URL:-}" ] && healthy "$FRONT_URL/healthz" 1; then
			say "already up at $FRONT_URL (state in $state)"
			return 0
		fi
		say "a cluster was left half up; stopping it first"
		cmd_down >/dev/null
	fi
	command -v haproxy >/dev/null || scripts/ensure-packages.sh test || return 1
	if [ ! -x "$bin" ] || [ ! -d "$root/build/web" ]; then
		make -s all >/dev/null || return 1
	fi
	STATIC=$root/build/web
	mkdir -p "$dir"
	chmod 755 "$dir"
	: >"$state"
	remember DIR "$dir"
	# The database: a new one in the given PostgreSQL, or a PostgreSQL of its own.
	if [ -n "${WAYMARK_CLUSTER_PG:-}" ]; then
		PG_ADMIN=$WAYMARK_CLUSTER_PG
		DB_NAME=waymark_cluster_$$_$RANDOM
		remember PG_ADMIN "$PG_ADMIN"
		psql -q "$PG_ADMIN" -c "CREATE DATABASE $DB_NAME" >/dev/null || return 1
		remember DB_NAME "$DB_NAME"
	else
		PG_ADMIN=$(scripts/pg-cluster.sh start "$dir/pg") || return 1
		remember PG_OWN "$dir/pg"
		DB_NAME=waymark
		psql -q "$PG_ADMIN" -c "CREATE DATABASE $DB_NAME" >/dev/null || return 1
	fi
	DB_URL=${PG_ADMIN%/*}/$DB_NAME
	remember DB_URL "$DB_URL"
	"$bin" init --db "$DB_URL" --key-file "$dir/waymark.key" >/dev/null || return 1
	# One account to work as: its password, made here (random, tried again
	# on the rare one the dictionary check finds too simple), kept in the folder.
	local made=0
	for _ in 1 2 3 4 5; do
		( umask 077; printf 'Cluster-%s\n' "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" >"$dir/password" )
		"$bin" user add --db "$DB_URL" --username "$username" --role investigator --org "$org" \
			--team Load <"$dir/password" >/dev/null 2>"$dir/user-add.log" && { made=1; break; }
	done
	[ "$made" -eq 1 ] || { cat "$dir/user-add.log" >&2; return 1; }
	"$bin" settings set --db "$DB_URL" --org "$org" --second-factor-roles none >/dev/null || return 1
	start_server 1 || return 1
	start_server 2 || return 1
	FRONT_PORT=$(free_port) || return 1
	haproxy_config >"$dir/haproxy.cfg"
	setsid haproxy -f "$dir/haproxy.cfg" -db >"$dir/haproxy.log" 2>&1 </dev/null &
	remember HAPROXY_PID $!
	disown $!
	FRONT_URL=http://127.0.0.1:$FRONT_PORT
	healthy "$FRONT_URL/healthz" 10 || { say "HAProxy did not start; see $dir/haproxy.log" >&2; return 1; }
	remember FRONT_PORT "$FRONT_PORT"
	remember FRONT_URL "$FRONT_URL"
	remember USERNAME "$username"
	say "up: $FRONT_URL (HAProxy) -> 127.0.0.1:$SERVER1_PORT, 127.0.0.1:$SERVER2_PORT; database $DB_URL"
	say "sign in as $username with the password in $dir/password; state in $state; stop with: scripts/cluster.sh down"
}

cmd_down() {
	if [ ! -f "$state" ]; then
		say "not up (no $state)"
		return 0
	fi
	local HAPROXY_PID='' SERVER1_PID='' SERVER2_PID='' PG_OWN='' PG_ADMIN='' DB_NAME=''
	# shellcheck disable=SC1090
	. "$state"
	stop_pid "$HAPROXY_PID" haproxy
	stop_pid "$SERVER1_PID" "$bin"
	stop_pid "$SERVER2_PID" "$bin"
	if [ -n "$PG_OWN" ]; then
		scripts/pg-cluster.sh stop "$PG_OWN"
	elif [ -n "$DB_NAME" ]; then
		psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
	fi
	rm -f "$state" "$dir/password" "$dir/waymark.key" "$dir/haproxy.pid"
	say "down"
}

# ---- check ----

passed=0
failed=0
failures=()
verdict() { # verdict NAME OK? [WHY]
	echo "[ RUN      ] $1"
	if [ "$2" -eq 0 ]; then
		echo "[       OK ] $1"
		passed=$((passed + 1))
	else
		echo "${3:-}"
		echo "[  FAILED  ] $1"
		failed=$((failed + 1))
		failures+=("$1")
	fi
}

# A signed-in session made directly on one server works on the other and
# through HAProxy, and a write made with it on the other is answered.
cross_server_session() {
	local jar=$dir/cross.jar a=http://127.0.0.1:$SERVER1_PORT b=http://127.0.0.1:$SERVER2_PORT csrf status
	rm -f "$jar"
	csrf=$(curl -sf -c "$jar" -H 'Content-Type: application/json' \
		--data-binary "{\"username\":\"$username\",\"password\":\"$(cat "$dir/password")\"}" \
		"$a/api/v1/session" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
	[ -n "$csrf" ] || { echo "signing in on server 1 failed"; return 1; }
	for url in "$b" "$FRONT_URL"; do
		status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$url/api/v1/me")
		[ "$status" = 200 ] || { echo "the session of server 1 answered $status on $url"; return 1; }
	done
	local i=0
	for url in "$b" "$FRONT_URL"; do
		i=$((i + 1))
		local out
		out=$(curl -s -w '\n%{http_code}' -b "$jar" -H 'Content-Type: application/json' \
			-H "X-CSRF-Token: $csrf" \
			--data-binary "{\"title\":\"$prefix-cross-$i\",\"exploitation_types\":[\"labour\"]}" \
			"$url/api/v1/cases")
		status=${out##*$'\n'}
		[ "$status" = 201 ] || { echo "a case made on $url with server 1's session answered $status"; return 1; }
		local id
		id=$(grep -o '"id":"[^"]*"' <<<"${out%$'\n'*}" | head -1 | cut -d '"' -f 4)
		printf '201\t%s\t%s\n' "$id" "$prefix-cross-$i" >>"$dir/cross.tsv"
	done
	rm -f "$jar"
}

# A client's own X-Forwarded-For does not survive HAProxy: the proxy's
# entry (the client's real address) is the one audited.
forwarded_address_audited() {
	local jar=$dir/fwd.jar addr
	curl -sf -o /dev/null -c "$jar" -H 'Content-Type: application/json' -H 'X-Forwarded-For: 203.0.113.9' \
		--data-binary "{\"username\":\"$username\",\"password\":\"$(cat "$dir/password")\"}" \
		"$FRONT_URL/api/v1/session" || { echo "signing in through HAProxy failed"; return 1; }
	rm -f "$jar"
	addr=$(psql -At "$DB_URL" -c "SELECT address FROM audit_log WHERE action = 'login' ORDER BY seq DESC LIMIT 1")
	[ "$addr" = 127.0.0.1 ] || { echo "the sign-in was audited at '$addr', not 127.0.0.1"; return 1; }
}

cmd_check() {
	local seconds=${WAYMARK_CLUSTER_SECONDS:-6} clients=${WAYMARK_CLUSTER_CLIENTS:-4}
	while [ $# -gt 0 ]; do
		case "$1" in
		--seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
		--clients) clients=${2:?--clients needs a value}; shift 2 ;;
		*) die "usage: cluster.sh check [--seconds N] [--clients N]" ;;
		esac
	done
	case "$seconds$clients" in *[!0-9]*) die "--seconds and --clients are whole numbers" ;; esac
	[ -x "$load" ] || make -s build/tests/cluster/load >/dev/null || die "cannot build $load"
	local started=0
	if [ ! -f "$state" ]; then
		started=1
		trap 'cmd_down >/dev/null' EXIT
		trap 'exit 1' INT TERM
		if ! cmd_up; then
			echo "[  FAILED  ] 1 test(s), listed below:"
			echo "[  FAILED  ] the cluster starts"
			exit 1
		fi
	fi
	local HAPROXY_PID='' SERVER1_PID='' SERVER2_PID='' SERVER1_PORT='' SERVER2_PORT='' FRONT_URL='' DB_URL=''
	# shellcheck disable=SC1090
	. "$state"
	healthy "$FRONT_URL/healthz" 5 || die "the cluster in $dir does not answer at $FRONT_URL"
	echo "[==========] Running the cluster check: $clients clients for ${seconds}s through $FRONT_URL, server 1 killed halfway"
	prefix=check-$(date +%s)-$$
	: >"$dir/cross.tsv"

	local why
	why=$(cross_server_session 2>&1)
	verdict "a session made on one server works on the other and through HAProxy" $? "$why"
	why=$(forwarded_address_audited 2>&1)
	verdict "the audit names the address HAProxy saw, not one the client claimed" $? "$why"

	local summary
	summary=$("$load" --url "$FRONT_URL" --username "$username" --password-file "$dir/password" \
		--clients "$clients" --seconds "$seconds" --prefix "$prefix" --out "$dir/records.tsv" \
		--kill "$SERVER1_PID" 2>"$dir/load.log")
	local load_rc=$?
	echo "load: $summary"
	# shellcheck disable=SC2086
	set -- $summary
	local sent=${6:-0} acked=${8:-0} refused=${10:-0} lost=${12:-0} after=${14:-0}
	verdict "the load ran, every client signed in through HAProxy" "$load_rc" "$(cat "$dir/load.log")"
	local dead=0
	ours "$SERVER1_PID" "$bin" && dead=1
	verdict "server 1 was killed and the load went on through server 2" \
		$((dead || after == 0)) "acknowledged after the kill: $after; server 1 still running: $dead"

	# What the database holds of this check's writes.
	psql -At -F $'\t' "$DB_URL" -c "SELECT id, title FROM cases WHERE title LIKE '$prefix-%'" |
		sort >"$dir/present.tsv"
	{ awk -F '\t' '$1 == 201 { print $2 "\t" $3 }' "$dir/records.tsv" "$dir/cross.tsv"; } | sort >"$dir/acknowledged.tsv"
	local present missing duplicates unanswered audited
	present=$(wc -l <"$dir/present.tsv")
	missing=$(comm -23 "$dir/acknowledged.tsv" "$dir/present.tsv" | wc -l)
	unanswered=$(comm -13 "$dir/acknowledged.tsv" "$dir/present.tsv" | wc -l)
	duplicates=$(cut -f 2 "$dir/present.tsv" | sort | uniq -d | wc -l)
	verdict "every acknowledged write is in the database" $((missing != 0)) \
		"$missing acknowledged writes are missing: $(comm -23 "$dir/acknowledged.tsv" "$dir/present.tsv" | head -5 | tr '\n' ' ')"
	verdict "no write is in the database twice" $((duplicates != 0)) \
		"$duplicates titles twice: $(cut -f 2 "$dir/present.tsv" | sort | uniq -d | head -5 | tr '\n' ' ')"
	# Each case made has its audit entry.
	audited=$(psql -At "$DB_URL" -c "SELECT count(DISTINCT c.id) FROM cases c JOIN audit_log a
		ON a.record_id = c.id AND a.action = 'case_created' WHERE c.title LIKE '$prefix-%'")
	verdict "every case made has its audit entry" $((audited != present)) \
		"$present cases, $audited with their audit entry"
	local chain
	chain=$("$bin" audit verify --db "$DB_URL" 2>&1)
	verdict "waymark audit verify passes" $? "$chain"

	echo
	echo "cluster check: sent $sent, acknowledged $((acked + $(wc -l <"$dir/cross.tsv"))), refused $refused and failed $lost (during the kill), acknowledged after the kill $after"
	echo "cluster check: present in the database $present ($unanswered written but never answered), missing $missing, duplicates $duplicates"
	echo "cluster check: $chain"

	if [ "$started" -eq 0 ]; then
		# The cluster was up before: server 1 comes back as it was.
		local SERVER1_PORT_WAS=$SERVER1_PORT
		STATIC=$root/build/web
		grep -v '^SERVER1_' "$state" >"$state.new" && mv "$state.new" "$state"
		start_server 1 "$SERVER1_PORT_WAS" || say "server 1 did not come back; run down and up" >&2
	fi
	echo "[==========] cluster check ran $((passed + failed)) test(s)."
	echo "[  PASSED  ] $passed test(s)."
	if [ "$failed" -gt 0 ]; then
		echo "[  FAILED  ] $failed test(s), listed below:"
		printf '[  FAILED  ] %s\n' "${failures[@]}"
		echo "(logs in $dir)"
		return 1
	fi
	return 0
}

case "${1:-}" in
up) cmd_up || { cmd_down >/dev/null; die "could not start; nothing is left running"; } ;;
down) cmd_down ;;
check) shift; cmd_check "$@" ;;
*) die "usage: cluster.sh up|check [--seconds N] [--clients N]|down" ;;
esac
