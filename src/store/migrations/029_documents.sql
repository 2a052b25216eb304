-- Documents and photographs attached to a case: the signed consent form,
-- a statement, a scanned identity document, a child's photograph for a
-- missing-person profile, a court order. The file itself is kept outside
-- the database, encrypted, under a path made from its SHA-256
-- (src/store/blobs.h); the row holds what is known of it and the hash,
-- its proof of integrity. A sealed document (anything about immigration)
-- is read only by those who reveal sealed fields, with a stated purpose.
-- Deleting keeps the row (who, when, why); the file goes once the
-- retention period has passed and no live row holds the same hash.
CREATE TABLE documents (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT REFERENCES people(id),
	kind TEXT NOT NULL CHECK (kind IN ('consent_form', 'statement', 'identity_document', 'photograph',
					   'court_order', 'correspondence', 'other')),
	title TEXT NOT NULL,
	filename TEXT NOT NULL,   -- as the client named it, for the download's name only
	media_type TEXT NOT NULL, -- decided from the content, never from the name
	size INTEGER NOT NULL CHECK (size > 0),
	sha256 TEXT NOT NULL,     -- of the original, in lower-case hex
	sealed INTEGER NOT NULL CHECK (sealed IN (0, 1)),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	deleted_at TEXT,
	deleted_by TEXT REFERENCES users(id),
	delete_reason TEXT,
	CHECK ((deleted_at IS NULL) = (deleted_by IS NULL) AND (deleted_at IS NULL) = (delete_reason IS NULL))
) STRICT;
CREATE INDEX documents_case ON documents (case_id, created_at);
CREATE INDEX documents_sha256 ON documents (sha256);

-- The documents a share names: a partner sees a document only while a
-- live share of its case names it.
CREATE TABLE share_documents (
	share_id TEXT NOT NULL REFERENCES shares(id),
	document_id TEXT NOT NULL REFERENCES documents(id),
	PRIMARY KEY (share_id, document_id)
) STRICT;
CREATE INDEX share_documents_document ON share_documents (document_id);
