#!/bin/bash
# Runs every suite: unit (plain and ASan+UBSan), API on SQLite (ASan+UBSan)
# and PostgreSQL (plain), the browser tests and the cluster check
# (scripts/cluster.sh check). Starts a throwaway
# PostgreSQL 15 cluster on loopback and always stops it. Prints per-suite
# counts and ends with "N passed, M failed".
# Each engine's API suites end with the fault sweep over its representative
# write paths (tests/faults/, driving build/asan/waymark).
#   run-tests.sh quick   the inner loop (make check): unit and API suites on
#                        SQLite only, plain build, no browser
#   run-tests.sh faults  the whole fault sweep (make test-faults): every write
#                        path, every fault at every call, on both engines
set -u
cd "$(dirname "$0")/.."
quick=0
faults=0
[ "${1:-}" = quick ] && quick=1
[ "${1:-}" = faults ] && faults=1

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-tests.XXXXXX")
chmod 755 "$work"
export TMPDIR=$work
cleanup() {
	WAYMARK_CLUSTER_DIR="$work/cluster" scripts/cluster.sh down >/dev/null 2>&1
	scripts/pg-cluster.sh stop "$work/pg" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ "$quick" -eq 0 ]; then
	if ! WAYMARK_TEST_PG=$(scripts/pg-cluster.sh start "$work/pg"); then
		echo "FAILED: cannot start the PostgreSQL test cluster"
		echo "0 passed, 1 failed"
		exit 1
	fi
	export WAYMARK_TEST_PG WAYMARK_REQUIRE_PG=1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

# Suites run side by side in $WAYMARK_TEST_JOBS lanes (3 by default: the
# API suites spend much of their time waiting on their servers), each into
# its own log; the summary is printed in the order below, whatever the
# order they finish in.
lanes=${WAYMARK_TEST_JOBS:-3}
names=()
mkdir -p "$work/results"

# suite NAME CMD...: a cmocka binary, run in a lane; counts its tests, or
# one failure if it died or ran nothing.
suite() {
	local i=${#names[@]}
	names+=("$1")
	shift
	while [ "$(jobs -rp | wc -l)" -ge "$lanes" ]; do wait -n; done
	(
		log="$work/results/$i.log"
		start=$SECONDS
		"$@" >"$log" 2>&1
		rc=$?
		p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
		f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$log" | grep -Eo '[0-9]+' | tail -1)
		echo "${p:-0} ${f:-0} $rc $((SECONDS - start))" >"$work/results/$i.count"
	) &
}

# The browser tests: node's test runner; its closing counts are read the same way.
web() {
	local i=${#names[@]}
	names+=("web (chromium, axe-core)")
	(
		log="$work/results/$i.log"
		start=$SECONDS
		# Two files at once (each has its own server and browser): the
		# browser suite is the longest lane, and on two cores node would
		# otherwise run its files one by one, a core idle once the API
		# lanes are done.
		# The demo data, loaded once: each file's server starts from a copy
		# (tests/web/harness.mjs), not from twenty-odd loads of its own.
		mkdir -p "$work/web-template"
		if WAYMARK_KEY_FILE="$work/web-template/web.key" build/waymark init --db "sqlite:$work/web-template/web.db" >"$log" 2>&1 &&
			WAYMARK_KEY_FILE="$work/web-template/web.key" build/waymark demo --db "sqlite:$work/web-template/web.db" >>"$log" 2>&1; then
			WAYMARK_WEB_TEMPLATE="$work/web-template" node --test --test-concurrency="${WAYMARK_WEB_JOBS:-2}" \
				--test-reporter=spec tests/web/ >>"$log" 2>&1
			rc=$?
		else
			rc=1
		fi
		p=$(grep -Eo '^ℹ pass [0-9]+' "$log" | grep -Eo '[0-9]+$')
		f=$(grep -Eo '^ℹ fail [0-9]+' "$log" | grep -Eo '[0-9]+$')
		echo "${p:-0} ${f:-0} $rc $((SECONDS - start))" >"$work/results/$i.count"
	) &
}

with() { env "$@"; }

# The API suites of a folder, the slowest first (the session suite waits out
# idle and absolute timeouts), so that none is left running alone at the end.
api_suites() {
	local slow="session_test users_test authz_test" t
	for t in $slow; do [ -x "$1/$t" ] && echo "$1/$t"; done
	for t in "$1"/*_test; do
		case " $slow " in *" ${t##*/} "*) ;; *) echo "$t" ;; esac
	done
}

if [ "$faults" -eq 1 ]; then
	# The whole sweep, an engine a lane; each log ends with what was injected.
	for engine in sqlite pg; do
		suite "faults $engine every path" with WAYMARK_FAULTS_SWEEP=all WAYMARK_TEST_ENGINE=$engine \
			WAYMARK_BIN=build/asan/waymark build/asan/tests/sweep_test
	done
	wait
	quick=2 # nothing more to schedule; the summary follows
fi
if [ "$quick" -eq 0 ]; then
	web # the longest: it starts first and takes a lane of its own
	lanes=$((lanes + 1))
	# Two servers behind HAProxy, one killed with kill -9 under a write
	# load, on a database of its own in the test PostgreSQL: its checks
	# are counted like a suite's tests.
	suite "cluster check (HAProxy, 2 servers, kill -9)" with WAYMARK_CLUSTER_PG="$WAYMARK_TEST_PG" \
		WAYMARK_CLUSTER_DIR="$work/cluster" scripts/cluster.sh check --seconds 4
fi
engines="sqlite pg"
[ "$quick" -eq 1 ] && engines=sqlite
[ "$quick" -eq 2 ] && engines=
# In the inner loop the API suites start first, the unit suites filling
# the lanes beside the slow ones. The whole run takes the unit suites under
# the sanitisers only (below), as it does the SQLite API suites: make check
# runs them on the plain build.
units_after=0
[ "$quick" -eq 1 ] && units_after=1
units() {
	for t in build/tests/unit/*/*_test; do
		suite "unit ${t#build/tests/unit/}" "$t"
	done
}
# make install into a scratch root, the man page and the systemd unit.
[ "$quick" -eq 2 ] || suite "install (files, man page, systemd unit)" scripts/install-test.sh
if [ "$quick" -eq 0 ]; then
	for t in build/asan/tests/unit/*/*_test; do
		suite "unit+asan ${t#build/asan/tests/unit/}" "$t"
	done
fi
for engine in $engines; do
	# On SQLite the whole run takes the API suites under the sanitisers
	# (below) in place of the plain build, which make check runs and the
	# PostgreSQL and browser suites serve: three passes of them cost a third
	# of the run. The suite proving the normal binary holds no fault
	# injection runs on the normal binary here too.
	plain=$(api_suites build/tests/api)
	[ "$engine" = sqlite ] && [ "$quick" -eq 0 ] && plain=$(echo "$plain" | grep '/fault_header_test$')
	for t in $plain; do
		suite "api $engine ${t##*/}" with WAYMARK_TEST_ENGINE=$engine WAYMARK_BIN=build/waymark "$t"
	done
	[ "$units_after" -eq 1 ] && units
	[ "$quick" -eq 1 ] && continue
	# Under the sanitisers the API suites run on SQLite; PostgreSQL's own
	# code runs under them in its fault sweep below. Both at once took the
	# whole run past twenty minutes on two cores.
	# The sanitised build is also the fault build, so the suite proving that
	# the normal binary holds no fault injection runs on the normal one only.
	[ "$engine" = sqlite ] &&
	for t in $(api_suites build/asan/tests/api | grep -v '/fault_header_test$'); do
		suite "api+asan $engine ${t##*/}" with WAYMARK_TEST_ENGINE=$engine WAYMARK_BIN=build/asan/waymark "$t"
	done
	suite "faults $engine representative" with WAYMARK_TEST_ENGINE=$engine WAYMARK_BIN=build/asan/waymark \
		build/asan/tests/sweep_test
done
wait

passed=0
failed=0
failures=()
summary=()
for i in "${!names[@]}"; do
	read -r p f rc secs <"$work/results/$i.count" 2>/dev/null || { p=0; f=0; rc=1; secs=0; }
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi # a suite that ran nothing fails
	passed=$((passed + p))
	failed=$((failed + f))
	summary+=("$(printf '%-44s %4d passed %3d failed %5d s' "${names[$i]}" "$p" "$f" "$secs")")
	if [ "$f" -ne 0 ]; then
		failures+=("${names[$i]}")
		echo "---- ${names[$i]} failed (exit $rc); its output:"
		tail -n 80 "$work/results/$i.log"
	fi
done

# What each fault sweep injected, and survived.
for i in "${!names[@]}"; do
	case "${names[$i]}" in
	faults*) sed -n '/faults injected and survived/,/failures in/p' "$work/results/$i.log" ;;
	esac
done

echo
echo "Suites:"
printf '  %s\n' "${summary[@]}"
if [ ${#failures[@]} -gt 0 ]; then
	echo "Failed suites: ${failures[*]}"
fi
if [ "$quick" -eq 0 ] && [ "$faults" -eq 0 ]; then
	echo "Screenshots of each page the browser tests checked, for review: build/screenshots ($(ls build/screenshots 2>/dev/null | wc -l) files)"
fi
echo
echo "Suites ran for $SECONDS s of wall time, in $lanes lanes."
if [ "$quick" -eq 1 ]; then
	echo "$passed passed, $failed failed (quick: SQLite only, no ASan, no browser; make test runs everything)"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
