/* The audit log's hash chain: each entry's hash covers its own fields and the
 * hash of the entry before it, so any edit, insertion or deletion shows. */
#ifndef WAYMARK_DOMAIN_AUDIT_CHAIN_H
#define WAYMARK_DOMAIN_AUDIT_CHAIN_H

#include <stdint.h>

#define AUDIT_HASH_HEX 65
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct audit_fields {
	int64_t seq;
	const char *at;
	const char *actor_id;
	const char *actor;
	const char *action;
	const char *record_type;
	const char *record_id;
	const char *purpose;
	const char *detail;
	const char *address;
	const char *request_id;
} audit_fields;

/* Writes SHA-256(prev_hash, fields) as hex. Every field is length-prefixed
 * and NULL differs from "", so no two entries share an encoding. Returns 0,
 * or -1 when memory runs out. */
int audit_chain_hash(const char *prev_hash, const audit_fields *f, char out[AUDIT_HASH_HEX]);

#endif
