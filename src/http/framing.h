/* Ambiguous HTTP: requests whose framing two servers could read two ways,
 * which is how a request is smuggled past a proxy. libmicrohttpd 0.9.75
 * accepts them (even with MHD_OPTION_STRICT_FOR_CLIENT), so they are
 * refused here, before any handler runs. */
#ifndef WAYMARK_HTTP_FRAMING_H
#define WAYMARK_HTTP_FRAMING_H

struct MHD_Connection;

typedef struct framing_problem {
	int status;          /* 400, or 501 for a transfer coding other than chunked */
	const char *field;   /* the header at fault ("request line" for the first line) */
	const char *message; /* what is wrong, for the problem's errors */
} framing_problem;

/* Checks the header block of the request whose method and version strings
 * libmicrohttpd passed to the access handler: every line ends with CRLF
 * (no bare LF, no folded line), names are tokens, values hold no control
 * character, and there is at most one Content-Length, never with a
 * Transfer-Encoding, a Transfer-Encoding is just "chunked", and one Host.
 * Returns 0, or the status to answer with *p saying why; the strings live
 * as long as the request. */
int framing_check(struct MHD_Connection *conn, const char *method, const char *version,
		  framing_problem *p);

/* Whether s is an HTTP token (RFC 9110 5.6.2), as a header name must be. */
int framing_is_token(const char *s);

#endif
