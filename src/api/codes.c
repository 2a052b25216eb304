/* Languages as people give them: by English name ("Romanian", "Arabic
 * (Syria)") or by BCP 47 tag; stored as the tag. */
#include "api/api.h"
#include "domain/person.h"

const char *api_language(json_t *obj, const char *key, const char *field, json_t *errors)
{
	const char *given = jv_str(obj, key);
	char tag[PERSON_CODE_MAX];
	if (!given)
		return NULL;
	if (person_language_code(given, tag) != 0) {
		jv_error(errors, field, "must be a language, by name (Romanian, Arabic (Syria)) or BCP 47 tag (ro, ar-SY)");
		return NULL;
	}
	if (json_object_set_new(obj, key, json_string(tag)) != 0)
		return NULL;
	return jv_str(obj, key);
}
