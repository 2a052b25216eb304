/* One database connection per server thread, opened on first use. */
#ifndef WAYMARK_STORE_POOL_H
#define WAYMARK_STORE_POOL_H

#include "store/db.h"

/* Remembers where connections go. Call once before serving. Returns 0, or
 * -1 when memory runs out. */
int store_pool_init(const char *url, int busy_ms);
/* At most this many connections are open at once. */
#define STORE_POOL_MAX 256

/* Returns this thread's connection, opening it if needed, or NULL (and
 * *rc says why: DB_BUSY when the database cannot be reached now, or when
 * STORE_POOL_MAX threads hold one already). */
db *store_pool_get(int *rc);
/* Closes every connection the pool opened. Call after all threads stop;
 * the calling thread may then init the pool and get a new connection. */
void store_pool_close_all(void);

#endif
