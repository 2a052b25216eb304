#!/bin/bash
# Makes a PostgreSQL database seeded by `build/bench/search --cases` N times
# larger in minutes, where seeding that many through Waymark's own store
# takes hours: every person, case, case part, indicator, name key, reach key
# and trigram row is copied N-1 times with new ids (an MD5 of the copy's
# number and the old id, so copies of one row never collide), and case
# references are renumbered within their year. Names are kept, so the name
# keys stay true to the names; each copy is a world of its own, the same
# people in the same kind of cases, as the national store would hold many
# forces' look-alike records.
#
#   bench/multiply.sh --db URL --times N
#
# Run once on a fresh seed: copies of copies would collide.
set -euo pipefail
db="" times=""
while [ $# -gt 0 ]; do
	case "$1" in
	--db) db=$2; shift 2 ;;
	--times) times=$2; shift 2 ;;
	*) echo "unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -n "$db" ] && [ -n "$times" ] && [ "$times" -ge 2 ] ||
	{ echo "usage: bench/multiply.sh --db URL --times N (N at least 2)" >&2; exit 2; }
per_year=$(psql -XAtq "$db" -c "SELECT coalesce(max(last), 0) FROM case_refs")
[ $((per_year * times)) -le 99999 ] || { echo "references would pass five digits a year" >&2; exit 1; }
start=$SECONDS
psql -X -v ON_ERROR_STOP=1 -q "$db" <<SQL
\set times $times
\set per_year $per_year
BEGIN;
CREATE TEMP TABLE copies AS SELECT generate_series(1, :times - 1) AS k;
CREATE FUNCTION pg_temp.cid(k int, id text) RETURNS text IMMUTABLE LANGUAGE sql
	AS \$\$ SELECT md5(k::text || ':' || id)::uuid::text \$\$;
INSERT INTO people (id, given_names, family_name, aliases, date_of_birth, estimated_age, age_disputed,
	gender, nationalities, languages, interpreter_needed, interpreter_language, safe_contact,
	immigration_status, merged_into, created_by, created_at, updated_at, version, team_id)
SELECT pg_temp.cid(k, id), given_names, family_name, aliases, date_of_birth, estimated_age, age_disputed,
	gender, nationalities, languages, interpreter_needed, interpreter_language, safe_contact,
	immigration_status, NULL, created_by, created_at, updated_at, version, team_id
FROM people, copies;
INSERT INTO person_name_keys (key, person_id)
SELECT key, pg_temp.cid(k, person_id) FROM person_name_keys, copies;
INSERT INTO name_trgm (id, name) SELECT pg_temp.cid(k, id), name FROM name_trgm, copies;
INSERT INTO cases (id, reference, title, summary, status, outcome, exploitation_types, county_lines,
	offences, team_id, created_by, created_at, updated_at, search_text, version)
SELECT pg_temp.cid(k, id),
	substr(reference, 1, 8) || lpad((substr(reference, 9)::int + k * :per_year)::text, 5, '0'),
	title, summary, status, outcome, exploitation_types, county_lines, offences, team_id, created_by,
	created_at, updated_at, search_text, version
FROM cases, copies;
INSERT INTO case_people (id, case_id, person_id, role, victim_context, created_by, created_at, version,
	victim_context_before_htcds)
SELECT pg_temp.cid(k, id), pg_temp.cid(k, case_id), pg_temp.cid(k, person_id), role, victim_context,
	created_by, created_at, version, victim_context_before_htcds
FROM case_people, copies;
INSERT INTO indicators (id, case_person_id, code, note, recorded_by, recorded_at)
SELECT pg_temp.cid(k, id), pg_temp.cid(k, case_person_id), code, note, recorded_by, recorded_at
FROM indicators, copies;
INSERT INTO person_reach_keys (key, team_id, case_id, suspect, person_id)
SELECT key, team_id, CASE WHEN case_id IS NULL THEN NULL ELSE pg_temp.cid(k, case_id) END, suspect,
	pg_temp.cid(k, person_id)
FROM person_reach_keys, copies;
UPDATE case_refs SET last = last * :times;
COMMIT;
ANALYZE;
SQL
echo "multiplied by $times in $((SECONDS - start)) s: $(psql -XAtq "$db" -c "SELECT (SELECT count(*) FROM people) || ' people, ' || (SELECT count(*) FROM cases) || ' cases'")"
