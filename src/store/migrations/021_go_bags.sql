-- Go bags: the locations (police stations) that keep them, the stock of
-- each kind and language of cards at each, the deliveries that fill it and
-- the bags handed to victims. Stock is never below zero: the CHECK refuses
-- it, and taking one is a conditional UPDATE (stock > 0) in the transaction
-- that records the issue. Coordinates are millionths of a degree, so both
-- engines keep them exactly.

CREATE TABLE go_bag_locations (
	id TEXT PRIMARY KEY,
	org_id TEXT NOT NULL REFERENCES orgs(id),  -- the force whose station it is
	name TEXT NOT NULL,
	latitude_e6 INTEGER CHECK (latitude_e6 BETWEEN -90000000 AND 90000000),
	longitude_e6 INTEGER CHECK (longitude_e6 BETWEEN -180000000 AND 180000000),
	reorder_level INTEGER NOT NULL CHECK (reorder_level >= 0),
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	CHECK ((latitude_e6 IS NULL) = (longitude_e6 IS NULL)),
	UNIQUE (org_id, name)
) STRICT;

CREATE TABLE go_bag_stock (
	location_id TEXT NOT NULL REFERENCES go_bag_locations(id),
	kind TEXT NOT NULL CHECK (kind IN ('adult', 'adult_with_phone', 'child', 'child_with_phone')),
	language TEXT NOT NULL,                    -- of the cards inside: ISO 639-1
	stock INTEGER NOT NULL CHECK (stock >= 0),
	PRIMARY KEY (location_id, kind, language)
) STRICT;

CREATE TABLE go_bag_deliveries (
	id TEXT PRIMARY KEY,
	location_id TEXT NOT NULL REFERENCES go_bag_locations(id),
	kind TEXT NOT NULL CHECK (kind IN ('adult', 'adult_with_phone', 'child', 'child_with_phone')),
	language TEXT NOT NULL,
	quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
	delivered_by TEXT NOT NULL REFERENCES users(id),
	delivered_at TEXT NOT NULL
) STRICT;
CREATE INDEX go_bag_deliveries_location ON go_bag_deliveries (location_id, delivered_at);

-- A bag handed to a victim: an entry in the case, never shown to those who
-- keep the stock.
CREATE TABLE go_bag_issues (
	id TEXT PRIMARY KEY,
	location_id TEXT NOT NULL REFERENCES go_bag_locations(id),
	kind TEXT NOT NULL CHECK (kind IN ('adult', 'adult_with_phone', 'child', 'child_with_phone')),
	language TEXT NOT NULL,
	case_id TEXT NOT NULL REFERENCES cases(id),
	case_person_id TEXT NOT NULL REFERENCES case_people(id),
	issued_by TEXT NOT NULL REFERENCES users(id),
	issued_at TEXT NOT NULL
) STRICT;
CREATE INDEX go_bag_issues_location ON go_bag_issues (location_id, kind, language, issued_at);
CREATE INDEX go_bag_issues_case ON go_bag_issues (case_id);
