#include "domain/missing_places.h"

#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

size_t missing_place_key(const char *place, char *out, size_t n)
{
	size_t len = 0;
	int gap = 0;
	if (!n)
		return 0;
	for (const char *p = place ? place : ""; *p && len + 1 < n; p++) {
		if (is_space(*p)) {
			gap = len > 0;
			continue;
		}
		if (gap && len + 2 < n)
			out[len++] = ' ';
		else if (gap)
			break;
		gap = 0;
		out[len++] = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	}
	out[len] = '\0';
	return len;
}

static const char *text(const char *s)
{
	return s ? s : "";
}

static int by_key_then_seen(const void *a, const void *b)
{
	const missing_mention *x = a, *y = b;
	int c = strcmp(text(x->key), text(y->key));
	return c ? c : (x->seen > y->seen) - (x->seen < y->seen);
}

static int by_episode(const void *a, const void *b)
{
	return strcmp(text(((const missing_mention *)a)->episode_id),
	              text(((const missing_mention *)b)->episode_id));
}

static int by_person(const void *a, const void *b)
{
	return strcmp(text(((const missing_mention *)a)->person_id),
	              text(((const missing_mention *)b)->person_id));
}

/* How many different values of one member the n mentions hold (reordering
 * them by it). */
static size_t distinct(missing_mention *m, size_t n, int (*cmp)(const void *, const void *))
{
	size_t count = n ? 1 : 0;
	qsort(m, n, sizeof *m, cmp);
	for (size_t i = 1; i < n; i++)
		count += cmp(&m[i - 1], &m[i]) != 0;
	return count;
}

static int hottest_first(const void *a, const void *b)
{
	const missing_hot_spot *x = a, *y = b;
	if (x->people != y->people)
		return x->people > y->people ? -1 : 1;
	if (x->episodes != y->episodes)
		return x->episodes > y->episodes ? -1 : 1;
	int c = strcmp(text(y->last_at), text(x->last_at));
	return c ? c : strcmp(text(x->key), text(y->key));
}

size_t missing_hot_spots(missing_mention *m, size_t n, missing_hot_spot *out)
{
	size_t found = 0, i = 0, j;
	for (size_t k = 0; k < n; k++)
		m[k].seen = k;
	if (n)
		qsort(m, n, sizeof *m, by_key_then_seen);
	for (; i < n; i = j) {
		missing_hot_spot h = {m[i].key, m[i].place, 0, 0, m[i].at};
		for (j = i + 1; j < n && strcmp(text(m[j].key), text(m[i].key)) == 0; j++)
			if (strcmp(text(m[j].at), text(h.last_at)) > 0)
				h.last_at = m[j].at;
		if (!text(h.key)[0])
			continue;
		h.people = distinct(m + i, j - i, by_person);
		if (h.people < MISSING_HOT_SPOT_PEOPLE)
			continue;
		h.episodes = distinct(m + i, j - i, by_episode);
		out[found++] = h;
	}
	if (found)
		qsort(out, found, sizeof *out, hottest_first);
	return found;
}
