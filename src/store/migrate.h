/* Numbered schema migrations, embedded in the binary at build time. */
#ifndef WAYMARK_STORE_MIGRATE_H
#define WAYMARK_STORE_MIGRATE_H

#include <stddef.h>

#include "store/db.h"

typedef struct migration {
	int version;
	const char *name;
	const char *sql;
} migration;

extern const migration migrations[];
extern const size_t migrations_count;

/* Applies every migration not yet applied (recorded), in order, each in its
 * own transaction, including one numbered below others already applied.
 * Returns DB_OK and sets *applied to how many ran, or an error code; DB_ERR
 * with a message, applying nothing, when the database is ahead of this binary. */
int migrate_up(db *d, int *applied);
/* Returns DB_OK when the schema is current; DB_ERR with a message when the
 * database is unmigrated, behind (or lacks a migration below its latest),
 * or ahead of this binary. */
int migrate_check(db *d);

#endif
