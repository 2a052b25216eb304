#include "domain/kanon.h"

#include <stdlib.h>
#include <string.h>

/* A row's combination as written: each quasi-identifier's value. */
typedef struct combo {
	uint32_t part[KANON_QI];
} combo;

static combo combo_of(const kanon_row *r)
{
	combo c;
	for (int q = 0; q < KANON_QI; q++)
		c.part[q] = r->value[q][r->level[q]];
	return c;
}

static uint64_t combo_hash(const combo *c)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a over the parts */
	for (int q = 0; q < KANON_QI; q++) {
		h ^= c->part[q];
		h *= 1099511628211u;
		h ^= h >> 29;
	}
	return h;
}

/* Counts of each combination: an open-addressed table of twice the rows. */
typedef struct tally {
	combo *keys;
	uint32_t *counts; /* 0: the slot is free */
	size_t cap;
} tally;

static int tally_init(tally *t, size_t n)
{
	t->cap = 16;
	while (t->cap < 2 * n)
		t->cap *= 2;
	t->keys = malloc(t->cap * sizeof *t->keys);
	t->counts = calloc(t->cap, sizeof *t->counts);
	return t->keys && t->counts ? 0 : -1;
}

static void tally_free(tally *t)
{
	free(t->keys);
	free(t->counts);
}

static size_t tally_slot(const tally *t, const combo *c)
{
	size_t i = (size_t)combo_hash(c) & (t->cap - 1);
	while (t->counts[i] && memcmp(&t->keys[i], c, sizeof *c) != 0)
		i = (i + 1) & (t->cap - 1);
	return i;
}

/* Counts the combinations of the rows written. */
static void tally_count(tally *t, const kanon_row *rows, size_t n)
{
	memset(t->counts, 0, t->cap * sizeof *t->counts);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].suppressed)
			continue;
		combo c = combo_of(&rows[i]);
		size_t s = tally_slot(t, &c);
		t->keys[s] = c;
		t->counts[s]++;
	}
}

static uint32_t tally_get(const tally *t, const kanon_row *r)
{
	combo c = combo_of(r);
	return t->counts[tally_slot(t, &c)];
}

int kanon_apply(kanon_row *rows, size_t n, int k, const kanon_step *ladder, size_t nsteps,
                kanon_result *out)
{
	memset(out, 0, sizeof *out);
	out->considered = n;
	for (size_t i = 0; i < n; i++) {
		memset(rows[i].level, 0, sizeof rows[i].level);
		rows[i].suppressed = 0;
	}
	tally t;
	if (tally_init(&t, n) != 0) {
		tally_free(&t);
		return -1;
	}
	uint32_t want = k > 1 ? (uint32_t)k : 1;
	/* Each step moves the rows of every combination still rarer than k
	 * one level up; a row that is not rare is never touched again. */
	for (size_t s = 0; s < nsteps; s++) {
		int q = ladder[s].qi, level = ladder[s].level;
		if (q < 0 || q >= KANON_QI || level <= 0 || level >= KANON_LEVELS)
			continue;
		tally_count(&t, rows, n);
		for (size_t i = 0; i < n; i++)
			if (tally_get(&t, &rows[i]) < want && rows[i].level[q] < level)
				rows[i].level[q] = (unsigned char)level;
	}
	tally_count(&t, rows, n);
	for (size_t i = 0; i < n; i++)
		rows[i].suppressed = tally_get(&t, &rows[i]) < want;
	tally_free(&t);
	for (size_t i = 0; i < n; i++) {
		if (rows[i].suppressed) {
			out->suppressed++;
			continue;
		}
		out->written++;
		int any = 0;
		for (int q = 0; q < KANON_QI; q++) {
			if (rows[i].value[q][rows[i].level[q]] != rows[i].value[q][0]) {
				out->generalised_by[q]++;
				any = 1;
			}
		}
		out->generalised += (size_t)any;
	}
	return 0;
}

size_t kanon_smallest_group(const kanon_row *rows, size_t n)
{
	tally t;
	size_t smallest = 0;
	if (tally_init(&t, n) == 0) {
		tally_count(&t, rows, n);
		for (size_t i = 0; i < t.cap; i++)
			if (t.counts[i] && (!smallest || t.counts[i] < smallest))
				smallest = t.counts[i];
	}
	tally_free(&t);
	return smallest;
}
