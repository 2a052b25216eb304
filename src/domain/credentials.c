#include "domain/credentials.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

const char *password_problem(const char *password, const char *username)
{
	if (strlen(password) > PASSWORD_MAX_BYTES)
		return "must be at most 1024 bytes";
	if (utf8_chars(password) < PASSWORD_MIN_CHARS)
		return "must be at least 12 characters";
	if (username && strcmp(password, username) == 0)
		return "must not be the username";
	return NULL;
}

const char *username_problem(const char *username)
{
	size_t n = strlen(username);
	if (n == 0)
		return "must not be empty";
	if (n > USERNAME_MAX)
		return "must be at most 64 characters";
	for (const char *p = username; *p; p++) {
		char c = *p;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return "may hold only lower-case letters, digits, '.', '_' and '-'";
	}
	return NULL;
}

int64_t sign_in_delay_ms(int failures)
{
	if (failures < SIGN_IN_FREE_FAILURES)
		return 0;
	int64_t ms = SIGN_IN_FIRST_DELAY_MS;
	for (int n = SIGN_IN_FREE_FAILURES; n < failures && ms < SIGN_IN_MAX_DELAY_MS; n++)
		ms *= 2;
	return ms < SIGN_IN_MAX_DELAY_MS ? ms : SIGN_IN_MAX_DELAY_MS;
}

int64_t sign_in_wait_ms(int failures, int64_t last_ms, int64_t now_ms)
{
	if (last_ms < sign_in_forget_before(now_ms))
		return 0;
	int64_t left = last_ms + sign_in_delay_ms(failures) - now_ms;
	return left > 0 ? left : 0;
}

int64_t sign_in_forget_before(int64_t now_ms)
{
	return now_ms - SIGN_IN_FORGET_MS;
}

int sign_in_account_refused(int failures, int limit)
{
	if (limit < 1 || limit > SIGN_IN_ACCOUNT_LIMIT)
		limit = SIGN_IN_ACCOUNT_LIMIT;
	return failures >= limit;
}

int session_live(int64_t created_ms, int64_t seen_ms, int64_t now_ms)
{
	return now_ms - seen_ms < SESSION_IDLE_MS && now_ms - created_ms < SESSION_ABSOLUTE_MS;
}

void addr_bucket_key(const char *addr, char out[ADDR_KEY_LEN])
{
	/* A /64 network is what one household or one host is given whole, so
	 * walking the addresses of one's own network buys no more tries. */
	struct in6_addr a6;
	if (strchr(addr, ':') && inet_pton(AF_INET6, addr, &a6) == 1 && !IN6_IS_ADDR_V4MAPPED(&a6)) {
		memset(a6.s6_addr + 8, 0, 8);
		if (inet_ntop(AF_INET6, &a6, out, ADDR_KEY_LEN)) {
			size_t n = strlen(out);
			snprintf(out + n, ADDR_KEY_LEN - n, "/64");
			return;
		}
	}
	snprintf(out, ADDR_KEY_LEN, "%s", addr);
}

static addr_rate rate_of(addr_rate r)
{
	if (r.burst < 1)
		r.burst = ADDR_BURST;
	if (r.refill_ms < 1)
		r.refill_ms = ADDR_REFILL_MS;
	return r;
}

int addr_bucket_take(addr_rate r, int64_t *full_at_ms, int64_t now_ms)
{
	r = rate_of(r);
	/* Each try taken puts the full moment one refill further off; the
	 * bucket is empty when that would be more than the burst's refill
	 * from now. */
	int64_t from = *full_at_ms > now_ms ? *full_at_ms : now_ms;
	int64_t next = from + r.refill_ms;
	int64_t over = next - now_ms - (int64_t)r.burst * r.refill_ms;
	if (over > 0)
		return (int)((over + 999) / 1000);
	*full_at_ms = next;
	return 0;
}

int64_t addr_bucket_give_back(addr_rate r, int64_t full_at_ms, int64_t now_ms)
{
	r = rate_of(r);
	int64_t back = full_at_ms - r.refill_ms;
	return back > now_ms ? back : now_ms;
}
