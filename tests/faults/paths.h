/* The API's write paths, each with what it needs in place before it can
 * succeed, for the fault sweep. Every POST, PUT, PATCH and DELETE of the
 * OpenAPI document has a row, and so do the reads that write an audit
 * entry; the sweep fails when a write of the document has none. */
#ifndef WAYMARK_TESTS_FAULTS_PATHS_H
#define WAYMARK_TESTS_FAULTS_PATHS_H

#include <stddef.h>

#include "api/client.h"

/* The server and the signed-in people every path is prepared with. */
typedef struct world {
	server srv;
	client *admin, *admin2, *sup, *inv; /* admin1, admin2, sup1, inv1: Test Constabulary */
	char inv_id[64], opcc_org[64], force_org[64]; /* force_org: Test Constabulary */
	char today[16], later[16];
	int seq;     /* makes names unique */
	int area_in; /* whether the force is in the Commissioner's area now */
} world;

/* One request, ready to send: by whom, where, with what. */
typedef struct write_req {
	client *as;  /* the sender; signed out for public paths */
	client *own; /* a client made for this request alone (freed with it), or NULL */
	char path[256];
	char body[1024];
	int csv;              /* the body is a CSV file */
	int form;             /* the body is an HTML form (application/x-www-form-urlencoded) */
	int multipart;        /* the body is multipart/form-data with the boundary wmSweep */
	char if_match[32];    /* "If-Match: ..." with the version the sender read, or "" */
	char purpose[96];     /* "X-Purpose: ..." for a read that reveals, or "" */
	char totp_secret[64]; /* a second-factor code is computed at each send into body's {code} */
} write_req;

typedef struct write_path {
	const char *method, *path; /* as the OpenAPI document names them */
	/* Sets up what the path needs and writes the request that then
	 * succeeds. Returns 0, or -1 having said why on standard error. */
	int (*prepare)(world *w, write_req *r);
	int representative; /* swept by make test: 1 its database calls, 3 its allocations too */
	int costly;         /* each request hashes a password: make test samples it */
} write_path;

extern const write_path write_paths[];
extern const size_t nwrite_paths;

/* Starts the server on a new database with the accounts the paths use,
 * signed in. Returns 0 or -1. */
int world_setup(world *w);
void world_teardown(world *w);
void write_req_free(write_req *r);
/* The request's body for this send: {code} becomes the second-factor code
 * of now. Writes into out. */
void write_req_body(const write_req *r, char *out, size_t n);

#endif
