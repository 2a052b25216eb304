/* libFuzzer harness: the strict JSON request decoder (parse, then check
 * against a field list). The first byte of each name below picks that
 * field's type (the low three bits, taken modulo the number of types),
 * whether it is required (bit 3) and its limit (the high four bits, in
 * steps of 64; 0 is none); the rest is the body. So every kind of field
 * meets every kind of value. */
#include <stddef.h>
#include <stdint.h>

#include "lib/jsonv.h"

static const char *const names[] = {"username", "password", "totp", "roles", "disabled", "limit", "consent"};
#define NFIELDS (sizeof names / sizeof names[0])

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < NFIELDS)
		return 0;
	jv_field fields[NFIELDS];
	for (size_t i = 0; i < NFIELDS; i++)
		fields[i] = (jv_field){names[i], (jv_type)((data[i] & 7u) % (JV_ARRAY + 1)), (data[i] >> 3) & 1,
				       (size_t)(data[i] >> 4) * 64};
	char err[256];
	json_t *j = jv_parse((const char *)data + NFIELDS, size - NFIELDS, err, sizeof err);
	if (!j)
		return 0;
	json_t *errors = json_array();
	jv_check(j, fields, NFIELDS, errors);
	(void)jv_str(j, "username");
	json_decref(errors);
	json_decref(j);
	return 0;
}
