#include "api/client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "support/engines.h"

const char *test_engine_name(void)
{
	const char *e = getenv("WAYMARK_TEST_ENGINE");
	return e && *e ? e : "sqlite";
}

static const char *bin(void)
{
	const char *b = getenv("WAYMARK_BIN");
	return b && *b ? b : "build/waymark";
}

static int free_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return ntohs(a.sin_port);
}

/* Runs the binary with args; stdin from text; stdout into out. */
/* Runs the binary with args and stdin_text, capturing the output of fd (1
 * or 2) into out. */
static int spawn_wait(const char *key_path, const char *stdin_text, int fd, char *out, size_t outlen,
		      const char *const *args)
{
	int in[2], o[2];
	if (pipe(in) != 0 || pipe(o) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		if (key_path && key_path[0])
			setenv("WAYMARK_KEY_FILE", key_path, 1);
		/* The command line uses the server's documents folder, as an
		 * installation's configuration gives both the same one. */
		size_t k = key_path ? strlen(key_path) : 0;
		if (k > 4 && strcmp(key_path + k - 4, ".key") == 0) {
			char documents[600];
			snprintf(documents, sizeof documents, "%.*s.documents", (int)(k - 4), key_path);
			setenv("WAYMARK_DOCUMENTS", documents, 0);
		}
		dup2(in[0], 0);
		dup2(o[1], fd);
		close(in[1]);
		close(o[0]);
		const char *argv[32];
		int n = 0;
		argv[n++] = bin();
		for (int i = 0; args[i] && n < 31; i++)
			argv[n++] = args[i];
		argv[n] = NULL;
		execv(bin(), (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(o[1]);
	if (stdin_text) {
		ssize_t w = write(in[1], stdin_text, strlen(stdin_text));
		(void)w;
	}
	close(in[1]);
	size_t at = 0;
	char chunk[4096];
	ssize_t n;
	while ((n = read(o[0], chunk, sizeof chunk)) > 0) {
		if (out && at + 1 < outlen) {
			size_t take = (size_t)n < outlen - 1 - at ? (size_t)n : outlen - 1 - at;
			memcpy(out + at, chunk, take);
			at += take;
		}
	}
	if (out && outlen)
		out[at] = '\0';
	close(o[0]);
	int status;
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Runs `waymark ARGS... --db URL` against the server's database, capturing fd. */
static int run_on(server *s, const char *stdin_text, int fd, char *out, size_t outlen, const char *const *args)
{
	const char *full[32];
	int n = 0;
	for (int i = 0; args[i] && n < 29; i++)
		full[n++] = args[i];
	full[n++] = "--db";
	full[n++] = s->db_url;
	full[n] = NULL;
	return spawn_wait(s->key_path, stdin_text, fd, out, outlen, full);
}

int run_waymark(server *s, const char *stdin_text, char *out, size_t outlen,
		const char *const *args)
{
	return run_on(s, stdin_text, 1, out, outlen, args);
}

int run_waymark_errors(server *s, const char *stdin_text, char *err, size_t errlen, const char *const *args)
{
	return run_on(s, stdin_text, 2, err, errlen, args);
}

/* Adds an account to org, made (when new) with the extra options given. */
static int add_org_user(server *s, const char *name, const char *role, const char *org, const char *opt,
			const char *value)
{
	const char *args[] = {"user", "add", "--username", name, "--role", role, "--org", org, opt, value, NULL};
	return run_waymark(s, TEST_PASSWORD "\n", NULL, 0, args);
}

int server_second_factor_off(server *s, const char *org)
{
	const char *args[] = {"settings", "set", "--org", org, "--second-factor-roles", "none", NULL};
	char out[256];
	return run_waymark(s, NULL, out, sizeof out, args);
}

int server_add_account(server *s, const char *username, const char *role, const char *org,
		       const char *team)
{
	const char *args[] = {"user", "add", "--username", username, "--role", role, "--org", org,
			      team ? "--team" : NULL, team, NULL};
	return run_waymark(s, TEST_PASSWORD "\n", NULL, 0, args);
}

static int add_user(server *s, const char *name, const char *role, const char *team)
{
	return server_add_account(s, name, role, "Test Constabulary", team);
}

/* The key file's path beside the database. */
static void key_path_for(server *s)
{
	const char *name = strrchr(s->db_url, '/');
	snprintf(s->key_path, sizeof s->key_path, "%s/%s.key", test_tmpdir(), name ? name + 1 : "x");
}

/* The accounts every suite signs in with, made through the command line
 * as an administrator would. */
int server_prepare_own(server *s)
{
	memset(s, 0, sizeof *s);
	if (test_db_create(test_engine_name(), s->db_url, sizeof s->db_url) != 0)
		return -1;
	key_path_for(s);
	const char *init[] = {"init", NULL};
	if (run_waymark(s, NULL, NULL, 0, init) != 0)
		return -1;
	if (add_user(s, "admin1", "admin", NULL) || add_user(s, "sup1", "supervisor", "EMT") ||
	    add_user(s, "inv1", "investigator", "EMT") ||
	    add_user(s, "inv2", "investigator", "CID") || add_user(s, "aud1", "auditor", NULL) ||
	    add_user(s, "rm1", "records_manager", NULL) ||
	    add_org_user(s, "opcc1", "opcc", TEST_OPCC, "--area", "Test Constabulary") ||
	    add_org_user(s, "part1", "partner", "Hope Support Services", "--host", "Test Constabulary"))
		return -1;
	/* The suites sign in with passwords alone; one test keeps the default. */
	const char *orgs[] = {"Test Constabulary", TEST_OPCC, "Hope Support Services"};
	for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++)
		if (server_second_factor_off(s, orgs[i]) != 0)
			return -1;
	return 0;
}

/* Copies the file at from to to, mode 0600 (the key file). */
static int copy_key(const char *from, const char *to)
{
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600);
	char b[256];
	ssize_t n = in < 0 ? -1 : read(in, b, sizeof b);
	int rc = in >= 0 && out >= 0 && n > 0 && write(out, b, (size_t)n) == n ? 0 : -1;
	if (in >= 0)
		close(in);
	if (out >= 0 && close(out) != 0)
		rc = -1;
	return rc;
}

int server_prepare(server *s)
{
	/* The accounts are made once for the program, into a template; each
	 * server starts from a copy of it (and of its key): eleven runs of the
	 * command line for every test cost more than most tests. */
	static server tmpl;
	static int made;
	if (!made) {
		memset(&tmpl, 0, sizeof tmpl);
		if (server_prepare_own(&tmpl) != 0)
			return -1;
		made = 1;
	}
	memset(s, 0, sizeof *s);
	if (test_db_copy(test_engine_name(), tmpl.db_url, s->db_url, sizeof s->db_url) != 0)
		return -1;
	key_path_for(s);
	return copy_key(tmpl.key_path, s->key_path);
}

static int healthy(server *s)
{
	client *c = client_new(s);
	resp *r = client_req(c, "GET", "/healthz", NULL, NULL);
	int ok = r->status == 200;
	resp_free(r);
	client_free(c);
	return ok;
}

void server_documents_dir(const server *s, char *out, size_t n)
{
	size_t k = strlen(s->key_path);
	if (k > 4 && strcmp(s->key_path + k - 4, ".key") == 0)
		snprintf(out, n, "%.*s.documents", (int)(k - 4), s->key_path);
	else
		snprintf(out, n, "%s", "");
}

int server_launch(server *s, const char *const *extra_args)
{
	s->port = free_port();
	s->exit_status = 0;
	if (s->port < 0)
		return -1;
	int tls = 0;
	for (int i = 0; extra_args && extra_args[i]; i++)
		tls |= strcmp(extra_args[i], "--tls-cert") == 0;
	snprintf(s->base, sizeof s->base, "%s://127.0.0.1:%d", tls ? "https" : "http", s->port);
	const char *dir = test_tmpdir();
	snprintf(s->log_path, sizeof s->log_path, "%s/server-%d.log", dir, s->port);
	char listen[64];
	snprintf(listen, sizeof listen, "127.0.0.1:%d", s->port);
	s->pid = fork();
	if (s->pid == 0) {
		if (s->key_path[0])
			setenv("WAYMARK_KEY_FILE", s->key_path, 1);
		char documents[600];
		server_documents_dir(s, documents, sizeof documents);
		if (documents[0])
			setenv("WAYMARK_DOCUMENTS", documents, 0);
		int fd = open(s->log_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 2);
			dup2(fd, 1);
		}
		const char *argv[32];
		int n = 0;
		argv[n++] = bin();
		argv[n++] = "serve";
		argv[n++] = "--listen";
		argv[n++] = listen;
		argv[n++] = "--db";
		argv[n++] = s->db_url;
		argv[n++] = "--static";
		argv[n++] = "build/web";
		for (int i = 0; extra_args && extra_args[i] && n < 31; i++)
			argv[n++] = extra_args[i];
		argv[n] = NULL;
		execv(bin(), (char *const *)argv);
		_exit(127);
	}
	for (int i = 0; i < 300; i++) {
		if (healthy(s))
			return 0;
		int status;
		if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
			s->pid = 0;
			s->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			return -1;
		}
		struct timespec ts = {0, 20 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	return -1;
}

int server_launch_beside(server *b, const server *a, const char *const *extra_args)
{
	*b = *a;
	b->pid = 0;
	return server_launch(b, extra_args);
}

int server_start(server *s, const char *const *extra_args)
{
	if (server_prepare(s) != 0)
		return -1;
	return server_launch(s, extra_args);
}

int server_stop(server *s)
{
	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	int status;
	pid_t p = waitpid(s->pid, &status, 0);
	s->pid = 0;
	if (p < 0)
		return -1;
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (code != 0) {
		fprintf(stderr, "server exited with %d; its log:\n", code);
		FILE *f = fopen(s->log_path, "r");
		char line[1024];
		while (f && fgets(line, sizeof line, f))
			fputs(line, stderr);
		if (f)
			fclose(f);
	}
	return code;
}

client *client_new(server *s)
{
	client *c = calloc(1, sizeof *c);
	c->curl = curl_easy_init();
	c->srv = s;
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c->curl, CURLOPT_NOPROXY, "*");
	/* Test servers use a throwaway self-signed certificate on loopback. */
	curl_easy_setopt(c->curl, CURLOPT_SSL_VERIFYPEER, 0L);
	curl_easy_setopt(c->curl, CURLOPT_SSL_VERIFYHOST, 0L);
	return c;
}

client *client_new_from(server *s, const char *addr)
{
	client *c = client_new(s);
	char iface[64];
	snprintf(iface, sizeof iface, "host!%s", addr);
	if (curl_easy_setopt(c->curl, CURLOPT_INTERFACE, iface) != CURLE_OK) {
		fprintf(stderr, "cannot bind a client to %s\n", addr);
		abort();
	}
	return c;
}

void client_use(client *c, server *s)
{
	c->srv = s;
}

void client_free(client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->curl);
	free(c);
}

/* Appends len bytes at p to the NUL-terminated buffer *buf of *buflen bytes.
 * Returns len, or 0 (which stops the transfer) when memory runs out. */
static size_t append(char **buf, size_t *buflen, const char *p, size_t len)
{
	char *grown = realloc(*buf, *buflen + len + 1);
	if (!grown)
		return 0;
	memcpy(grown + *buflen, p, len);
	*buf = grown;
	*buflen += len;
	grown[*buflen] = '\0';
	return len;
}

static size_t on_body(char *p, size_t size, size_t n, void *arg)
{
	resp *r = arg;
	return append(&r->body, &r->len, p, size * n);
}

static size_t on_header(char *p, size_t size, size_t n, void *arg)
{
	resp *r = arg;
	return append(&r->headers, &r->hlen, p, size * n);
}

static resp *send_req(client *c, const char *method, const char *path, const char *body,
		      size_t len, int json, const char *const *headers)
{
	resp *r = calloc(1, sizeof *r);
	char url[1024];
	snprintf(url, sizeof url, "%s%s", c->srv->base, path);
	CURL *h = c->curl;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_NOBODY, strcmp(method, "HEAD") == 0 ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_HTTPGET, strcmp(method, "GET") == 0 ? 1L : 0L);
	if (body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	} else if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)0);
	}
	struct curl_slist *hl = NULL;
	hl = curl_slist_append(hl, "Expect:");
	if (json && body)
		hl = curl_slist_append(hl, "Content-Type: application/json");
	else if (body)
		hl = curl_slist_append(hl, "Content-Type:");
	int has_csrf = 0;
	for (int i = 0; headers && headers[i]; i++) {
		hl = curl_slist_append(hl, headers[i]);
		if (strncasecmp(headers[i], "X-CSRF-Token", 12) == 0)
			has_csrf = 1;
	}
	if (c->csrf[0] && !has_csrf) {
		char hdr[96];
		snprintf(hdr, sizeof hdr, "X-CSRF-Token: %s", c->csrf);
		hl = curl_slist_append(hl, hdr);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, r);
	CURLcode rc = curl_easy_perform(h);
	curl_slist_free_all(hl);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
	if (rc != CURLE_OK) {
		r->status = -1;
		return r;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	if (r->body)
		r->json = json_loads(r->body, 0, NULL);
	return r;
}

resp *client_req(client *c, const char *method, const char *path, const char *body,
		 const char *const *headers)
{
	return send_req(c, method, path, body, body ? strlen(body) : 0, 1, headers);
}

resp *client_raw(client *c, const char *method, const char *path, const char *body, size_t len,
		 const char *const *headers)
{
	return send_req(c, method, path, body, len, 0, headers);
}

long client_login(client *c, const char *username, const char *password)
{
	json_t *b = json_pack("{s:s, s:s}", "username", username, "password", password);
	char *text = json_dumps(b, 0);
	json_decref(b);
	resp *r = client_req(c, "POST", "/api/v1/session", text, NULL);
	free(text);
	long status = r->status;
	if (status == 201 && r->json)
		snprintf(c->csrf, sizeof c->csrf, "%s",
			 json_string_value(json_object_get(r->json, "csrf_token")));
	resp_free(r);
	return status;
}

const char *resp_header(resp *r, const char *name)
{
	static _Thread_local char value[1024];
	size_t n = strlen(name);
	for (const char *p = r->headers; p && *p;) {
		const char *eol = strstr(p, "\r\n");
		size_t linelen = eol ? (size_t)(eol - p) : strlen(p);
		if (linelen > n && p[n] == ':' && strncasecmp(p, name, n) == 0) {
			const char *v = p + n + 1;
			while (*v == ' ')
				v++;
			size_t vlen = linelen - (size_t)(v - p);
			snprintf(value, sizeof value, "%.*s", (int)vlen, v);
			return value;
		}
		if (!eol)
			break;
		p = eol + 2;
	}
	return NULL;
}

void resp_free(resp *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->headers);
	json_decref(r->json);
	free(r);
}

void client_session_headers(client *c, char *out, size_t outlen)
{
	out[0] = '\0';
	struct curl_slist *cookies = NULL;
	if (curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &cookies) != CURLE_OK)
		return;
	/* Netscape format: the name and value are the last two fields. */
	for (struct curl_slist *l = cookies; l; l = l->next) {
		const char *value = strrchr(l->data, '\t');
		const char *name = value;
		while (name && name > l->data && name[-1] != '\t')
			name--;
		if (value && strncmp(name, "wm_session\t", 11) == 0)
			snprintf(out, outlen, "Cookie: wm_session=%s\r\nX-CSRF-Token: %s\r\n", value + 1,
				 c->csrf);
	}
	curl_slist_free_all(cookies);
}
