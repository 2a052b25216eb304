/* The append-only, hash-chained audit log. */
#ifndef WAYMARK_STORE_AUDIT_H
#define WAYMARK_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "domain/audit_chain.h"
#include "store/db.h"

/* Appends an entry (seq, at and hashes are filled in here; f->at lasts as
 * long as the call). Inside an open transaction it joins it, so the entry
 * commits or rolls back with the change it records; otherwise it is
 * committed, with whatever other entries are waiting, before this returns:
 * DB_OK means it is durable. */
int store_audit_append(db *d, audit_fields *f);
/* Entries written on their own are committed in groups (see audit.c): how
 * many group commits this process made, and how many entries they held. */
void store_audit_group_stats(uint64_t *commits, uint64_t *entries);

/* Walks the chain. Returns DB_OK with *count entries when intact; DB_DONE
 * when broken, with *bad the first broken sequence number and why saying how;
 * or an error. */
int store_audit_verify(db *d, int64_t *count, int64_t *bad, char *why, size_t whylen);

typedef struct audit_filter {
	const char *actor_id;
	const char *actor; /* the name the entry records: a username, or the name tried */
	const char *record_id;
	const char *action;
	const char *from; /* ISO time, inclusive */
	const char *to;   /* ISO time, exclusive */
	int64_t before_seq; /* 0: newest first from the end */
	int limit;
	/* Whose entries: those made by accounts of org_id (and, when hosted is
	 * set, of the organisations it hosts); those made by no account (the
	 * command line) about such an account; and sign-in attempts with an
	 * unknown name, which belong to no organisation. */
	const char *org_id;
	int hosted;
} audit_filter;

/* Calls fn for each matching entry, newest first. */
int store_audit_list(db *d, const audit_filter *flt,
		     int (*fn)(const audit_fields *f, void *arg), void *arg);

#endif
