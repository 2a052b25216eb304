#!/bin/bash
# The CTDC-style export over N people (a million by default), each a
# potential victim identified over five years (2021 to 2025), a case for
# every four, half with a victim context and half the cases with a place of
# exploitation. Times `waymark export htcds` over the five years against two
# references in the same run on the same SQLite file: sqlite3 counting the
# rows the export considers, and sqlite3 writing the same columns as CSV
# with no k-anonymity. Prints each time and the ratios.
#
#   bench/export.sh [--people N]
set -euo pipefail
cd "$(dirname "$0")/.."
people=1000000
while [ $# -gt 0 ]; do
	case "$1" in
	--people) people=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
make -s build/waymark >/dev/null
if [ -n "${BENCH_WORK:-}" ]; then # keeps the database there, for a look afterwards
	work=$BENCH_WORK
	rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
else
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
db="$work/bench.db"
export WAYMARK_KEY_FILE="$work/bench.key"
build/waymark init --db "sqlite:$db" >/dev/null
echo "bench-password-2026-export" | build/waymark user add --username bench.an --role analyst \
	--org "Bench Constabulary" --team Intelligence --db "sqlite:$db" >/dev/null
user=$(sqlite3 "$db" "SELECT id FROM users WHERE username = 'bench.an'")
team=$(sqlite3 "$db" "SELECT team_id FROM users WHERE username = 'bench.an'")

start=$(date +%s.%N)
sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $people)
INSERT INTO people (id, given_names, family_name, aliases, date_of_birth, estimated_age, gender,
	nationalities, languages, created_by, created_at, updated_at)
SELECT printf('p%08d', i), 'Given', 'Family', '[]',
	CASE WHEN i % 3 = 0 THEN printf('%04d-%02d-%02d', 1960 + i % 48, 1 + i % 12, 1 + i % 28) END,
	CASE WHEN i % 3 = 1 THEN 12 + i % 50 END,
	CASE i % 4 WHEN 0 THEN 'female' WHEN 1 THEN 'male' WHEN 2 THEN 'male' ELSE 'unknown' END,
	'["' || CASE WHEN (i * 7919) % 100 < 25 THEN 'AL' WHEN (i * 7919) % 100 < 40 THEN 'VN'
		WHEN (i * 7919) % 100 < 55 THEN 'GB' WHEN (i * 7919) % 100 < 62 THEN 'ER'
		ELSE substr('ROPLNGSDCNINPKIQSYUAEGTRBRCZSKLTHUBGEEMDKWFJ', 1 + 2 * ((i * 31) % 22), 2) END || '"]',
	'[]', '$user', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z'
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ($people + 3) / 4)
INSERT INTO cases (id, reference, title, summary, status, exploitation_types, offences, team_id,
	created_by, created_at, updated_at, search_text)
SELECT printf('c%08d', i), printf('BENCH/%08d', i), 'Case', '', 'investigating',
	CASE i % 5 WHEN 0 THEN '["labour"]' WHEN 1 THEN '["sexual"]' WHEN 2 THEN '["criminal"]'
		WHEN 3 THEN '["labour","sexual"]' ELSE '["domestic_servitude"]' END,
	'[]', '$team', '$user', '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z', ''
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $people)
INSERT INTO case_people (id, case_id, person_id, role, victim_context, created_by, created_at)
SELECT printf('l%08d', i), printf('c%08d', i / 4), printf('p%08d', i), 'potential_victim',
	CASE WHEN i % 2 = 0 THEN '{"methods_of_control":["debt_bondage","takes_earnings"],'
		|| '"relationship_to_trafficker":"family_member","types_of_exploitation":["forced_labour"]}' END,
	'$user', printf('%04d-%02d-%02dT10:00:00Z', 2021 + i % 5, 1 + (i / 5) % 12, 1 + (i / 60) % 28)
FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 2 FROM n WHERE i + 2 < ($people + 3) / 4)
INSERT INTO places (id, case_id, kind, country, created_by, created_at)
SELECT printf('x%08d', i), printf('c%08d', i), 'exploitation', 'GB', '$user', '2021-01-01T00:00:00Z'
FROM n;
COMMIT;
ANALYZE;
SQL
seeded=$(date +%s.%N)

elapsed() { # COMMAND...: runs it, prints its wall time in seconds
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	echo "$t1 - $t0" | bc -l
}
count() {
	sqlite3 "$db" "SELECT COUNT(DISTINCT person_id) FROM case_people WHERE role = 'potential_victim' \
		AND created_at >= '2021-01-01' AND created_at < '2026-01-01'"
}
dump() {
	sqlite3 -csv "$db" "SELECT p.gender, p.date_of_birth, p.estimated_age, p.nationalities, \
		c.exploitation_types, cp.victim_context, (SELECT pl.country FROM places pl \
		WHERE pl.case_id = c.id AND pl.kind = 'exploitation' LIMIT 1) \
		FROM case_people cp JOIN cases c ON c.id = cp.case_id JOIN people p ON p.id = cp.person_id \
		WHERE cp.role = 'potential_victim' AND cp.created_at >= '2021-01-01' \
		AND cp.created_at < '2026-01-01' ORDER BY cp.person_id"
}
export_run() {
	rm -f "$work/out.csv" "$work/out.csv.json"
	build/waymark export htcds --from 2021-01-01 --to 2025-12-31 --out "$work/out.csv" --db "sqlite:$db"
}
t_count=$(elapsed count)
t_dump=$(elapsed dump)
t_export=$(elapsed export_run)
rows=$(($(wc -l <"$work/out.csv") - 1))
printf 'people %d, seeded in %.1f s\n' "$people" "$(echo "$seeded - $start" | bc -l)"
printf 'reference: sqlite3 counting the rows     %7.2f s\n' "$t_count"
printf 'reference: sqlite3 writing them as CSV   %7.2f s\n' "$t_dump"
printf 'waymark export htcds (k-anonymous CSV)   %7.2f s  (%d rows written)\n' "$t_export" "$rows"
printf 'ratio export / count %.1f, export / CSV dump %.1f\n' \
	"$(echo "$t_export / $t_count" | bc -l)" "$(echo "$t_export / $t_dump" | bc -l)"
cat "$work/out.csv.json"
