# Sourced by the benchmark scripts (from the top of the tree): a throwaway
# work folder, a waymark server on a random loopback port, and a session.

# Makes the work folder, $work; on exit the server stops and the folder goes.
bench_workdir() {
	work=$(mktemp -d)
	trap 'kill ${pid:-} 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
}

# bench_serve BIN DB: serves DB with BIN ($BENCH_THREADS threads, 4 unless set) on $port, its log in
# $work/serve.log, and returns once it answers /healthz (or after 5 s).
bench_serve() {
	port=$((30000 + RANDOM % 20000))
	"$1" serve --db "$2" --listen "127.0.0.1:$port" --threads "${BENCH_THREADS:-4}" 2>"$work/serve.log" &
	pid=$!
	for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
}

# bench_sign_in USER PASSWORD: prints the session cookie (name=value), or
# nothing when the server refuses.
bench_sign_in() {
	curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
		-d "{\"username\":\"$1\",\"password\":\"$2\"}" \
		"http://127.0.0.1:$port/api/v1/session" | tr -d '\r' | sed -n 's/^Set-Cookie: \(wm_session=[^;]*\).*/\1/p'
}

# bench_first_case COOKIE: prints the id of the first case the session lists.
bench_first_case() {
	curl -s -H "Cookie: $1" "http://127.0.0.1:$port/api/v1/cases?limit=1" | grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4
}
