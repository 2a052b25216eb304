/* The fault sweep, as SQLite tests itself: each write path of the API is
 * sent again and again with its Nth database call failing (each kind of
 * failure in turn) and, separately, with its Nth allocation failing, for
 * N = 1, 2, 3, ... until it runs without meeting the fault and succeeds.
 * After each fault:
 *   - the answer is application/problem+json: 503 with Retry-After for
 *     what the environment did (busy, full, I/O, out of memory, a lost
 *     connection), a 4xx for a refused constraint, and 500 only for a bug;
 *   - the database holds exactly what it held before the request;
 *   - the audit chain verifies;
 *   - the server goes on serving (/healthz, and /api/v1/me on the same
 *     connection), and never crashed, hung or leaked (it runs under ASan
 *     and UBSan, and each path ends by stopping it to look for leaks).
 * Every failure is listed (engine, path, fault, what went wrong) and fails
 * the run: nothing stops at the first.
 *
 * It drives build/asan/waymark (WAYMARK_BIN), built with -DWAYMARK_FAULTS,
 * which reads the X-Waymark-Fault request header (src/lib/fault.h).
 *   WAYMARK_FAULTS_SWEEP=all  every write path, every kind of database
 *                             failure at every N and every allocation:
 *                             make test-faults. Otherwise the representative
 *                             set of make test (see below).
 *   WAYMARK_FAULTS_ONLY=TEXT  only the paths whose "METHOD /path" holds TEXT.
 *
 * The representative set sweeps a few paths chosen so that every way a
 * write ends is met (a handler's own commit, sign-in's, api_write_end, an
 * audit entry in a transaction of its own, the store's), at every N, the
 * kind turning with N so that each kind is met at many points; two of them
 * also have every allocation fail. A path whose every request hashes a
 * password is sampled: its first calls and its last twelve. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "api/client.h"
#include "faults/paths.h"
#include "faults/snapshot.h"
#include "lib/fault.h"
#include "store/audit.h"
#include "store/db.h"

#define MAX_FAILURES 10000
#define REQUEST_TIMEOUT_S 30L

static world w;
static snapper *snap;
static db *audit_db;
static int exhaustive, pg;
static const fault_kind sqlite_kinds[] = {FAULT_BUSY, FAULT_FULL,  FAULT_CONSTRAINT,
                                          FAULT_IO,   FAULT_NOMEM, FAULT_ERR};
static const fault_kind pg_kinds[] = {FAULT_BUSY,  FAULT_FULL, FAULT_CONSTRAINT, FAULT_IO,
                                      FAULT_NOMEM, FAULT_ERR,  FAULT_DROP};
static const fault_kind *kinds;
static int nkinds;

/* What was injected and met every promise, per kind (FAULT_NONE: allocations). */
static long injected[FAULT_DROP + 1], survived[FAULT_DROP + 1];

/* A broken promise: where, what went wrong, and at which fault. */
typedef struct fail_rec {
	char where[128]; /* "sqlite POST /api/v1/cases" */
	char symptom[256];
	char label[32]; /* "db busy", "alloc", or the stage ("after success") */
	long n;         /* the call or allocation that failed, or 0 */
} fail_rec;
static fail_rec failures[MAX_FAILURES];
static int nfailures, path_failures;
static long run_start_ms;

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- failures ---- */

/* Records a broken promise: the symptom (from fmt) is what the list groups
 * by; detail (an answer's body, a sanitizer's report) is shown once, here. */
static void failure(const write_path *p, const char *fault, const char *detail, const char *fmt,
                    ...) __attribute__((format(printf, 4, 5)));
static void failure(const write_path *p, const char *fault, const char *detail, const char *fmt,
                    ...)
{
	fail_rec f = {0};
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f.symptom, sizeof f.symptom, fmt, ap);
	va_end(ap);
	snprintf(f.where, sizeof f.where, "%s %s %s", pg ? "pg" : "sqlite", p->method, p->path);
	char kind[16];
	if (sscanf(fault, "db=%ld:%15s", &f.n, kind) == 2)
		snprintf(f.label, sizeof f.label, "db %s", kind);
	else if (sscanf(fault, "alloc=%ld", &f.n) == 1)
		snprintf(f.label, sizeof f.label, "alloc");
	else
		snprintf(f.label, sizeof f.label, "%s", fault);
	fprintf(stderr, "FAULT FAILURE %s [%s]: %s%s%.400s\n", f.where, fault, f.symptom,
	        detail ? ": " : "", detail ? detail : "");
	path_failures++;
	if (nfailures < MAX_FAILURES)
		failures[nfailures] = f;
	nfailures++;
}

static void print_range(long start, long last, int first)
{
	printf(start == last ? "%s%ld" : "%s%ld-%ld", first ? "" : ",", start, last);
}

/* Prints the Ns of one label of a group as ranges: "3-7,9". */
static void print_ranges(const fail_rec *g, int from, const char *label)
{
	long start = 0, last = 0;
	int first = 1;
	for (int i = from; i < nfailures && i < MAX_FAILURES; i++) {
		const fail_rec *f = &failures[i];
		if (strcmp(f->where, g->where) || strcmp(f->symptom, g->symptom) ||
		    strcmp(f->label, label))
			continue;
		if (start && (f->n == last || f->n == last + 1)) {
			last = f->n;
			continue;
		}
		if (start) {
			print_range(start, last, first);
			first = 0;
		}
		start = last = f->n;
	}
	if (start)
		print_range(start, last, first);
}

/* The failures grouped by path and symptom, each with the faults it
 * followed: "db busy 12,40-41; alloc 98-119". */
static void print_grouped(void)
{
	int n = nfailures < MAX_FAILURES ? nfailures : MAX_FAILURES;
	for (int i = 0; i < n; i++) {
		const fail_rec *g = &failures[i];
		int seen = 0;
		for (int k = 0; k < i && !seen; k++)
			seen = !strcmp(failures[k].where, g->where) &&
			       !strcmp(failures[k].symptom, g->symptom);
		if (seen)
			continue;
		printf("  FAILURE %s: %s [", g->where, g->symptom);
		int labels = 0;
		for (int k = i; k < n; k++) {
			const fail_rec *f = &failures[k];
			if (strcmp(f->where, g->where) || strcmp(f->symptom, g->symptom))
				continue;
			int dup = 0;
			for (int j = i; j < k && !dup; j++)
				dup = !strcmp(failures[j].where, g->where) &&
				      !strcmp(failures[j].symptom, g->symptom) &&
				      !strcmp(failures[j].label, f->label);
			if (dup)
				continue;
			printf("%s%s", labels++ ? "; " : "", f->label);
			if (f->n > 0) {
				printf(" ");
				print_ranges(g, i, f->label);
			}
		}
		printf("]\n");
	}
}

/* The sanitizer's report in the server's log, shortened to its first line,
 * the frames in Waymark's own code and its summary. */
static void log_excerpt(char *out, size_t n)
{
	out[0] = '\0';
	FILE *f = fopen(w.srv.log_path, "r");
	if (!f)
		return;
	char line[1024];
	size_t at = 0;
	int in_report = 0, frames = 0;
	while (fgets(line, sizeof line, f) && at + 1 < n) {
		line[strcspn(line, "\n")] = '\0';
		int start = strstr(line, "ERROR: ") || strstr(line, "runtime error") ||
		            strstr(line, "WARNING: ");
		int keep = start || strncmp(line, "SUMMARY", 7) == 0 ||
		           (in_report && frames < 6 && strstr(line, " src/") && ++frames);
		if (start)
			in_report = 1;
		if (!keep)
			continue;
		const char *text = line;
		while (*text == ' ')
			text++;
		int wrote = snprintf(out + at, n - at, "%s%s", at ? " | " : "", text);
		if (wrote < 0)
			break;
		at += (size_t)wrote < n - at ? (size_t)wrote : n - at - 1;
	}
	fclose(f);
	if (!out[0])
		snprintf(out, n, "nothing in its log");
}

/* ---- the server ---- */

static int server_alive(void)
{
	if (w.srv.pid <= 0)
		return 0;
	int status;
	if (waitpid(w.srv.pid, &status, WNOHANG) == w.srv.pid) {
		w.srv.exit_status =
		    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		w.srv.pid = 0;
		return 0;
	}
	return 1;
}

/* Stops the server and reports what its sanitizers found on the way out
 * (leaks are only known then). */
static void server_end(const write_path *p)
{
	if (w.srv.pid <= 0)
		return;
	kill(w.srv.pid, SIGTERM);
	int status;
	if (waitpid(w.srv.pid, &status, 0) != w.srv.pid)
		return;
	w.srv.pid = 0;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (code != 0) {
		char why[2048];
		log_excerpt(why, sizeof why);
		failure(p, "whole sweep", why, "the server stopped with status %d", code);
	}
}

static int server_begin(void)
{
	if (server_alive())
		return 0;
	if (server_launch(&w.srv, NULL) != 0) {
		fprintf(stderr, "the server does not start (status %d)\n", w.srv.exit_status);
		return -1;
	}
	return 0;
}

/* After a request without an answer: the server died, or hangs. Says
 * which, and starts it again. */
static void server_recover(const write_path *p, const char *fault)
{
	char why[2048];
	/* A sanitizer's report can take a while to write under load. */
	for (int i = 0; i < 100 && server_alive(); i++) {
		struct timespec pause = {0, 100 * 1000000L};
		nanosleep(&pause, NULL);
	}
	if (server_alive()) {
		kill(w.srv.pid, SIGKILL);
		waitpid(w.srv.pid, NULL, 0);
		w.srv.pid = 0;
		failure(p, fault, NULL, "no answer within %ld s: the server hangs",
		        REQUEST_TIMEOUT_S);
	} else {
		log_excerpt(why, sizeof why);
		failure(p, fault, why, "no answer: the server died (status %d)", w.srv.exit_status);
	}
	if (server_launch(&w.srv, NULL) != 0)
		fail_msg("the server does not start again");
}

/* ---- the promises ---- */

static int chain_intact(char *why, size_t n)
{
	int64_t count, bad;
	int rc = store_audit_verify(audit_db, &count, &bad, why, n);
	if (rc == DB_OK)
		return 1;
	if (rc != DB_DONE)
		snprintf(why, n, "cannot read the chain: %s", db_errmsg(audit_db));
	return 0;
}

/* Whether the answer is a problem the fault may be answered with. */
static int answered_well(const write_path *p, const char *fault, fault_kind k, int after_commit,
                         resp *r)
{
	int env = k != FAULT_CONSTRAINT && k != FAULT_ERR; /* FAULT_NONE: an allocation */
	int ok = 1;
	if (r->status >= 200 && r->status < 300) {
		if (after_commit)
			failure(p, fault, NULL,
			        "answered %ld though a call after its commit failed", r->status);
		else
			failure(p, fault, NULL, "answered %ld as if nothing had failed", r->status);
		return 0;
	}
	if (env && r->status != 503) {
		failure(p, fault, r->body, "answered %ld, not 503", r->status);
		ok = 0;
	} else if (k == FAULT_CONSTRAINT && (r->status < 400 || r->status > 499)) {
		failure(p, fault, r->body, "answered %ld, not a 4xx", r->status);
		ok = 0;
	} else if (k == FAULT_ERR && r->status != 500) {
		failure(p, fault, r->body, "answered %ld, not 500", r->status);
		ok = 0;
	}
	if (r->status == 503 && !resp_header(r, "Retry-After")) {
		failure(p, fault, NULL, "answered 503 without Retry-After");
		ok = 0;
	}
	const char *type = resp_header(r, "Content-Type");
	json_t *status = json_object_get(r->json, "status");
	if (!type || strcmp(type, "application/problem+json") != 0 || !json_is_integer(status) ||
	    json_integer_value(status) != r->status ||
	    !json_is_string(json_object_get(r->json, "title"))) {
		failure(p, fault, r->body, "answered %ld without a problem (%s)", r->status,
		        type ? type : "no Content-Type");
		ok = 0;
	}
	return ok;
}

/* Whether the server still answers, on the sender's connection too. */
static int still_serving(const write_path *p, const char *fault, write_req *q)
{
	client *probe = q && q->as && q->as->csrf[0] ? q->as : w.admin;
	resp *h = client_req(w.admin, "GET", "/healthz", NULL, NULL);
	resp *m = client_req(probe, "GET", "/api/v1/me", NULL, NULL);
	int ok = h->status == 200 && m->status == 200;
	if (!ok)
		failure(p, fault, m->body,
		        "the server stopped serving: /healthz %ld, /api/v1/me %ld", h->status,
		        m->status);
	resp_free(h);
	resp_free(m);
	return ok;
}

/* ---- one path ---- */

/* A phase stops when its request grows past this many times the calls it
 * made when a fault was first met after its commit: each change such a
 * fault leaves may make the next request longer (a search after the commit
 * finds one more person), and that sweep would never end. */
#define GROWTH_MAX 2
#define CALLS_MAX 5000

typedef struct sweep {
	const write_path *p;
	write_req q;
	long want;       /* the status of success */
	snapshot before; /* the database as it is between requests */
	int prepared;
	long first_calls; /* calls (or allocations) of the first request faulted after its commit */
	long ok_db, ok_alloc; /* calls and allocations of a request that met no fault */
} sweep;

static int prepare(sweep *s)
{
	write_req_free(&s->q);
	memset(&s->q, 0, sizeof s->q);
	s->prepared = s->p->prepare(&w, &s->q) == 0;
	if (!s->prepared) {
		failure(s->p, "setting up", NULL, "its preconditions could not be made");
		return -1;
	}
	if (!s->q.path[0])
		snprintf(s->q.path, sizeof s->q.path, "%s", s->p->path);
	curl_easy_setopt(s->q.as->curl, CURLOPT_TIMEOUT, REQUEST_TIMEOUT_S);
	char why[256];
	if (snapper_take(snap, &s->before) != 0 || !chain_intact(why, sizeof why))
		fail_msg("cannot read the database before %s %s", s->p->method, s->p->path);
	return 0;
}

static resp *send_faulted(sweep *s, const char *fault)
{
	/* A try given back by a write that met the fault stays taken, as it
	 * would in earnest; each request starts with the addresses' buckets
	 * full, so that the sweep's own failures never run one dry. */
	if (db_run(audit_db, "DELETE FROM address_buckets", 0, NULL) != DB_OK)
		fail_msg("cannot empty address_buckets: %s", db_errmsg(audit_db));
	char fh[64], body[1024];
	snprintf(fh, sizeof fh, FAULT_HEADER ": %s", fault);
	const char *h[5];
	int n = 0;
	h[n++] = fh;
	if (s->q.if_match[0])
		h[n++] = s->q.if_match;
	if (s->q.purpose[0])
		h[n++] = s->q.purpose;
	if (s->q.csv)
		h[n++] = "Content-Type: text/csv";
	if (s->q.form)
		h[n++] = "Content-Type: application/x-www-form-urlencoded";
	if (s->q.multipart)
		h[n++] = "Content-Type: multipart/form-data; boundary=wmSweep";
	h[n] = NULL;
	write_req_body(&s->q, body, sizeof body);
	if (s->q.csv || s->q.form || s->q.multipart)
		return client_raw(s->q.as, s->p->method, s->q.path, body, strlen(body), h);
	return client_req(s->q.as, s->p->method, s->q.path, body[0] ? body : NULL, h);
}

/* Sends the path with one fault. Returns 1 when the fault was met, 0 when
 * the request ran past it (and so must have succeeded), -1 when the sweep
 * of this path cannot go on. */
static int one_fault(sweep *s, const char *fault, fault_kind k)
{
	resp *r = send_faulted(s, fault);
	if (r->status < 0) {
		resp_free(r);
		injected[k]++;
		server_recover(s->p, fault);
		return prepare(s) == 0 ? 1 : -1;
	}
	const char *met = resp_header(r, FAULT_HEADER);
	if (!met) {
		resp_free(r);
		fail_msg("%s answers without " FAULT_HEADER ": it is not the fault build",
		         getenv("WAYMARK_BIN") ? getenv("WAYMARK_BIN") : "build/waymark");
	}
	if (strncmp(met, "missed", 6) == 0) {
		int rc = 0;
		if (r->status != s->want) {
			failure(s->p, fault, r->body, "without a fault it answered %ld, not %ld",
			        r->status, s->want);
			rc = -1;
		}
		resp_free(r);
		char why[256];
		if (!chain_intact(why, sizeof why))
			failure(s->p, fault, why, "after it succeeded the audit chain is broken");
		/* Success may have ended the sender's session: ask as admin1. */
		if (!still_serving(s->p, "after success", NULL))
			rc = -1;
		return rc;
	}
	injected[k]++;
	int after_commit = strncmp(met, "fired after a commit", 20) == 0;
	long calls = 0, allocs = 0;
	const char *counts = strstr(met, "db=");
	if (after_commit && counts && sscanf(counts, "db=%ld alloc=%ld", &calls, &allocs) == 2) {
		long now = k == FAULT_NONE ? allocs : calls;
		/* A request that commits on its way in (a try taken from its
		 * address's bucket) meets every later fault after a commit, the
		 * first of them early: it grows only past what a success makes. */
		long floor = k == FAULT_NONE ? s->ok_alloc : s->ok_db;
		if (!s->first_calls)
			s->first_calls = now > floor ? now : floor;
		else if (now > GROWTH_MAX * s->first_calls + 20) {
			failure(s->p, fault, NULL,
			        "each change it leaves makes it longer (%ld calls, %ld at first): "
			        "the sweep stops here",
			        now, s->first_calls);
			resp_free(r);
			return -1;
		}
	}
	int succeeded = r->status >= 200 && r->status < 300;
	int ok = answered_well(s->p, fault, k, after_commit, r);
	resp_free(r);
	snapshot after;
	if (snapper_take(snap, &after) != 0)
		fail_msg("cannot read the database");
	char diff[512], rows[1024], why[256];
	/* Success may have ended the sender's session: ask as admin1 then. */
	if (!still_serving(s->p, fault, succeeded ? NULL : &s->q))
		ok = 0;
	if (snapshot_diff(&s->before, &after, 0, diff, sizeof diff)) {
		snapshot_diff(&s->before, &after, 1, rows, sizeof rows);
		if (after_commit)
			failure(s->p, fault, rows,
			        "a call after its commit failed and the change stayed (%s)", diff);
		else
			failure(s->p, fault, rows, "the database changed (%s)", diff);
		if (!chain_intact(why, sizeof why))
			failure(s->p, fault, why, "and the audit chain is broken");
		ok = 0;
		/* What was written may stand in the way: start again from new records. */
		if (prepare(s) != 0)
			return -1;
	}
	if (ok)
		survived[k]++;
	return 1;
}

/* The Ns a costly path is sampled at in the representative set: its first
 * three calls and its last twelve, which hold its write. */
static int sampled(long n, long total)
{
	return n <= 3 || n > total - 12;
}

/* Learns how many database calls and allocations a successful request
 * makes, by one request whose fault is never met. */
static int count_calls(sweep *s, long *db_calls, long *allocs)
{
	resp *r = send_faulted(s, "db=1000000:busy");
	const char *met = resp_header(r, FAULT_HEADER);
	int ok = r->status == s->want && met &&
	         sscanf(met, "missed db=%ld alloc=%ld", db_calls, allocs) == 2;
	if (!ok)
		failure(s->p, "counting", r->body, "answered %ld", r->status);
	resp_free(r);
	return ok ? 0 : -1;
}

static void sweep_db(sweep *s)
{
	if (count_calls(s, &s->ok_db, &s->ok_alloc) != 0 || prepare(s) != 0)
		return;
	long total = s->ok_db;
	int sample = !exhaustive && s->p->costly;
	for (long n = 1; n <= CALLS_MAX; n++) {
		if (sample && !sampled(n, total))
			continue;
		for (int i = 0; i < nkinds; i++) {
			fault_kind k = kinds[i];
			if (!exhaustive)
				k = kinds[(n - 1) % nkinds];
			char fault[64];
			snprintf(fault, sizeof fault, "db=%ld:%s", n, fault_kind_name(k));
			int rc = one_fault(s, fault, k);
			if (rc <= 0)
				return;
			if (!exhaustive)
				break;
		}
	}
}

static void sweep_alloc(sweep *s)
{
	for (long n = 1; n <= CALLS_MAX; n++) {
		char fault[32];
		snprintf(fault, sizeof fault, "alloc=%ld", n);
		if (one_fault(s, fault, FAULT_NONE) <= 0)
			return;
	}
}

static long success_status(const write_path *p);

static void test_path(void **state)
{
	const write_path *p = *state;
	long t0 = now_ms();
	long before_db = 0, before_alloc = injected[FAULT_NONE];
	for (int i = 0; i <= FAULT_DROP; i++)
		before_db += i ? injected[i] : 0;
	path_failures = 0;
	if (server_begin() != 0)
		fail_msg("the server does not start");
	sweep s = {.p = p, .want = success_status(p)};
	if (prepare(&s) == 0)
		sweep_db(&s);
	s.first_calls = 0;
	if ((exhaustive || (p->representative & 2)) && prepare(&s) == 0)
		sweep_alloc(&s);
	write_req_free(&s.q);
	server_end(p);
	long after_db = 0;
	for (int i = 1; i <= FAULT_DROP; i++)
		after_db += injected[i];
	printf("  %-6s %-64s %5ld database faults, %5ld allocation faults, %3d failures, %5.1f s\n",
	       p->method, p->path, after_db - before_db, injected[FAULT_NONE] - before_alloc,
	       path_failures, (now_ms() - t0) / 1000.0);
	fflush(stdout);
	if (path_failures)
		fail_msg("%d failures under faults (listed above as FAULT FAILURE)", path_failures);
}

/* ---- the OpenAPI document: the statuses of success, and every write swept ---- */

static json_t *openapi;

static long success_status(const write_path *p)
{
	char m[8];
	size_t i;
	for (i = 0; p->method[i] && i + 1 < sizeof m; i++)
		m[i] = (char)(p->method[i] | 0x20);
	m[i] = '\0';
	json_t *responses = json_object_get(
	    json_object_get(json_object_get(json_object_get(openapi, "paths"), p->path), m),
	    "responses");
	const char *code;
	json_t *v;
	json_object_foreach(responses, code, v)
	{
		/* A form's success may be a redirect (303 See Other). */
		if (code[0] == '2' || code[0] == '3')
			return strtol(code, NULL, 10);
	}
	return 200;
}

static const write_path *row_of(const char *method, const char *path)
{
	for (size_t i = 0; i < nwrite_paths; i++)
		if (strcasecmp(write_paths[i].method, method) == 0 &&
		    strcmp(write_paths[i].path, path) == 0)
			return &write_paths[i];
	return NULL;
}

static void test_every_write_of_the_document_is_swept(void **state)
{
	(void)state;
	static const char *const writes[] = {"post", "put", "patch", "delete"};
	int missing = 0;
	const char *path;
	json_t *ops;
	json_object_foreach(json_object_get(openapi, "paths"), path, ops)
	{
		for (size_t k = 0; k < sizeof writes / sizeof writes[0]; k++) {
			if (json_object_get(ops, writes[k]) && !row_of(writes[k], path)) {
				fprintf(stderr, "no sweep row for %s %s\n", writes[k], path);
				missing++;
			}
		}
	}
	for (size_t i = 0; i < nwrite_paths; i++) {
		char m[8];
		size_t k;
		for (k = 0; write_paths[i].method[k] && k + 1 < sizeof m; k++)
			m[k] = (char)(write_paths[i].method[k] | 0x20);
		m[k] = '\0';
		if (!json_object_get(
		        json_object_get(json_object_get(openapi, "paths"), write_paths[i].path),
		        m)) {
			fprintf(stderr, "a sweep row for %s %s, which the document does not have\n",
			        write_paths[i].method, write_paths[i].path);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* ---- the run ---- */

static int group_setup(void **state)
{
	(void)state;
	run_start_ms = now_ms();
	if (world_setup(&w) != 0)
		return -1;
	snap = snapper_open(w.srv.db_url);
	char err[256];
	if (!snap || db_open(w.srv.db_url, 5000, &audit_db, err, sizeof err) != DB_OK)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	world_teardown(&w);
	if (w.srv.pid > 0) {
		kill(w.srv.pid, SIGTERM);
		waitpid(w.srv.pid, NULL, 0);
	}
	snapper_close(snap);
	db_close(audit_db);
	long db_in = 0, db_ok = 0;
	printf("\n%s, %s: faults injected and survived (every promise kept):\n",
	       pg ? "PostgreSQL" : "SQLite",
	       exhaustive ? "every path, every kind at every call" : "the representative set");
	for (int i = 0; i < nkinds; i++) {
		printf("  db %-10s %6ld injected %6ld survived\n", fault_kind_name(kinds[i]),
		       injected[kinds[i]], survived[kinds[i]]);
		db_in += injected[kinds[i]];
		db_ok += survived[kinds[i]];
	}
	printf("  db all        %6ld injected %6ld survived\n", db_in, db_ok);
	printf("  allocation    %6ld injected %6ld survived\n", injected[FAULT_NONE],
	       survived[FAULT_NONE]);
	printf("  %d failures in %.1f s\n", nfailures, (now_ms() - run_start_ms) / 1000.0);
	print_grouped();
	if (nfailures > MAX_FAILURES)
		printf("  ... and %d more (see FAULT FAILURE above)\n", nfailures - MAX_FAILURES);
	json_decref(openapi);
	return 0;
}

int main(void)
{
	const char *mode = getenv("WAYMARK_FAULTS_SWEEP");
	const char *only = getenv("WAYMARK_FAULTS_ONLY");
	exhaustive = mode && strcmp(mode, "all") == 0;
	pg = strcmp(test_engine_name(), "pg") == 0;
	kinds = pg ? pg_kinds : sqlite_kinds;
	nkinds = pg ? (int)(sizeof pg_kinds / sizeof pg_kinds[0])
	            : (int)(sizeof sqlite_kinds / sizeof sqlite_kinds[0]);
	openapi = json_load_file("src/api/openapi.json", 0, NULL);
	if (!openapi) {
		fprintf(stderr,
		        "cannot read src/api/openapi.json (run from the repository's root)\n");
		return 1;
	}
	static struct CMUnitTest tests[1 + 128];
	static char names[128][160];
	size_t n = 0;
	tests[n++] =
	    (struct CMUnitTest){"every write of the OpenAPI document is swept",
	                        test_every_write_of_the_document_is_swept, NULL, NULL, NULL};
	for (size_t i = 0; i < nwrite_paths && n < sizeof tests / sizeof tests[0]; i++) {
		const write_path *p = &write_paths[i];
		snprintf(names[n - 1], sizeof names[0], "%s %s", p->method, p->path);
		if (only && !strstr(names[n - 1], only))
			continue;
		if (!only && !exhaustive && !p->representative)
			continue;
		tests[n] = (struct CMUnitTest){names[n - 1], test_path, NULL, NULL, (void *)p};
		n++;
	}
	return _cmocka_run_group_tests(exhaustive ? "fault sweep (every path)" : "fault sweep",
	                               tests, n, group_setup, group_teardown);
}
