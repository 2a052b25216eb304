-- Access bundles (issue 21): what a force holds about a person who asked
-- for it (Data Protection Act 2018 s45, UK GDPR art 15), assembled as
-- items, each third party's name in them marked for redaction, reviewed by
-- a records manager item by item, then released and fixed.

-- One bundle per access request. Once released, content holds the bundle
-- as the person receives it (redacted text only; exempt items withheld
-- with their ground) and nothing of it changes again.
CREATE TABLE subject_bundles (
	request_id TEXT PRIMARY KEY REFERENCES subject_requests(id),
	org_id TEXT NOT NULL REFERENCES orgs(id),
	person_id TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('draft', 'released')),
	assembled_by TEXT NOT NULL REFERENCES users(id),
	assembled_at TEXT NOT NULL,
	released_by TEXT REFERENCES users(id),
	released_at TEXT,
	content TEXT,                    -- the released bundle, JSON
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((status = 'released') = (released_at IS NOT NULL)),
	CHECK ((released_at IS NULL) = (released_by IS NULL) AND (released_at IS NULL) = (content IS NULL))
) STRICT;

-- An item: one part of what is held (the record, a part in a case, a
-- note, a referral, a document listed, a disclosure, the consultations),
-- as text, with the ground of an exemption when it is withheld.
CREATE TABLE subject_bundle_items (
	id TEXT PRIMARY KEY,
	request_id TEXT NOT NULL REFERENCES subject_bundles(request_id),
	position INTEGER NOT NULL,
	section TEXT NOT NULL,
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	exemption_ground TEXT CHECK (exemption_ground IN ('inquiry', 'prosecution', 'public_security',
		'national_security', 'rights_of_others')),
	exemption_reason TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((exemption_ground IS NULL) = (exemption_reason IS NULL)),
	UNIQUE (request_id, position)
) STRICT;

-- A third party's personal data found in an item's text, proposed for
-- redaction, then approved (taken out) or rejected (left in) by a records
-- manager. start and length count characters (Unicode code points).
CREATE TABLE subject_bundle_redactions (
	id TEXT PRIMARY KEY,
	item_id TEXT NOT NULL REFERENCES subject_bundle_items(id),
	start INTEGER NOT NULL CHECK (start >= 0),
	length INTEGER NOT NULL CHECK (length > 0),
	reason TEXT NOT NULL,
	status TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected')),
	decided_by TEXT REFERENCES users(id),
	decided_at TEXT
) STRICT;
CREATE INDEX subject_bundle_redactions_item ON subject_bundle_redactions (item_id, start);
