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

static unsigned slot_of(const char *addr)
{
	unsigned h = 2166136261u;
	for (const unsigned char *p = (const unsigned char *)addr; *p; p++)
		h = (h ^ *p) * 16777619u;
	return h % ADDR_SLOTS;
}

/* Returns the slot for addr with its tokens refilled to now. A slot held by
 * another address is taken over: losing an old, idle count is harmless, and
 * a full table cannot block anyone. */
static double burst_of(const addr_limiter *l)
{
	return l->burst > 0 ? l->burst : ADDR_BURST;
}

static double refill_of(const addr_limiter *l)
{
	return l->refill_ms > 0 ? (double)l->refill_ms : ADDR_REFILL_MS;
}

/* The bucket an address counts in: an IPv4 address its own; an IPv6
 * address its /64 network, which one household or one host is given
 * whole, so that walking the addresses of one's own network buys no more
 * tries. */
static void bucket_of(const char *addr, char out[48])
{
	struct in6_addr a6;
	if (strchr(addr, ':') && inet_pton(AF_INET6, addr, &a6) == 1 && !IN6_IS_ADDR_V4MAPPED(&a6)) {
		memset(a6.s6_addr + 8, 0, 8);
		if (inet_ntop(AF_INET6, &a6, out, 48)) {
			size_t n = strlen(out);
			snprintf(out + n, 48 - n, "/64");
			return;
		}
	}
	snprintf(out, 48, "%s", addr);
}

static addr_slot *slot_get(addr_limiter *l, const char *address, int64_t now_ms)
{
	char addr[48];
	bucket_of(address, addr);
	addr_slot *s = &l->slots[slot_of(addr)];
	if (strcmp(s->addr, addr) != 0) {
		snprintf(s->addr, sizeof s->addr, "%s", addr);
		s->tokens = burst_of(l);
		s->at_ms = now_ms;
	}
	if (now_ms > s->at_ms) {
		s->tokens += (double)(now_ms - s->at_ms) / refill_of(l);
		if (s->tokens > burst_of(l))
			s->tokens = burst_of(l);
		s->at_ms = now_ms;
	}
	return s;
}

int addr_limiter_take(addr_limiter *l, const char *addr, int64_t now_ms)
{
	addr_slot *s = slot_get(l, addr, now_ms);
	if (s->tokens >= 1.0) {
		s->tokens -= 1.0;
		return 0;
	}
	double ms = (1.0 - s->tokens) * refill_of(l);
	return (int)(ms / 1000) + 1;
}

void addr_limiter_give_back(addr_limiter *l, const char *addr, int64_t now_ms)
{
	addr_slot *s = slot_get(l, addr, now_ms);
	s->tokens += 1.0;
	if (s->tokens > burst_of(l))
		s->tokens = burst_of(l);
}
