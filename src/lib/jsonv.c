#include "lib/jsonv.h"

#include <stdio.h>
#include <string.h>

json_t *jv_parse(const char *body, size_t len, char *err, size_t errlen)
{
	json_error_t je;
	if (len == 0) {
		snprintf(err, errlen, "the request body is empty; a JSON object is expected");
		return NULL;
	}
	json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		snprintf(err, errlen, "the body is not valid JSON: %s at character %d", je.text,
			 je.position);
		return NULL;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		snprintf(err, errlen, "the body must be a JSON object");
		return NULL;
	}
	return j;
}

void jv_error(json_t *errors, const char *field, const char *message)
{
	json_array_append_new(errors, json_pack("{s:s, s:s}", "field", field, "message", message));
}

static const jv_field *find_field(const jv_field *fields, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].name, key) == 0)
			return &fields[i];
	return NULL;
}

static size_t check_one(const jv_field *f, json_t *v, json_t *errors)
{
	char msg[128];
	switch (f->type) {
	case JV_STRING:
		if (!json_is_string(v)) {
			jv_error(errors, f->name, "must be a string");
			return 1;
		}
		if (f->max_len && json_string_length(v) > f->max_len) {
			snprintf(msg, sizeof msg, "must be at most %zu bytes", f->max_len);
			jv_error(errors, f->name, msg);
			return 1;
		}
		if (strlen(json_string_value(v)) != json_string_length(v)) {
			jv_error(errors, f->name, "must not contain a NUL character");
			return 1;
		}
		return 0;
	case JV_BOOL:
		if (!json_is_boolean(v)) {
			jv_error(errors, f->name, "must be true or false");
			return 1;
		}
		return 0;
	case JV_INT:
		if (!json_is_integer(v)) {
			jv_error(errors, f->name, "must be a whole number");
			return 1;
		}
		return 0;
	case JV_NUMBER:
		if (!json_is_number(v)) {
			jv_error(errors, f->name, "must be a number");
			return 1;
		}
		return 0;
	case JV_TEXT_OR_OBJECT:
		if (json_is_object(v))
			return 0;
		if (!json_is_string(v)) {
			jv_error(errors, f->name, "must be text or an object");
			return 1;
		}
		if (f->max_len && json_string_length(v) > f->max_len) {
			snprintf(msg, sizeof msg, "must be at most %zu bytes", f->max_len);
			jv_error(errors, f->name, msg);
			return 1;
		}
		return 0;
	case JV_OBJECT:
		if (!json_is_object(v)) {
			jv_error(errors, f->name, "must be an object");
			return 1;
		}
		return 0;
	case JV_ARRAY:
		if (!json_is_array(v)) {
			jv_error(errors, f->name, "must be an array");
			return 1;
		}
		if (f->max_len && json_array_size(v) > f->max_len) {
			snprintf(msg, sizeof msg, "must have at most %zu items", f->max_len);
			jv_error(errors, f->name, msg);
			return 1;
		}
		return 0;
	case JV_STRING_ARRAY: {
		if (!json_is_array(v)) {
			jv_error(errors, f->name, "must be an array of strings");
			return 1;
		}
		if (f->max_len && json_array_size(v) > f->max_len) {
			snprintf(msg, sizeof msg, "must have at most %zu items", f->max_len);
			jv_error(errors, f->name, msg);
			return 1;
		}
		size_t i;
		json_t *item;
		json_array_foreach(v, i, item)
		{
			if (!json_is_string(item)) {
				jv_error(errors, f->name, "must be an array of strings");
				return 1;
			}
		}
		return 0;
	}
	}
	return 0;
}

size_t jv_check(json_t *obj, const jv_field *fields, size_t nfields, json_t *errors)
{
	size_t bad = 0;
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		const jv_field *f = find_field(fields, nfields, key);
		if (!f) {
			jv_error(errors, key, "is not a known field");
			bad++;
		} else if (!json_is_null(v)) {
			bad += check_one(f, v, errors);
		}
	}
	for (size_t i = 0; i < nfields; i++) {
		json_t *got = json_object_get(obj, fields[i].name);
		if (fields[i].required && (!got || json_is_null(got))) {
			jv_error(errors, fields[i].name, "is required");
			bad++;
		}
	}
	return bad;
}

const char *jv_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}
