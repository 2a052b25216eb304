/* libFuzzer harness: the strict JSON request decoder (parse, then check
 * against a field list like the sign-in body's). */
#include <stddef.h>
#include <stdint.h>

#include "lib/jsonv.h"

static const jv_field fields[] = {
	{"username", JV_STRING, 1, 256},
	{"password", JV_STRING, 1, 1024},
	{"totp", JV_STRING, 0, 32},
	{"roles", JV_STRING_ARRAY, 0, 8},
	{"disabled", JV_BOOL, 0, 0},
	{"limit", JV_INT, 0, 0},
	{"consent", JV_OBJECT, 0, 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	json_t *j = jv_parse((const char *)data, size, err, sizeof err);
	if (!j)
		return 0;
	json_t *errors = json_array();
	jv_check(j, fields, sizeof fields / sizeof fields[0], errors);
	(void)jv_str(j, "username");
	json_decref(errors);
	json_decref(j);
	return 0;
}
