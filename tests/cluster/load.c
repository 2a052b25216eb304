/* The write load of scripts/cluster.sh check: clients that each sign in
 * through the load balancer and then make cases with titles of their own,
 * one after another, for a given time once all have signed in; halfway
 * through, one application server is killed with SIGKILL. Each attempt is written to the record
 * file as "STATUS<TAB>ID<TAB>TITLE" (STATUS 0 when no answer came, ID "-"
 * unless the case was made), and the counts are printed at the end.
 *
 *   load --url URL --username NAME --password-file FILE --clients N
 *        --seconds S --prefix P --out FILE [--kill PID]
 *
 * Exits 0 when the load ran (whatever the answers), 1 when it could not
 * (a client could not sign in), 2 on bad arguments. */
#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CLIENTS_MAX 64

typedef struct text {
	char *s;
	size_t len, cap;
} text;

static int text_add(text *t, const char *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 4096;
		while (cap < t->len + n + 1)
			cap *= 2;
		char *grown = realloc(t->s, cap);
		if (!grown)
			return -1;
		t->s = grown;
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
	t->s[t->len] = '\0';
	return 0;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	return text_add(arg, p, size * n) == 0 ? size * n : 0;
}

static const char *url, *username, *prefix;
static char password[256];
static double seconds;
static atomic_int killed;               /* 1 once the server is killed */
static pthread_barrier_t signed_in_all; /* the load starts when every client has tried */

typedef struct worker {
	int n;
	int signed_in;
	long sent, acknowledged, refused, failed, acknowledged_after_kill;
	text records;
} worker;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Sends body (JSON) to path; returns the status (0 for no answer) and
 * leaves the answer's body in out. */
static long post(CURL *h, const char *path, const char *body, struct curl_slist *headers, text *out)
{
	char full[512];
	snprintf(full, sizeof full, "%s%s", url, path);
	out->len = 0;
	if (out->s)
		out->s[0] = '\0';
	curl_easy_setopt(h, CURLOPT_URL, full);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	long status = 0;
	if (curl_easy_perform(h) != CURLE_OK)
		return 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	return status;
}

/* Signs in; copies the CSRF token into csrf. Tries again while the
 * address must wait (429) or the server is unreachable, for up to ten
 * seconds. Returns 0 or -1. */
static int sign_in(CURL *h, char *csrf, size_t n)
{
	json_t *creds = json_pack("{s:s, s:s}", "username", username, "password", password);
	char *body = json_dumps(creds, JSON_COMPACT);
	json_decref(creds);
	struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
	text out = {0};
	int rc = -1;
	for (int attempt = 0; attempt < 40 && rc != 0; attempt++) {
		long status = post(h, "/api/v1/session", body, headers, &out);
		if (status == 201) {
			json_t *j = json_loads(out.s ? out.s : "", 0, NULL);
			const char *t = json_string_value(json_object_get(j, "csrf_token"));
			if (t) {
				snprintf(csrf, n, "%s", t);
				rc = 0;
			}
			json_decref(j);
		} else if (status == 429 || status == 0 || status >= 500) {
			usleep(250000);
		} else {
			fprintf(stderr, "load: signing in answered %ld: %s\n", status,
			        out.s ? out.s : "");
			break;
		}
	}
	free(out.s);
	free(body);
	curl_slist_free_all(headers);
	return rc;
}

static void *run(void *arg)
{
	worker *w = arg;
	CURL *h = curl_easy_init();
	if (!h) {
		pthread_barrier_wait(&signed_in_all);
		return NULL;
	}
	curl_easy_setopt(h, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 15L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	char csrf[128], header[160];
	w->signed_in = sign_in(h, csrf, sizeof csrf) == 0;
	pthread_barrier_wait(&signed_in_all);
	if (!w->signed_in) {
		curl_easy_cleanup(h);
		return NULL;
	}
	/* A new connection for each write. On a kept-alive connection that
	 * closes with no answer, libcurl sends the request again by itself,
	 * whatever its method (as browsers do), and HAProxy closes the
	 * client's connection so when the server behind a reused connection
	 * dies: a write that server had made would be made twice, by the
	 * client. The check is of what the cluster does, so its client never
	 * resends. */
	curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L);
	snprintf(header, sizeof header, "X-CSRF-Token: %s", csrf);
	struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
	headers = curl_slist_append(headers, header);
	text out = {0};
	double end = now_s() + seconds;
	for (long seq = 1; now_s() < end; seq++) {
		char title[128], body[256];
		snprintf(title, sizeof title, "%s-%d-%ld", prefix, w->n, seq);
		snprintf(body, sizeof body,
		         "{\"title\":\"%s\",\"exploitation_types\":[\"labour\"]}", title);
		int after_kill = atomic_load(&killed);
		long status = post(h, "/api/v1/cases", body, headers, &out);
		w->sent++;
		const char *id = "-";
		json_t *j = NULL;
		if (status == 201) {
			j = json_loads(out.s ? out.s : "", 0, NULL);
			id = json_string_value(json_object_get(j, "id"));
			if (!id)
				id = "-";
		}
		if (status == 201 && id[0] != '-') {
			w->acknowledged++;
			w->acknowledged_after_kill += after_kill;
		} else if (status == 0) {
			w->failed++;
		} else {
			w->refused++;
		}
		char line[512];
		int len = snprintf(line, sizeof line, "%ld\t%s\t%s\n", status, id, title);
		text_add(&w->records, line, (size_t)len);
		json_decref(j);
	}
	free(out.s);
	curl_slist_free_all(headers);
	curl_easy_cleanup(h);
	return NULL;
}

static int read_password(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f || !fgets(password, sizeof password, f)) {
		if (f)
			fclose(f);
		fprintf(stderr, "load: cannot read the password from %s\n", path);
		return -1;
	}
	fclose(f);
	password[strcspn(password, "\r\n")] = '\0';
	return 0;
}

int main(int argc, char **argv)
{
	const char *password_file = NULL, *out_path = NULL;
	int clients = 4;
	pid_t victim = 0;
	seconds = 5;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--url") == 0)
			url = v;
		else if (strcmp(k, "--username") == 0)
			username = v;
		else if (strcmp(k, "--password-file") == 0)
			password_file = v;
		else if (strcmp(k, "--clients") == 0)
			clients = atoi(v);
		else if (strcmp(k, "--seconds") == 0)
			seconds = atof(v);
		else if (strcmp(k, "--prefix") == 0)
			prefix = v;
		else if (strcmp(k, "--out") == 0)
			out_path = v;
		else if (strcmp(k, "--kill") == 0)
			victim = (pid_t)atol(v);
		else {
			fprintf(stderr, "load: unknown option %s\n", k);
			return 2;
		}
	}
	if (!url || !username || !password_file || !prefix || !out_path || clients < 1 ||
	    clients > CLIENTS_MAX || seconds <= 0) {
		fprintf(stderr,
		        "usage: load --url URL --username NAME --password-file FILE "
		        "--clients 1..%d --seconds S --prefix P --out FILE [--kill PID]\n",
		        CLIENTS_MAX);
		return 2;
	}
	if (read_password(password_file) != 0)
		return 2;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	static worker w[CLIENTS_MAX];
	pthread_barrier_init(&signed_in_all, NULL, (unsigned)clients + 1);
	pthread_t t[CLIENTS_MAX];
	for (int i = 0; i < clients; i++) {
		w[i].n = i + 1;
		if (pthread_create(&t[i], NULL, run, &w[i]) != 0) {
			fprintf(stderr, "load: cannot start a client\n");
			return 1;
		}
	}
	/* Halfway through the load, one server goes, without warning. */
	pthread_barrier_wait(&signed_in_all);
	if (victim > 0) {
		usleep((useconds_t)(seconds * 500000.0));
		atomic_store(&killed, 1);
		if (kill(victim, SIGKILL) != 0)
			perror("load: kill");
		else
			fprintf(stderr, "load: killed %ld with SIGKILL\n", (long)victim);
	}
	long sent = 0, acknowledged = 0, refused = 0, failed = 0, after = 0;
	int signed_in = 0;
	FILE *out = fopen(out_path, "w");
	if (!out) {
		perror(out_path);
		return 1;
	}
	for (int i = 0; i < clients; i++) {
		pthread_join(t[i], NULL);
		signed_in += w[i].signed_in;
		sent += w[i].sent;
		acknowledged += w[i].acknowledged;
		refused += w[i].refused;
		failed += w[i].failed;
		after += w[i].acknowledged_after_kill;
		if (w[i].records.len)
			fwrite(w[i].records.s, 1, w[i].records.len, out);
		free(w[i].records.s);
	}
	fclose(out);
	curl_global_cleanup();
	printf("clients %d signed_in %d sent %ld acknowledged %ld refused %ld failed %ld "
	       "acknowledged_after_kill %ld\n",
	       clients, signed_in, sent, acknowledged, refused, failed, after);
	return signed_in == clients ? 0 : 1;
}
