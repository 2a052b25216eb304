/* Notices for an account holder: what administrators did to their account,
 * delivered by the sign-in that follows. */
#include "api/api.h"
#include "domain/notices.h"
#include "store/notices.h"

static int add_notice(const notice_rec *n, void *arg)
{
	char text[512];
	if (!notice_text(n->kind, n->actor, text, sizeof text))
		return 0; /* a kind this version does not know is left out */
	json_t *j = json_pack("{s:s, s:s, s:s}", "kind", n->kind, "at", n->at, "text", text);
	return j && json_array_append_new(arg, j) == 0 ? 0 : DB_NOMEM;
}

int api_notices_json(http_req *req, const char *session_hash, int count, json_t **out)
{
	*out = api_keep(req, json_array());
	if (!*out)
		return DB_NOMEM;
	if (count <= 0)
		return DB_OK;
	return store_notice_each(api_ctx_of(req)->db, session_hash, add_notice, *out);
}
