/* Hot spots of missing episodes: the places (last seen, found, sighted,
 * associated) that come up in the episodes of two or more different
 * people. Places compare case- and space-insensitively and are answered in
 * the first spelling seen. Pure: the caller gives the mentions and the
 * room for the answer. */
#ifndef WAYMARK_DOMAIN_MISSING_PLACES_H
#define WAYMARK_DOMAIN_MISSING_PLACES_H

#include <stddef.h>

/* How many different people make a place a hot spot. */
#define MISSING_HOT_SPOT_PEOPLE 2

/* Writes place as places are compared: without the spaces around it, each
 * run of spaces, tabs and line breaks within it one space, ASCII letters
 * in lower case. out has room for n bytes; strlen(place) + 1 is always
 * enough (a longer key is cut short). Returns the key's length: 0 when the
 * place says nothing (NULL or blank). */
size_t missing_place_key(const char *place, char *out, size_t n);

/* A place named in an episode. key is missing_place_key of place; at is
 * an ISO time, when the place came up. */
typedef struct missing_mention {
	const char *key, *place, *episode_id, *person_id, *at;
	size_t seen; /* set by missing_hot_spots: the position in the order given */
} missing_mention;

typedef struct missing_hot_spot {
	const char *key;
	const char *place;   /* the first spelling given */
	size_t episodes;     /* different episodes naming it */
	size_t people;       /* different people those episodes are of */
	const char *last_at; /* the latest at of its mentions */
} missing_hot_spot;

/* Groups the n mentions, given in the order seen, by key (reordering m;
 * mentions with an empty key are no place) and writes to out, which has
 * room for n, each place named in the episodes of MISSING_HOT_SPOT_PEOPLE
 * or more different people: the most people first, then the most
 * episodes, then the latest, then by key. Returns how many. Can't fail. */
size_t missing_hot_spots(missing_mention *m, size_t n, missing_hot_spot *out);

#endif
