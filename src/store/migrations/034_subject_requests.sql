-- Requests from the people recorded (issue 21): what the records manager
-- decided on each, and the rectification and restriction of a person's
-- record (Data Protection Act 2018 ss46 and 47; UK GDPR arts 16 and 18).
--
-- A restricted record "may be stored but not used": since when, why, and
-- the request that asked for it. Lifting it clears all three (the
-- decisions below and the audit log keep its history).
ALTER TABLE people ADD COLUMN restricted_since TEXT;
ALTER TABLE people ADD COLUMN restriction_reason TEXT;
ALTER TABLE people ADD COLUMN restriction_request_id TEXT;
-- The rectifications made to the record, as a JSON array of
-- {id, request_id, field, note, at}: shown wherever the record is, so
-- they are read with it. The values corrected are in the person's
-- history, as every change is.
ALTER TABLE people ADD COLUMN rectifications TEXT NOT NULL DEFAULT '[]';

-- Each decision on a request, in order: an extension, a rectification, a
-- restriction and its lifting, an erasure refused or carried out, the
-- close. detail is JSON naming fields and reasons, never a value of the
-- person's record (the request outlives the record when it is erased).
CREATE TABLE subject_request_decisions (
	id TEXT PRIMARY KEY,
	request_id TEXT NOT NULL REFERENCES subject_requests(id),
	kind TEXT NOT NULL CHECK (kind IN ('extended', 'rectified', 'restricted', 'restriction_lifted',
		'erasure_refused', 'erased', 'closed')),
	detail TEXT NOT NULL,
	decided_by TEXT NOT NULL REFERENCES users(id),
	decided_at TEXT NOT NULL
) STRICT;
CREATE INDEX subject_request_decisions_request ON subject_request_decisions (request_id, decided_at);

-- A person's record disposed of (033: erasure, or with a case) keeps
-- nothing of its restriction or rectifications either, whichever path
-- disposed of it: the reason and notes may name or describe them.
-- engine: sqlite
CREATE TRIGGER people_disposed_requests AFTER UPDATE OF disposed_at ON people
	WHEN NEW.disposed_at IS NOT NULL
BEGIN
	UPDATE people SET restricted_since = NULL, restriction_reason = NULL, restriction_request_id = NULL,
		rectifications = '[]' WHERE id = NEW.id;
END;
-- engine: postgresql
CREATE FUNCTION people_disposed_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	NEW.restricted_since := NULL;
	NEW.restriction_reason := NULL;
	NEW.restriction_request_id := NULL;
	NEW.rectifications := '[]';
	RETURN NEW;
END
$$;
CREATE TRIGGER people_disposed_requests BEFORE UPDATE OF disposed_at ON people
	FOR EACH ROW WHEN (NEW.disposed_at IS NOT NULL) EXECUTE FUNCTION people_disposed_requests();
-- engine: both
