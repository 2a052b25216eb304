-- A potential victim's context (case_people.victim_context) moves to the
-- lists of the Human Trafficking Case Data Standard v2.0 that it claims
-- (docs/vocabularies.md). Each changed row keeps the JSON it held before in
-- victim_context_before_htcds, so nothing recorded is lost; rows left as
-- they were keep it NULL.
--
-- Methods of control: threats -> physical_threats, threat_of_law_enforcement
-- -> threats_law_enforcement, threats_to_family -> threatens_children_family,
-- psychoactive_substances -> psychoactive_substance, restricts_movement ->
-- other (HTCDS v2.0 has no such value).
-- Types of exploitation: forced_military_service ->
-- forced_military_by_non_state_actors, slavery_and_similar and
-- domestic_servitude -> servitude, forced_criminality -> other.
-- Method of recruitment (one value): HTCDS names where or through whom a
-- victim was recruited. The old values named the means (an offer of work, a
-- romance, abduction, sale, debt) or a channel HTCDS splits in two (online:
-- social networks or an advertisement; family or friends: family or
-- friends), so none of them can be told to be one of HTCDS's named values
-- and each becomes other; unknown is removed, as no method recorded.
-- Relationship to the trafficker keeps its codes.
-- Where two old values of a list become one, the list holds it once.
--
-- The context is written by the API as compact JSON with its keys sorted
-- (method_of_recruitment, methods_of_control, relationship_to_trafficker,
-- types_of_exploitation), each value a code or null, each list an array of
-- codes. The same SQL runs on SQLite and PostgreSQL, which share no JSON
-- functions: each context is cut into its four parts at the positions of
-- their keys, found by walking the text, and each part is changed alone.

ALTER TABLE case_people ADD COLUMN victim_context_before_htcds TEXT;

CREATE TABLE htcds_024_keys (
	id TEXT PRIMARY KEY,
	old TEXT NOT NULL,
	p_rec INT,
	p_ctl INT,
	p_rel INT,
	p_exp INT
) STRICT;

-- Only the contexts that hold something to move are walked: a method of
-- recruitment (every old one moves) or an old code of the two lists. (In
-- LIKE, _ matches any one character, so the test may let through more,
-- never fewer.)
WITH RECURSIVE walk (id, s, i) AS (
	SELECT id, victim_context, 1 FROM case_people
	WHERE victim_context LIKE '%"method_of_recruitment":"%'
		OR victim_context LIKE '%"threats"%'
		OR victim_context LIKE '%"threat_of_law_enforcement"%'
		OR victim_context LIKE '%"threats_to_family"%'
		OR victim_context LIKE '%"psychoactive_substances"%'
		OR victim_context LIKE '%"restricts_movement"%'
		OR victim_context LIKE '%"forced_military_service"%'
		OR victim_context LIKE '%"slavery_and_similar"%'
		OR victim_context LIKE '%"domestic_servitude"%'
		OR victim_context LIKE '%"forced_criminality"%'
	UNION ALL
	SELECT id, s, i + 1 FROM walk WHERE i < length(s)
)
INSERT INTO htcds_024_keys (id, old, p_rec, p_ctl, p_rel, p_exp)
SELECT id, s,
	MAX(CASE WHEN substr(s, i, 24) = '"method_of_recruitment":' THEN i END),
	MAX(CASE WHEN substr(s, i, 21) = '"methods_of_control":' THEN i END),
	MAX(CASE WHEN substr(s, i, 29) = '"relationship_to_trafficker":' THEN i END),
	MAX(CASE WHEN substr(s, i, 24) = '"types_of_exploitation":' THEN i END)
FROM walk GROUP BY id, s;

-- Each part is the value's text (a quoted code, an array or null), or NULL
-- when the key is absent. A value runs from after its key to the comma
-- before the next key, or to the closing brace. (The positions are INT, not
-- INTEGER: PostgreSQL's substr takes int4, and INTEGER is BIGINT there.)
CREATE TABLE htcds_024_parts (
	id TEXT PRIMARY KEY,
	old TEXT NOT NULL,
	rec TEXT,
	ctl TEXT,
	rel TEXT,
	exp TEXT,
	new TEXT
) STRICT;

INSERT INTO htcds_024_parts (id, old, rec, ctl, rel, exp)
SELECT id, old,
	CASE WHEN p_rec IS NULL THEN NULL
		ELSE substr(old, p_rec + 24, COALESCE(p_ctl, p_rel, p_exp, length(old) + 1) - 1 - (p_rec + 24)) END,
	CASE WHEN p_ctl IS NULL THEN NULL
		ELSE substr(old, p_ctl + 21, COALESCE(p_rel, p_exp, length(old) + 1) - 1 - (p_ctl + 21)) END,
	CASE WHEN p_rel IS NULL THEN NULL
		ELSE substr(old, p_rel + 29, COALESCE(p_exp, length(old) + 1) - 1 - (p_rel + 29)) END,
	CASE WHEN p_exp IS NULL THEN NULL
		ELSE substr(old, p_exp + 24, length(old) - (p_exp + 24)) END
FROM htcds_024_keys;

UPDATE htcds_024_parts SET rec = CASE rec
	WHEN '"job_offer"' THEN '"other"'
	WHEN '"romantic_relationship"' THEN '"other"'
	WHEN '"family_or_friends"' THEN '"other"'
	WHEN '"online"' THEN '"other"'
	WHEN '"abduction"' THEN '"other"'
	WHEN '"sold"' THEN '"other"'
	WHEN '"debt"' THEN '"other"'
	WHEN '"unknown"' THEN NULL
	ELSE rec END
WHERE rec IS NOT NULL;

UPDATE htcds_024_parts SET ctl =
	REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(ctl,
		'"threats"', '"physical_threats"'),
		'"threat_of_law_enforcement"', '"threats_law_enforcement"'),
		'"threats_to_family"', '"threatens_children_family"'),
		'"psychoactive_substances"', '"psychoactive_substance"'),
		'"restricts_movement"', '"other"')
WHERE ctl IS NOT NULL;

UPDATE htcds_024_parts SET exp =
	REPLACE(REPLACE(REPLACE(REPLACE(exp,
		'"forced_military_service"', '"forced_military_by_non_state_actors"'),
		'"slavery_and_similar"', '"servitude"'),
		'"domestic_servitude"', '"servitude"'),
		'"forced_criminality"', '"other"')
WHERE exp IS NOT NULL;

-- A list holding a code more than once holds it once, first: every copy is
-- taken out (codes hold no commas or quotes, so dropping the commas and
-- putting one back between each pair of quotes mends the array), and one
-- put back.
UPDATE htcds_024_parts SET ctl = CASE
	WHEN REPLACE(REPLACE(REPLACE(ctl, '"other"', ''), ',', ''), '""', '","') = '[]' THEN '["other"]'
	ELSE '["other",' || substr(REPLACE(REPLACE(REPLACE(ctl, '"other"', ''), ',', ''), '""', '","'), 2) END
WHERE ctl IS NOT NULL AND length(ctl) - length(REPLACE(ctl, '"other"', '')) > 7;

UPDATE htcds_024_parts SET exp = CASE
	WHEN REPLACE(REPLACE(REPLACE(exp, '"other"', ''), ',', ''), '""', '","') = '[]' THEN '["other"]'
	ELSE '["other",' || substr(REPLACE(REPLACE(REPLACE(exp, '"other"', ''), ',', ''), '""', '","'), 2) END
WHERE exp IS NOT NULL AND length(exp) - length(REPLACE(exp, '"other"', '')) > 7;

UPDATE htcds_024_parts SET exp = CASE
	WHEN REPLACE(REPLACE(REPLACE(exp, '"servitude"', ''), ',', ''), '""', '","') = '[]' THEN '["servitude"]'
	ELSE '["servitude",' || substr(REPLACE(REPLACE(REPLACE(exp, '"servitude"', ''), ',', ''), '""', '","'), 2) END
WHERE exp IS NOT NULL AND length(exp) - length(REPLACE(exp, '"servitude"', '')) > 11;

UPDATE htcds_024_parts SET new = '{' || substr(
	COALESCE(',"method_of_recruitment":' || rec, '') ||
	COALESCE(',"methods_of_control":' || ctl, '') ||
	COALESCE(',"relationship_to_trafficker":' || rel, '') ||
	COALESCE(',"types_of_exploitation":' || exp, ''), 2) || '}';

UPDATE case_people SET
	victim_context_before_htcds = victim_context,
	victim_context = (SELECT p.new FROM htcds_024_parts p WHERE p.id = case_people.id),
	version = version + 1
WHERE id IN (SELECT id FROM htcds_024_parts WHERE new <> old);

DROP TABLE htcds_024_parts;
DROP TABLE htcds_024_keys;
