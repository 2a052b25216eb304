/* waymark serve: the API and the web UI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/person_names.h"
#include "cli/cli.h"
#include "http/http.h"
#include "store/pool.h"

/* The installed web folder: PREFIX/share/waymark/web beside PREFIX/bin/waymark. */
static void installed_web_dir(char *out, size_t n)
{
	char exe[2048];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0) {
		snprintf(out, n, "/usr/local/share/waymark/web");
		return;
	}
	exe[len] = '\0';
	for (int up = 0; up < 2; up++) {
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
	}
	snprintf(out, n, "%s/share/waymark/web", exe);
}

static const char USAGE[] =
	"usage: waymark serve [--listen HOST:PORT] [--db URL] [--threads N]\n"
	"                     [--static DIR] [--tls-cert FILE --tls-key FILE]\n"
	"                     [--busy-timeout-ms N] [--key-file FILE]\n"
	"Serves the JSON API under /api/v1/ and the web UI. Default listen address\n"
	"127.0.0.1:8080. One JSON log line per request on standard error. SIGTERM\n"
	"finishes requests in flight and closes the database.\n"
	"Environment: WAYMARK_DB, WAYMARK_LISTEN, WAYMARK_THREADS, WAYMARK_STATIC,\n"
	"WAYMARK_TLS_CERT, WAYMARK_TLS_KEY, WAYMARK_BUSY_TIMEOUT_MS, WAYMARK_KEY_FILE.\n";

/* Splits "host:port" or "[v6]:port". Returns 0, or -1 when malformed. */
static int parse_listen(const char *s, char *host, size_t hostlen, int *port)
{
	const char *colon;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return -1;
		snprintf(host, hostlen, "%.*s", (int)(close - s - 1), s + 1);
		colon = close + 1;
	} else {
		colon = strrchr(s, ':');
		if (!colon || colon == s)
			return -1;
		snprintf(host, hostlen, "%.*s", (int)(colon - s), s);
	}
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p < 0 || p > 65535 || colon[1] == '\0')
		return -1;
	*port = (int)p;
	return 0;
}

static int positive(const char *s, long max, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < 1 || v > max)
		return -1;
	*out = v;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	const char *url = NULL, *listen = NULL, *threads = NULL, *static_dir = NULL,
		   *cert = NULL, *key = NULL, *busy = NULL, *key_file = NULL;
	cli_opt opts[] = {
		{"--db", 1, &url, NULL, NULL},
		{"--listen", 1, &listen, NULL, "WAYMARK_LISTEN"},
		{"--threads", 1, &threads, NULL, "WAYMARK_THREADS"},
		{"--static", 1, &static_dir, NULL, "WAYMARK_STATIC"},
		{"--tls-cert", 1, &cert, NULL, "WAYMARK_TLS_CERT"},
		{"--tls-key", 1, &key, NULL, "WAYMARK_TLS_KEY"},
		{"--busy-timeout-ms", 1, &busy, NULL, "WAYMARK_BUSY_TIMEOUT_MS"},
		{"--key-file", 1, &key_file, NULL, NULL},
	};
	int p = cli_parse("serve", USAGE, argc, argv, 2, opts, sizeof opts / sizeof opts[0]);
	if (p)
		return p > 0 ? 0 : EXIT_USAGE;
	char host[256];
	int port;
	if (parse_listen(listen ? listen : "127.0.0.1:8080", host, sizeof host, &port) != 0) {
		cli_error("serve", "--listen must be HOST:PORT, such as 127.0.0.1:8080");
		return EXIT_USAGE;
	}
	long nthreads = 4, busy_ms = 5000;
	if (threads && positive(threads, 256, &nthreads) != 0) {
		cli_error("serve", "--threads must be a whole number from 1 to 256");
		return EXIT_USAGE;
	}
	if (busy && positive(busy, 600000, &busy_ms) != 0) {
		cli_error("serve", "--busy-timeout-ms must be a whole number from 1 to 600000");
		return EXIT_USAGE;
	}
	if (!cert != !key) {
		cli_error("serve", "--tls-cert and --tls-key go together");
		return EXIT_USAGE;
	}
	struct stat st;
	char installed[4096];
	if (!static_dir) {
		installed_web_dir(installed, sizeof installed);
		static_dir = stat("build/web", &st) == 0 ? "build/web" : installed;
	}
	if (stat(static_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		cli_error("serve", "the web folder %s does not exist (build it with make, or set "
				   "--static)",
			  static_dir);
		return EXIT_USAGE;
	}
	const char *db_url = cli_db_url(url);
	db *check = cli_db_open("serve", db_url, 1);
	if (!check)
		return 1;
	static seal_key seal;
	int key_ok = cli_key_open("serve", key_file, check, 0, &seal);
	int reindexed = 0;
	/* People stored under older name rules are re-indexed before serving. */
	if (key_ok == 0 && person_names_reindex(check, &reindexed) != DB_OK) {
		cli_error("serve", "cannot rebuild the name index: %s", db_errmsg(check));
		key_ok = -1;
	}
	if (reindexed)
		fprintf(stderr, "waymark serve: name index rebuilt for %d people\n", reindexed);
	db_close(check);
	if (key_ok != 0)
		return 1;

	api_options aopt = {.cookie_secure = cert != NULL, .seal = &seal};
	if (api_init(&aopt) != 0) {
		cli_error("serve", "cannot prepare the sign-in service (out of memory)");
		return 1;
	}
	store_pool_init(db_url, (int)busy_ms);
	http_config cfg = {
		.host = host,
		.port = port,
		.threads = (int)nthreads,
		.static_dir = static_dir,
		.tls_cert_file = cert,
		.tls_key_file = key,
		.routes = api_routes,
		.nroutes = api_nroutes,
		.before = api_before,
		.after = api_after,
	};
	int rc = http_serve(&cfg);
	store_pool_close_all();
	api_cleanup();
	seal_key_wipe(&seal);
	return rc == 0 ? 0 : 1;
}
