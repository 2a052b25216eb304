/* Matching people's names however they were spelt: folding, transliteration
 * variants, typos, swapped order and aliases.
 *
 * Each name token (folded, see text.h) is reduced to a consonant skeleton
 * after common spelling rewrites (ph→f, ck→k, ...): Mohammed, Muhammad and
 * Mohamed all become "mhmd". A token's fuzzy keys are its skeleton, for
 * skeletons of four or more letters every skeleton with one letter deleted,
 * and its spelling with any one letter deleted, so one typo on either side
 * still shares a key. Candidates sharing a key are then scored by
 * Jaro-Winkler similarity, token by token, in any order. */
#ifndef WAYMARK_DOMAIN_NAMES_H
#define WAYMARK_DOMAIN_NAMES_H

#include <stddef.h>

#define NAME_MAX_TOKENS 12
#define NAME_TOKEN_MAX 48
#define NAME_MAX_KEYS 96
#define NAME_KEY_MAX 100   /* "p:" token "|" token */
#define NAME_MAX_INDEX 128 /* keys finding one person */
#define NAME_MAX_TERMS 256 /* dictionary entries of one person's tokens */
/* Bumped whenever the keys change meaning; stored people are then re-indexed. */
#define NAME_INDEX_VERSION "2"

typedef struct name_tokens {
	int n;
	char tok[NAME_MAX_TOKENS][NAME_TOKEN_MAX]; /* normalised spelling */
} name_tokens;

/* Splits a name into normalised tokens (folded, rewritten, no punctuation). */
void names_tokenize(const char *name, name_tokens *out);
/* Adds the fuzzy keys of every token to keys (distinct; at most
 * NAME_MAX_KEYS). Returns the new count. */
int names_keys(const name_tokens *t, char keys[][NAME_TOKEN_MAX], int nkeys);

/* How people are found at scale. Each distinct token ever seen goes into a
 * dictionary under its fuzzy keys (small: it grows with the variety of
 * names, not the number of people). A person is indexed by each token
 * ("t:token") and by each pair of tokens within one spelling of their name
 * ("p:a|b", a <= b). A search first finds, in the dictionary, the tokens
 * like each query token, then the people holding a pair of them: a pair
 * such as Mohammed + Smith is rare even when each name is common, so the
 * cost follows how many people share a name, not how many people there are.
 * Single-token keys serve one-word queries and the case where no pair
 * matched. */
typedef struct name_term {
	char key[NAME_TOKEN_MAX];
	char token[NAME_TOKEN_MAX];
} name_term;

typedef struct name_index {
	int nkeys;
	char keys[NAME_MAX_INDEX][NAME_KEY_MAX];
	int nterms;
	name_term terms[NAME_MAX_TERMS];
} name_index;

/* Adds one spelling (the name, or an alias) to a person's index. */
void names_index_add(name_index *ix, const name_tokens *t);
/* The "t:" key of a token, or the "p:" key of a pair (in either order). */
void names_token_key(const char *tok, char out[NAME_KEY_MAX]);
void names_pair_key(const char *a, const char *b, char out[NAME_KEY_MAX]);
/* How alike two tokens are, 0 to 1: Jaro-Winkler, and at least 0.95 when
 * they share a skeleton (transliteration variants). */
double names_token_similarity(const char *a, const char *b);
/* Jaro-Winkler similarity of two tokens, 0 to 1. */
double names_jaro_winkler(const char *a, const char *b);
/* How well the query matches one spelling of a name (0 to 1): each query
 * token takes its best match among the name's tokens, in any order. */
double names_score(const name_tokens *query, const name_tokens *name);

#endif
