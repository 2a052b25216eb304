/* Disposal of records after a review: see disposal.h and docs/records.md. */
#include "store/disposal.h"

#include <string.h>

int store_dispose_case(db *d, const char *case_id, const disposal_decision *dec,
		       disposal_result *out)
{
	(void)case_id;
	(void)dec;
	memset(out, 0, sizeof *out);
	return db_fail(d, DB_ERR, "disposal: not built yet");
}

int store_dispose_person(db *d, const char *person_id, const disposal_decision *dec,
			 disposal_result *out)
{
	(void)person_id;
	(void)dec;
	memset(out, 0, sizeof *out);
	return db_fail(d, DB_ERR, "disposal: not built yet");
}

int store_disposal_scrub(db *d, struct blob_store *bs, int wait_ms, disposal_scrub_report *rep)
{
	(void)bs;
	(void)wait_ms;
	memset(rep, 0, sizeof *rep);
	return db_fail(d, DB_ERR, "disposal: not built yet");
}
