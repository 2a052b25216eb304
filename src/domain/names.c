#include "domain/names.h"

#include <stdio.h>
#include <string.h>

#include "domain/text.h"
#include "lib/buf.h"

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Spelling rewrites that make transliteration variants meet. */
static void rewrite(const char *in, char *out, size_t n)
{
	static const struct {
		const char *from, *to;
	} rules[] = {
		{"ph", "f"}, {"ck", "k"}, {"q", "k"},  {"x", "ks"}, {"w", "v"},
		{"dh", "d"}, {"th", "t"}, {"kh", "h"}, {"sch", "sh"}, {"tch", "ch"},
		{"ou", "u"}, {"oo", "u"}, {"ee", "i"}, {"j", "y"}, {"z", "s"},
	};
	size_t o = 0;
	for (const char *p = in; *p && o + 3 < n;) {
		int hit = 0;
		for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
			size_t len = strlen(rules[r].from);
			/* j→y only inside a token: a leading J keeps its sound (John, Jamal). */
			if (rules[r].from[0] == 'j' && p == in)
				continue;
			if (strncmp(p, rules[r].from, len) == 0) {
				size_t tl = strlen(rules[r].to);
				memcpy(out + o, rules[r].to, tl);
				o += tl;
				p += len;
				hit = 1;
				break;
			}
		}
		if (!hit)
			out[o++] = *p++;
	}
	out[o] = '\0';
}

void names_tokenize(const char *name, name_tokens *out)
{
	out->n = 0;
	buf b;
	buf_init(&b);
	text_fold(name, &b);
	const char *p = buf_str(&b);
	while (*p && out->n < NAME_MAX_TOKENS) {
		while (*p == ' ' || *p == '-' || *p == '\'' || *p == '.' || *p == ',' || *p == '\t' ||
		       (unsigned char)*p == 0xE2) { /* also skips the lead byte of typographic quotes */
			if ((unsigned char)*p == 0xE2 && p[1] && p[2])
				p += 3;
			else
				p++;
		}
		if (!*p)
			break;
		char raw[NAME_TOKEN_MAX];
		size_t n = 0;
		while (*p && *p != ' ' && *p != '-' && *p != '\'' && *p != '.' && *p != ',' &&
		       *p != '\t' && (unsigned char)*p != 0xE2) {
			if (n + 1 < sizeof raw)
				raw[n++] = *p;
			p++;
		}
		raw[n] = '\0';
		rewrite(raw, out->tok[out->n], NAME_TOKEN_MAX);
		if (out->tok[out->n][0])
			out->n++;
	}
	buf_free(&b);
}

/* First letter, then consonants; repeats collapsed. Non-ASCII tokens (other
 * scripts) are their own skeleton. */
static void skeleton(const char *tok, char *out, size_t n)
{
	size_t o = 0;
	for (const char *p = tok; *p; p++)
		if ((unsigned char)*p >= 0x80) {
			snprintf(out, n, "%s", tok);
			return;
		}
	for (const char *p = tok; *p && o + 1 < n; p++) {
		char c = *p;
		if (p != tok && (is_vowel(c) || c == 'h'))
			continue;
		if (o > 0 && out[o - 1] == c)
			continue;
		out[o++] = c;
	}
	out[o] = '\0';
}

static int add_key(char keys[][NAME_TOKEN_MAX], int n, const char *k)
{
	if (!k[0] || n >= NAME_MAX_KEYS)
		return n;
	for (int i = 0; i < n; i++)
		if (strcmp(keys[i], k) == 0)
			return n;
	snprintf(keys[n], NAME_TOKEN_MAX, "%s", k);
	return n + 1;
}

/* Adds k and each spelling of k with one letter deleted (from position
 * first on), when k is at least min letters long. */
static int with_deletions(char keys[][NAME_TOKEN_MAX], int n, const char *k, size_t first, size_t min)
{
	n = add_key(keys, n, k);
	size_t len = strlen(k);
	if (len < min)
		return n;
	for (size_t d = first; d < len; d++) {
		char del[NAME_TOKEN_MAX];
		memcpy(del, k, d);
		memcpy(del + d, k + d + 1, len - d);
		n = add_key(keys, n, del);
	}
	return n;
}

int names_keys(const name_tokens *t, char keys[][NAME_TOKEN_MAX], int nkeys)
{
	for (int i = 0; i < t->n; i++) {
		char sk[NAME_TOKEN_MAX];
		skeleton(t->tok[i], sk, sizeof sk);
		if ((unsigned char)sk[0] >= 0x80) { /* another script: exact only */
			nkeys = add_key(keys, nkeys, sk);
			continue;
		}
		/* The skeleton meets transliterations; with a letter deleted, their typos. */
		nkeys = with_deletions(keys, nkeys, sk, 1, 4);
		/* The spelling with any one letter deleted meets any one typo
		 * (a letter added, dropped, changed or two swapped). */
		nkeys = with_deletions(keys, nkeys, t->tok[i], 0, 3);
	}
	return nkeys;
}

double names_jaro_winkler(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la == 0 && lb == 0)
		return 1.0;
	if (la == 0 || lb == 0)
		return 0.0;
	if (la > NAME_TOKEN_MAX || lb > NAME_TOKEN_MAX)
		return strcmp(a, b) == 0 ? 1.0 : 0.0;
	size_t range = (la > lb ? la : lb) / 2;
	range = range > 0 ? range - 1 : 0;
	char ma[NAME_TOKEN_MAX] = {0}, mb[NAME_TOKEN_MAX] = {0};
	double m = 0;
	for (size_t i = 0; i < la; i++) {
		size_t lo = i > range ? i - range : 0, hi = i + range + 1 < lb ? i + range + 1 : lb;
		for (size_t j = lo; j < hi; j++) {
			if (!mb[j] && a[i] == b[j]) {
				ma[i] = mb[j] = 1;
				m++;
				break;
			}
		}
	}
	if (m == 0)
		return 0.0;
	double t = 0;
	for (size_t i = 0, j = 0; i < la; i++) {
		if (!ma[i])
			continue;
		while (!mb[j])
			j++;
		if (a[i] != b[j])
			t++;
		j++;
	}
	double jaro = (m / (double)la + m / (double)lb + (m - t / 2) / m) / 3.0;
	size_t prefix = 0;
	while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix])
		prefix++;
	return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

double names_token_similarity(const char *a, const char *b)
{
	double s = names_jaro_winkler(a, b);
	if (s >= 0.95)
		return s;
	char as[NAME_TOKEN_MAX], bs[NAME_TOKEN_MAX];
	skeleton(a, as, sizeof as);
	skeleton(b, bs, sizeof bs);
	/* Same skeleton: a transliteration variant, nearly as good as equal. */
	return strcmp(as, bs) == 0 ? 0.95 : s;
}

double names_score(const name_tokens *query, const name_tokens *name)
{
	if (query->n == 0 || name->n == 0)
		return 0.0;
	double total = 0;
	for (int i = 0; i < query->n; i++) {
		double best = 0;
		for (int j = 0; j < name->n; j++) {
			double s = names_token_similarity(query->tok[i], name->tok[j]);
			if (s > best)
				best = s;
		}
		total += best;
	}
	return total / query->n;
}

void names_token_key(const char *tok, char out[NAME_KEY_MAX])
{
	snprintf(out, NAME_KEY_MAX, "t:%s", tok);
}

void names_pair_key(const char *a, const char *b, char out[NAME_KEY_MAX])
{
	if (strcmp(a, b) > 0) {
		const char *t = a;
		a = b;
		b = t;
	}
	snprintf(out, NAME_KEY_MAX, "p:%s|%s", a, b);
}

static void index_key(name_index *ix, const char *k)
{
	for (int i = 0; i < ix->nkeys; i++)
		if (strcmp(ix->keys[i], k) == 0)
			return;
	if (ix->nkeys < NAME_MAX_INDEX)
		snprintf(ix->keys[ix->nkeys++], NAME_KEY_MAX, "%s", k);
}

void names_index_add(name_index *ix, const name_tokens *t)
{
	char k[NAME_KEY_MAX];
	for (int i = 0; i < t->n; i++) {
		names_token_key(t->tok[i], k);
		index_key(ix, k);
		for (int j = i + 1; j < t->n; j++) {
			names_pair_key(t->tok[i], t->tok[j], k);
			index_key(ix, k);
		}
		/* The token's dictionary entries, once each. */
		name_tokens one = {.n = 1};
		memcpy(one.tok[0], t->tok[i], NAME_TOKEN_MAX);
		char fk[NAME_MAX_KEYS][NAME_TOKEN_MAX];
		int nf = names_keys(&one, fk, 0);
		for (int f = 0; f < nf && ix->nterms < NAME_MAX_TERMS; f++) {
			int dup = 0;
			for (int e = 0; e < ix->nterms && !dup; e++)
				dup = !strcmp(ix->terms[e].key, fk[f]) && !strcmp(ix->terms[e].token, t->tok[i]);
			if (dup)
				continue;
			memcpy(ix->terms[ix->nterms].key, fk[f], NAME_TOKEN_MAX);
			memcpy(ix->terms[ix->nterms].token, t->tok[i], NAME_TOKEN_MAX);
			ix->nterms++;
		}
	}
}
