/* Rules for passwords, usernames, sign-in throttling and guessing from one address. */
#ifndef WAYMARK_DOMAIN_CREDENTIALS_H
#define WAYMARK_DOMAIN_CREDENTIALS_H

#include <stddef.h>
#include <stdint.h>

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_BYTES 1024
#define USERNAME_MAX 64
#define SESSION_IDLE_MS (30 * 60 * 1000)
#define SESSION_ABSOLUTE_MS (12 * 60 * 60 * 1000)

/* Returns NULL when the password is acceptable for username, else a message
 * saying why not. */
const char *password_problem(const char *password, const char *username);
/* Returns NULL when the username is acceptable (1 to 64 of a-z 0-9 . _ -),
 * else a message saying why not. */
const char *username_problem(const char *username);

/* Sign-in throttling, per account (the name tried) and client address: the
 * first SIGN_IN_FREE_FAILURES failed tries cost nothing; after each one past
 * them the next try waits twice as long as the last, from
 * SIGN_IN_FIRST_DELAY_MS up to SIGN_IN_MAX_DELAY_MS. A pair quiet for
 * SIGN_IN_FORGET_MS starts again from nothing. */
#define SIGN_IN_FREE_FAILURES 3
#define SIGN_IN_FIRST_DELAY_MS 2000
#define SIGN_IN_MAX_DELAY_MS (15 * 60 * 1000)
#define SIGN_IN_FORGET_MS (24 * 60 * 60 * 1000)
/* Account-wide (NIST SP 800-63B 5.2.2): after this many consecutive failed
 * sign-ins, an account accepts tries only from browsers that signed in to it
 * before (a remembered device). Failures from those browsers do not count. */
#define SIGN_IN_ACCOUNT_LIMIT 100
/* How long a browser stays remembered after signing in. */
#define DEVICE_REMEMBER_MS (180LL * 24 * 60 * 60 * 1000)

/* The wait before the next try after failures consecutive failed tries of
 * one pair: 0 while they are free, then doubling to the cap. Can't fail. */
int64_t sign_in_delay_ms(int failures);
/* How long a try must still wait when the pair has failures, the last at
 * last_ms: 0 when it may go now. */
int64_t sign_in_wait_ms(int failures, int64_t last_ms, int64_t now_ms);
/* The time before which a pair's last failure is forgotten, so that its
 * count starts again from nothing. */
int64_t sign_in_forget_before(int64_t now_ms);
/* Whether an account with this many consecutive failures (counted from
 * browsers it does not know) refuses a browser it does not know. limit is
 * SIGN_IN_ACCOUNT_LIMIT or lower. */
int sign_in_account_refused(int failures, int limit);

/* Whether a session created at created_ms and last used at seen_ms is still live. */
int session_live(int64_t created_ms, int64_t seen_ms, int64_t now_ms);

/* Tries per client address: a bucket of burst tries that refills one every
 * refill_ms. A try takes one before its check (a password, a feedback
 * code) and gives it back when the check passed, so the bucket bounds the
 * guesses that run at once as well as over time. A bucket is kept as the
 * moment it is full again (ms since the epoch; 0 or past: full now), so
 * its state is one number a database row can hold, shared by every server. */
#define ADDR_BURST 10
#define ADDR_REFILL_MS 30000
#define ADDR_KEY_LEN 48

typedef struct addr_rate {
	int burst;
	int64_t refill_ms;
} addr_rate;

/* Sign-in's bucket: ADDR_BURST tries, one back every ADDR_REFILL_MS. */
#define ADDR_RATE_SIGN_IN ((addr_rate){ADDR_BURST, ADDR_REFILL_MS})

/* Writes the bucket an address counts in: an IPv4 address its own; an IPv6
 * address its /64 network ("2001:db8:1:2::/64"). Can't fail. */
void addr_bucket_key(const char *addr, char out[ADDR_KEY_LEN]);
/* Takes a try at now from a bucket full again at *full_at_ms: returns 0
 * and moves *full_at_ms on by one try, or (taking nothing) the seconds to
 * wait until a try is there, at least 1. */
int addr_bucket_take(addr_rate r, int64_t *full_at_ms, int64_t now_ms);
/* Gives back at now a try taken from a bucket full again at full_at_ms:
 * returns the moment it is full again, never before now (now: it is full,
 * nothing to keep), so giving back never fills it past the burst. Can't
 * fail. */
int64_t addr_bucket_give_back(addr_rate r, int64_t full_at_ms, int64_t now_ms);

#endif
