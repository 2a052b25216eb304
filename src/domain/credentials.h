/* Rules for passwords, usernames, account lockout and guessing from one address. */
#ifndef WAYMARK_DOMAIN_CREDENTIALS_H
#define WAYMARK_DOMAIN_CREDENTIALS_H

#include <stddef.h>
#include <stdint.h>

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_BYTES 1024
#define USERNAME_MAX 64
#define LOCKOUT_FAILURES 5
#define LOCKOUT_MS (15 * 60 * 1000)
#define SESSION_IDLE_MS (30 * 60 * 1000)
#define SESSION_ABSOLUTE_MS (12 * 60 * 60 * 1000)

/* Returns NULL when the password is acceptable for username, else a message
 * saying why not. */
const char *password_problem(const char *password, const char *username);
/* Returns NULL when the username is acceptable (1 to 64 of a-z 0-9 . _ -),
 * else a message saying why not. */
const char *username_problem(const char *username);

/* After a failed sign-in that brings the count to failures: returns the time
 * until which the account is locked, or 0 when it is not locked. */
int64_t lockout_until(int failures, int64_t now_ms);

/* Whether a session created at created_ms and last used at seen_ms is still live. */
int session_live(int64_t created_ms, int64_t seen_ms, int64_t now_ms);

/* A limiter of failed sign-ins per client address: a bucket of ADDR_BURST
 * attempts that refills one every ADDR_REFILL_MS. Not thread-safe: the caller
 * holds a lock. */
#define ADDR_SLOTS 1024
#define ADDR_BURST 10
#define ADDR_REFILL_MS 30000

typedef struct addr_slot {
	char addr[48];
	double tokens;
	int64_t at_ms;
} addr_slot;

typedef struct addr_limiter {
	addr_slot slots[ADDR_SLOTS];
} addr_limiter;

/* Returns 0 when addr may try now, else the seconds to wait. */
int addr_limiter_wait(addr_limiter *l, const char *addr, int64_t now_ms);
/* Records a failed attempt from addr. */
void addr_limiter_fail(addr_limiter *l, const char *addr, int64_t now_ms);

#endif
