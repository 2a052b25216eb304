/* One way to page a list: ?limit and ?cursor in, {items, total,
 * next_cursor} out. The cursor is opaque to callers; it holds the offset
 * of the next page's first item. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"

/* Reads a cursor from a previous page: 0 and *offset, or -1. */
static int read_cursor(const char *s, size_t *offset)
{
	unsigned char raw[32];
	size_t n = 0;
	if (sodium_base642bin(raw, sizeof raw - 1, s, strlen(s), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n < 2 || raw[0] != 'o')
		return -1;
	raw[n] = '\0';
	char *end;
	unsigned long long v = strtoull((char *)raw + 1, &end, 10);
	if (*end || raw[1] < '0' || raw[1] > '9' || v > 100000000ULL)
		return -1;
	*offset = (size_t)v;
	return 0;
}

void api_page_read(http_req *req, size_t def, api_page *p, json_t *errors)
{
	p->limit = def;
	p->offset = 0;
	const char *s = http_req_query(req, "limit");
	if (s) {
		char *end;
		long v = strtol(s, &end, 10);
		if (!*s || *end || v < 1 || v > API_PAGE_MAX)
			jv_error(errors, "limit", "must be a whole number from 1 to 200");
		else
			p->limit = (size_t)v;
	}
	if ((s = http_req_query(req, "cursor")) && read_cursor(s, &p->offset) != 0)
		jv_error(errors, "cursor", "is not a cursor from a previous page");
}

int api_page_only(http_req *req, api_page *p)
{
	json_t *errors = json_array();
	api_page_read(req, API_PAGE_DEFAULT, p, errors);
	return api_reject_query(req, errors) ? -1 : 0;
}

int api_page_put(json_t *out, const api_page *p, json_t *items, size_t total)
{
	json_t *next = json_null();
	if (p->offset + json_array_size(items) < total) {
		char raw[32], cur[64];
		snprintf(raw, sizeof raw, "o%zu", p->offset + p->limit);
		sodium_bin2base64(cur, sizeof cur, (unsigned char *)raw, strlen(raw),
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		next = json_string(cur);
	}
	if (json_object_set(out, "items", items) != 0 ||
	    json_object_set_new(out, "total", json_integer((json_int_t)total)) != 0 ||
	    json_object_set_new(out, "next_cursor", next) != 0)
		return DB_NOMEM;
	return DB_OK;
}

int api_page_set(json_t *out, const api_page *p, json_t *all)
{
	size_t total = json_array_size(all);
	json_t *items = json_array(); /* out holds it from the start */
	if (!items || json_object_set_new(out, "items", items) != 0)
		return DB_NOMEM;
	for (size_t i = p->offset; i < total && i < p->offset + p->limit; i++)
		if (json_array_append(items, json_array_get(all, i)) != 0)
			return DB_NOMEM;
	return api_page_put(out, p, items, total);
}
