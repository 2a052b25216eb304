-- Tries per client address, for sign-in and the public feedback pages:
-- a bucket of a few tries that refills at a steady pace (the rule is in
-- src/domain/credentials.c). A bucket is kept as the one moment it is full
-- again: each try taken moves that moment on by the refill time, and the
-- tries left are counted back from it. A bucket with no row is full, and
-- rows whose moment has passed are dropped, so only the addresses that
-- tried lately are kept. An IPv6 address counts in its /64 network (the
-- address column holds the network, "2001:db8::/64"). Kept here, not in
-- memory, so that every server on the database draws on one bucket.
CREATE TABLE address_buckets (
	purpose TEXT NOT NULL CHECK (purpose IN ('sign_in', 'feedback')),
	address TEXT NOT NULL,
	full_at TEXT NOT NULL,
	PRIMARY KEY (purpose, address)
) STRICT;
CREATE INDEX address_buckets_full ON address_buckets (full_at);
