-- Searching people within a user's reach. Each row files one of a person's
-- name keys under one way the person is reached: a part in a case (the case,
-- its team, and whether the part is as a suspect) or, while they are in no
-- case, the team that recorded them (no case). A search then draws its
-- candidates through the reach's own keys (the user's team, the teams of
-- their organisation, the cases allocated to them) instead of reading
-- everyone holding a name and asking of each whether they are within reach.
-- src/store/people.c keeps the rows in step with each person's keys and
-- parts, in the transaction that changes them.

CREATE TABLE person_reach_keys (
	key TEXT NOT NULL,
	team_id TEXT NOT NULL REFERENCES teams(id),
	case_id TEXT REFERENCES cases(id),
	suspect INTEGER NOT NULL CHECK (suspect IN (0, 1)),
	person_id TEXT NOT NULL REFERENCES people(id)
) STRICT;
CREATE INDEX person_reach_keys_team ON person_reach_keys (team_id, key, suspect, person_id);
CREATE INDEX person_reach_keys_person ON person_reach_keys (person_id);

-- The people already stored, filed as reach_refresh (src/store/people.c)
-- files them: each part in a case, and the recording team of those in none.
INSERT INTO person_reach_keys (key, team_id, case_id, suspect, person_id)
	SELECT k.key, c.team_id, c.id, CASE WHEN cp.role = 'suspect' THEN 1 ELSE 0 END,
		k.person_id
	FROM case_people cp JOIN cases c ON c.id = cp.case_id
	JOIN person_name_keys k ON k.person_id = cp.person_id;
INSERT INTO person_reach_keys (key, team_id, case_id, suspect, person_id)
	SELECT k.key, p.team_id, NULL, 0, k.person_id
	FROM person_name_keys k JOIN people p ON p.id = k.person_id
	WHERE p.team_id IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM case_people n WHERE n.person_id = p.id);
