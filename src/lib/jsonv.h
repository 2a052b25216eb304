/* Strict JSON request decoding: parse, then check an object against a field list. */
#ifndef WAYMARK_LIB_JSONV_H
#define WAYMARK_LIB_JSONV_H

#include <jansson.h>
#include <stddef.h>

typedef enum {
	JV_STRING,
	JV_BOOL,
	JV_INT,
	JV_STRING_ARRAY,
	JV_OBJECT,
	JV_ARRAY, /* of anything: the caller checks the items */
	JV_NUMBER, /* a whole or decimal number */
	JV_TEXT_OR_OBJECT, /* a string (max_len bytes) or an object: the caller checks the parts */
} jv_type;

typedef struct jv_field {
	const char *name;
	jv_type type;
	int required;
	size_t max_len; /* strings: bytes; arrays: items; 0 means no limit */
} jv_field;

/* Field list entries for the kinds that take no limit, optional: true or
 * false, a whole number, an object, any number. */
#define JV_OPT_BOOL(name) {(name), JV_BOOL, 0, 0}
#define JV_OPT_INT(name) {(name), JV_INT, 0, 0}
#define JV_OPT_OBJECT(name) {(name), JV_OBJECT, 0, 0}
#define JV_OPT_NUMBER(name) {(name), JV_NUMBER, 0, 0}

/* Parses a request body: UTF-8, no duplicate keys, an object at the top.
 * Returns the object (caller owns it) or NULL with a message in err. */
json_t *jv_parse(const char *body, size_t len, char *err, size_t errlen);

/* Checks obj against fields: unknown keys, missing required keys, wrong types
 * and over-long values each append {field, message} to errors (a JSON array).
 * null counts as absent. Returns the number of problems found. */
size_t jv_check(json_t *obj, const jv_field *fields, size_t nfields, json_t *errors);

/* Appends {field, message} to errors. Can't fail (allocation failure drops it). */
void jv_error(json_t *errors, const char *field, const char *message);

/* Returns the string at key, or NULL when absent, null or not a string. */
const char *jv_str(json_t *obj, const char *key);

#endif
