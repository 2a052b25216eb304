/* Tries per client address (sign-in's, the public feedback pages'), kept
 * in the database so that every server on it draws on one bucket. The rule
 * is in domain/credentials.h; purpose names whose bucket ("sign_in",
 * "feedback"); addr is the client address as it came, an IPv6 one counting
 * in its /64 network. */
#ifndef WAYMARK_STORE_BUCKETS_H
#define WAYMARK_STORE_BUCKETS_H

#include <stdint.h>

#include "domain/credentials.h"
#include "store/db.h"

/* Takes a try from the bucket at now_ms, in a transaction of its own (call
 * it outside one), so that servers taking at once never both get the last
 * try: DB_OK when taken; DB_DONE when the bucket is empty, with *wait_s
 * the seconds until a try is there; or an error, having taken nothing.
 * Buckets of any address that are full again are dropped on the way. */
int store_bucket_take(db *d, const char *purpose, addr_rate r, const char *addr, int64_t now_ms,
                      int *wait_s);
/* Gives back at now_ms a try taken from the bucket, in the caller's
 * transaction (which must be open); a bucket full again is dropped.
 * DB_OK (also when there is nothing to give back to) or an error. */
int store_bucket_give_back(db *d, const char *purpose, addr_rate r, const char *addr,
                           int64_t now_ms);

#endif
