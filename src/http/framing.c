#include "http/framing.h"

#include <microhttpd.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

/*
 * Line endings. libmicrohttpd 0.9.75 ends a header line at a bare LF as
 * readily as at CRLF and tells the application nothing about it. What it
 * does leave is its buffer: it parses the header block in place, so the
 * method, the version and every header name and value point into one block
 * that starts at the method and is MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE
 * bytes long, and it overwrites each line's ending with NUL bytes, two for
 * CRLF and one for a bare LF. So a request whose lines all end with CRLF
 * has, after the version and after each value, exactly two NULs and then
 * the next header's name, and after the last value four NULs (its CRLF and
 * the empty line's) that end the block. Anything else (a bare LF, a folded
 * line libmicrohttpd copied elsewhere, a NUL inside a line) is refused. Only
 * bytes inside the block are read. The raw-socket tests in
 * tests/api/http_test.c prove it against the libmicrohttpd in use; a library
 * that parsed differently would fail them (and refuse every request, never
 * let one through).
 */

typedef struct scan {
	uintptr_t start, end;  /* the header block */
	const char *line_end;  /* where the previous line's text ends */
	const char *line_name; /* that line's header name, or "request line" */
	int content_length, transfer_encoding, host;
	const char *coding;
	framing_problem *p;
	int failed;
} scan;

static int fail(scan *s, int status, const char *field, const char *message)
{
	s->p->status = status;
	s->p->field = field;
	s->p->message = message;
	s->failed = 1;
	return MHD_NO;
}

static int inside(const scan *s, const char *p, size_t len)
{
	uintptr_t at = (uintptr_t)p;
	return at >= s->start && at <= s->end && len <= s->end - at;
}

/* Whether the text ending at e was ended by CRLF and next starts right after. */
static int crlf_between(const scan *s, const char *e, const char *next)
{
	return inside(s, e, 2) && (uintptr_t)next == (uintptr_t)e + 2 && e[0] == '\0' &&
	       e[1] == '\0';
}

int framing_is_token(const char *s)
{
	static const char extra[] = "!#$%&'*+-.^_`|~";
	if (!s || !*s)
		return 0;
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		int alnum = (*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
			    (*c >= 'A' && *c <= 'Z');
		if (!alnum && !strchr(extra, *c))
			return 0;
	}
	return 1;
}

/* A field value holds visible characters, spaces and tabs only. */
static int clean_value(const char *v)
{
	for (const unsigned char *c = (const unsigned char *)v; *c; c++)
		if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
			return 0;
	return 1;
}

static enum MHD_Result each_header(void *cls, enum MHD_ValueKind kind, const char *key,
				   const char *value)
{
	(void)kind;
	scan *s = cls;
	if (!key || !value)
		return fail(s, 400, "request line", "a header line has no name or value");
	if (!crlf_between(s, s->line_end, key))
		return fail(s, 400, s->line_name,
			    "the line does not end with CRLF (a bare LF, or a folded line); end "
			    "every line of the request with CRLF");
	size_t vlen = strlen(value);
	if (!inside(s, value, vlen))
		return fail(s, 400, key, "the line is folded onto the next; send it on one line");
	s->line_end = value + vlen;
	s->line_name = key;
	if (!framing_is_token(key))
		return fail(s, 400, key,
			    "a header name must be a token, with nothing between it and the colon");
	if (!clean_value(value))
		return fail(s, 400, key, "the value holds a control character, such as a bare CR");
	if (strcasecmp(key, "Content-Length") == 0)
		s->content_length++;
	else if (strcasecmp(key, "Transfer-Encoding") == 0) {
		s->transfer_encoding++;
		s->coding = value;
	} else if (strcasecmp(key, "Host") == 0)
		s->host++;
	return MHD_YES;
}

int framing_check(struct MHD_Connection *conn, const char *method, const char *version,
		  framing_problem *p)
{
	scan s = {.p = p, .line_name = "request line"};
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	if (!method || !version || !ci) {
		fail(&s, 400, "request line", "the request line cannot be read");
		return p->status;
	}
	s.start = (uintptr_t)method;
	s.end = s.start + ci->header_size;
	size_t vlen = strlen(version);
	if (s.end < s.start || !inside(&s, version, vlen)) {
		fail(&s, 400, "request line", "the request line cannot be read");
		return p->status;
	}
	s.line_end = version + vlen;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, each_header, &s);
	if (s.failed)
		return p->status;
	/* The last line's CRLF, then the empty line's, end the block. */
	const char *e = s.line_end;
	if (!inside(&s, e, 4) || (uintptr_t)e + 4 != s.end || e[0] || e[1] || e[2] || e[3]) {
		fail(&s, 400, s.line_name,
		     "the line does not end with CRLF (a bare LF, or a folded line); end every "
		     "line of the request with CRLF");
		return p->status;
	}
	if (s.content_length > 1)
		fail(&s, 400, "Content-Length", "sent more than once; send it once");
	else if (s.transfer_encoding && s.content_length)
		fail(&s, 400, "Transfer-Encoding",
		     "sent with Content-Length; send one or the other, never both");
	else if (s.transfer_encoding > 1 || (s.coding && strcasecmp(s.coding, "chunked") != 0))
		fail(&s, 501, "Transfer-Encoding", "only chunked is accepted, sent once");
	else if (s.host > 1)
		fail(&s, 400, "Host", "sent more than once; send it once");
	return s.failed ? p->status : 0;
}
