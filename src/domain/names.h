/* Matching people's names however they were spelt: folding, transliteration
 * variants, typos, swapped order and aliases.
 *
 * Each name token (folded, see text.h) is reduced to a consonant skeleton
 * after common spelling rewrites (ph→f, ck→k, ...): Mohammed, Muhammad and
 * Mohamed all become "mhmd". A token's search keys are its skeleton and, for
 * skeletons of four or more letters, every skeleton with one letter deleted,
 * so one typo on either side still shares a key. Candidates sharing a key are
 * then scored by Jaro-Winkler similarity, token by token, in any order. */
#ifndef WAYMARK_DOMAIN_NAMES_H
#define WAYMARK_DOMAIN_NAMES_H

#include <stddef.h>

#define NAME_MAX_TOKENS 12
#define NAME_TOKEN_MAX 48
#define NAME_MAX_KEYS 96

typedef struct name_tokens {
	int n;
	char tok[NAME_MAX_TOKENS][NAME_TOKEN_MAX]; /* normalised spelling */
} name_tokens;

/* Splits a name into normalised tokens (folded, rewritten, no punctuation). */
void names_tokenize(const char *name, name_tokens *out);
/* Adds the search keys of every token to keys (distinct; at most
 * NAME_MAX_KEYS). Returns the new count. */
int names_keys(const name_tokens *t, char keys[][NAME_TOKEN_MAX], int nkeys);
/* Jaro-Winkler similarity of two tokens, 0 to 1. */
double names_jaro_winkler(const char *a, const char *b);
/* How well the query matches one spelling of a name (0 to 1): each query
 * token takes its best match among the name's tokens, in any order. */
double names_score(const name_tokens *query, const name_tokens *name);

#endif
