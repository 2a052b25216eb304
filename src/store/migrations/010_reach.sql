-- One trust boundary. A partner organisation is hosted by a force (whose
-- administrators administer it); a Commissioner's office counts the forces
-- of its area; a person belongs to the team that recorded them until they
-- are in a case, after which their parts in cases decide who reaches them.

ALTER TABLE orgs ADD COLUMN host_org_id TEXT REFERENCES orgs(id);
CREATE INDEX orgs_host ON orgs (host_org_id);

CREATE TABLE org_areas (
	opcc_org_id TEXT NOT NULL REFERENCES orgs(id),
	force_org_id TEXT NOT NULL REFERENCES orgs(id),
	PRIMARY KEY (opcc_org_id, force_org_id)
) STRICT;

-- An installation with one force: its partners are hosted by it and its
-- Commissioner's office counts it.
UPDATE orgs SET host_org_id = (SELECT f.id FROM orgs f WHERE f.kind = 'force')
	WHERE kind <> 'force' AND (SELECT COUNT(*) FROM orgs f WHERE f.kind = 'force') = 1;
INSERT INTO org_areas (opcc_org_id, force_org_id)
	SELECT o.id, f.id FROM orgs o JOIN orgs f ON f.kind = 'force'
	WHERE o.kind = 'opcc' AND (SELECT COUNT(*) FROM orgs g WHERE g.kind = 'force') = 1;

ALTER TABLE people ADD COLUMN team_id TEXT REFERENCES teams(id);
UPDATE people SET team_id = (SELECT u.team_id FROM users u WHERE u.id = people.created_by);
CREATE INDEX people_team ON people (team_id);
