#!/bin/bash
# Runs every suite: unit (plain and ASan+UBSan), API on SQLite and PostgreSQL
# (plain and ASan+UBSan), and the browser tests. Starts a throwaway
# PostgreSQL 15 cluster on loopback and always stops it. Prints per-suite
# counts and ends with "N passed, M failed".
# Each engine's API suites end with the fault sweep over its representative
# write paths (tests/faults/, build/faults/waymark).
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

passed=0
failed=0
failures=()
summary=()

# run NAME CMD...: a cmocka binary; counts its tests, or one failure if it died.
run() {
	local name=$1
	shift
	local log="$work/$(echo "$name" | tr '/ ' '__').log"
	"$@" >"$log" 2>&1
	local rc=$?
	local p f
	p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
	f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$log" | grep -Eo '[0-9]+' | tail -1)
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi # a suite that ran nothing fails
	passed=$((passed + p))
	failed=$((failed + f))
	summary+=("$(printf '%-44s %4d passed %3d failed' "$name" "$p" "$f")")
	if [ "$f" -ne 0 ]; then
		failures+=("$name")
		echo "---- $name failed (exit $rc); its output:"
		tail -n 60 "$log"
	fi
}

if [ "$faults" -eq 1 ]; then
	for engine in sqlite pg; do
		start=$(date +%s)
		WAYMARK_FAULTS_SWEEP=all WAYMARK_TEST_ENGINE=$engine WAYMARK_BIN=build/faults/waymark \
			run "faults $engine every path" build/faults/tests/sweep_test
		echo "---- faults $engine: $(($(date +%s) - start)) s"
		sed -n '/faults injected and survived/,$p' "$work/faults_${engine}_every_path.log"
	done
	printf '  %s\n' "${summary[@]}"
	echo
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

for t in build/tests/unit/*/*_test; do
	run "unit ${t#build/tests/unit/}" "$t"
done
if [ "$quick" -eq 1 ]; then
	for t in build/tests/api/*_test; do
		WAYMARK_TEST_ENGINE=sqlite WAYMARK_BIN=build/waymark run "api sqlite ${t##*/}" "$t"
	done
	printf '  %s\n' "${summary[@]}"
	echo
	echo "$passed passed, $failed failed (quick: SQLite only, no ASan, no browser; make test runs everything)"
	[ "$failed" -eq 0 ]
	exit
fi
for t in build/asan/tests/unit/*/*_test; do
	run "unit+asan ${t#build/asan/tests/unit/}" "$t"
done
for engine in sqlite pg; do
	for t in build/tests/api/*_test; do
		WAYMARK_TEST_ENGINE=$engine WAYMARK_BIN=build/waymark run "api $engine ${t##*/}" "$t"
	done
	for t in build/asan/tests/api/*_test; do
		WAYMARK_TEST_ENGINE=$engine WAYMARK_BIN=build/asan/waymark \
			run "api+asan $engine ${t##*/}" "$t"
	done
	WAYMARK_TEST_ENGINE=$engine WAYMARK_BIN=build/faults/waymark \
		run "faults $engine representative" build/faults/tests/sweep_test
done

# Browser tests: node's test runner; its closing counts are read the same way.
weblog="$work/web.log"
node --test --test-reporter=spec tests/web/ >"$weblog" 2>&1
rc=$?
p=$(grep -Eo '^ℹ pass [0-9]+' "$weblog" | grep -Eo '[0-9]+$')
f=$(grep -Eo '^ℹ fail [0-9]+' "$weblog" | grep -Eo '[0-9]+$')
p=${p:-0}
f=${f:-0}
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi
passed=$((passed + p))
failed=$((failed + f))
summary+=("$(printf '%-44s %4d passed %3d failed' "web (chromium, axe-core)" "$p" "$f")")
if [ "$f" -ne 0 ]; then
	failures+=("web")
	echo "---- web failed (exit $rc); its output:"
	tail -n 80 "$weblog"
fi

echo
echo "Suites:"
printf '  %s\n' "${summary[@]}"
if [ ${#failures[@]} -gt 0 ]; then
	echo "Failed suites: ${failures[*]}"
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
