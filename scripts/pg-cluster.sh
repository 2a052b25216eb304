#!/bin/bash
# A throwaway PostgreSQL 15 cluster on loopback for the tests.
#   pg-cluster.sh start DIR   initdb into DIR, start on a free port, print the admin URL
#   pg-cluster.sh stop DIR    stop it and remove DIR
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=$1
dir=$2
as_pg() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	as_pg "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 40000))
		(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && continue
		if as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null; then
			echo "$port" >"$dir/port"
			echo "postgresql://postgres@127.0.0.1:$port/postgres"
			exit 0
		fi
	done
	echo "could not start PostgreSQL; see $dir/server.log" >&2
	exit 1
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: pg-cluster.sh start|stop DIR" >&2
	exit 2
	;;
esac
