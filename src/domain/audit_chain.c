#include "domain/audit_chain.h"

#include <string.h>

#include "lib/buf.h"
#include "lib/secure.h"

static void field(buf *b, const char *v)
{
	if (!v) {
		buf_puts(b, "-|");
		return;
	}
	buf_printf(b, "%zu:", strlen(v));
	buf_puts(b, v);
	buf_puts(b, "|");
}

int audit_chain_hash(const char *prev_hash, const audit_fields *f, char out[AUDIT_HASH_HEX])
{
	buf b;
	buf_init(&b);
	buf_printf(&b, "waymark-audit-v1|%s|%lld|", prev_hash, (long long)f->seq);
	field(&b, f->at);
	field(&b, f->actor_id);
	field(&b, f->actor);
	field(&b, f->action);
	field(&b, f->record_type);
	field(&b, f->record_id);
	field(&b, f->purpose);
	field(&b, f->detail);
	field(&b, f->address);
	field(&b, f->request_id);
	if (b.failed) {
		buf_free(&b);
		return -1;
	}
	secure_sha256_hex(b.data, b.len, out);
	buf_free(&b);
	return 0;
}
