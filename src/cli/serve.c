/* waymark serve: the API and the web UI. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/person_names.h"
#include "cli/cli.h"
#include "domain/credentials.h"
#include "domain/metrics.h"
#include "http/http.h"
#include "lib/images.h"
#include "lib/log.h"
#include "lib/pwquality.h"
#include "lib/scan.h"
#include "lib/sniff.h"
#include "store/blobs.h"
#include "store/pool.h"

/* The installed folder PREFIX/share/waymark/NAME beside PREFIX/bin/waymark. */
static void installed_dir(const char *name, char *out, size_t n)
{
	char exe[2048];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len <= 0) {
		snprintf(out, n, "/usr/local/share/waymark/%s", name);
		return;
	}
	exe[len] = '\0';
	for (int up = 0; up < 2; up++) {
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
	}
	snprintf(out, n, "%s/share/waymark/%s", exe, name);
}

/* Whether dir holds ClamAV's main and daily databases (.cvd or .cld). */
static int clamav_full(const char *dir)
{
	static const char *const names[] = {"main.cvd", "main.cld", "daily.cvd", "daily.cld"};
	int found[2] = {0, 0};
	for (int i = 0; i < 4; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0)
			found[i / 2] = 1;
	}
	return found[0] && found[1];
}

/* The signature folder: --signatures, else ClamAV's own when it holds the
 * full databases, else the project's test set (dist/clamav/ in a source
 * tree, PREFIX/share/waymark/clamav installed). */
static const char *signatures_dir(const char *given, char *out, size_t n)
{
	struct stat st;
	if (given)
		return given;
	if (clamav_full("/var/lib/clamav"))
		return "/var/lib/clamav";
	if (stat("dist/clamav", &st) == 0 && S_ISDIR(st.st_mode))
		return "dist/clamav";
	installed_dir("clamav", out, n);
	return out;
}

/* Loads what documents need before threads start: the media type
 * database, the virus scanner, libvips and the blob store. What cannot be
 * loaded is logged, and uploads then answer 503; the rest of the service
 * runs. Returns the scan state for /healthz. */
static const char *documents_open(const char *argv0, const char *docs, const char *sigs, const seal_key *seal,
				  blob_store **bs, scanner **sc)
{
	char err[512];
	*bs = NULL;
	*sc = NULL;
	if (sniff_init(err, sizeof err) != 0)
		log_msg("error", "documents: cannot load the media type database: %s", err);
	if (images_init(argv0, err, sizeof err) != 0)
		log_msg("error", "documents: cannot start libvips: %s", err);
	if (!docs)
		log_msg("error", "documents: no folder for document files (--documents): uploads and "
				 "downloads answer 503");
	else if (!(*bs = blobs_open(docs, seal, err, sizeof err)))
		log_msg("error", "documents: cannot open %s: %s", docs, err);
	*sc = scan_open(sigs, err, sizeof err);
	if (!*sc) {
		log_msg("error", "documents: cannot load virus signatures from %s: %s; uploads answer 503", sigs,
			err);
		return "unavailable";
	}
	if (!scan_full(*sc)) {
		log_msg("warn", "documents: scanning with %u test signatures from %s, not ClamAV's full "
				"database: install clamav-freshclam for real protection",
			scan_signatures(*sc), sigs);
		return "test signatures only";
	}
	log_msg("info", "documents: scanning with %u signatures from %s", scan_signatures(*sc), sigs);
	return NULL;
}

static const char USAGE[] =
	"usage: waymark serve [--listen HOST:PORT] [--db URL] [--threads N]\n"
	"                     [--static DIR] [--tls-cert FILE --tls-key FILE]\n"
	"                     [--busy-timeout-ms N] [--key-file FILE]\n"
	"                     [--max-connections-per-address N] [--idle-timeout SECONDS]\n"
	"                     [--request-timeout SECONDS] [--metrics-token-file FILE]\n"
	"                     [--trust-loopback-metrics yes|no] [--sign-in-limit N]\n"
	"                     [--trusted-proxy ADDR[,ADDR...]]...\n"
	"                     [--documents DIR] [--signatures DIR]\n"
	"Serves the JSON API under /api/v1/ and the web UI. Default listen address\n"
	"127.0.0.1:8080. One JSON log line per request on standard error. SIGTERM\n"
	"finishes requests in flight and closes the database.\n"
	"At most N connections from one address (default 64); a connection silent\n"
	"for the idle timeout (default 30) is closed, and so is one whose request\n"
	"has not arrived whole within the request timeout (default 60). /metrics\n"
	"answers a loopback peer (unless --trust-loopback-metrics no) or a request\n"
	"with 'Authorization: Bearer TOKEN', TOKEN being the token file's first line.\n"
	"--sign-in-limit: consecutive failed sign-ins after which an account accepts\n"
	"tries only from browsers that signed in to it before (1 to 100, default 100).\n"
	"--trusted-proxy: a load balancer's IP address (repeat it, or give a comma\n"
	"list, for up to 16). A request whose peer is one of them is taken to come\n"
	"from the last address in its X-Forwarded-For (the one the proxy appended),\n"
	"for sign-in limits, the audit and the log; an entry that is no address gets\n"
	"400. From any other peer the header is ignored.\n"
	"--documents: the folder of document files, kept encrypted (default: documents\n"
	"beside the SQLite file; a PostgreSQL installation must name one).\n"
	"--signatures: ClamAV's signature folder (default /var/lib/clamav when it holds\n"
	"the main and daily databases, else the project's test signatures).\n"
	"Environment: WAYMARK_DB, WAYMARK_LISTEN, WAYMARK_THREADS, WAYMARK_STATIC,\n"
	"WAYMARK_TLS_CERT, WAYMARK_TLS_KEY, WAYMARK_BUSY_TIMEOUT_MS, WAYMARK_KEY_FILE,\n"
	"WAYMARK_MAX_CONNECTIONS_PER_ADDRESS, WAYMARK_IDLE_TIMEOUT,\n"
	"WAYMARK_REQUEST_TIMEOUT, WAYMARK_METRICS_TOKEN_FILE,\n"
	"WAYMARK_TRUST_LOOPBACK_METRICS, WAYMARK_SIGN_IN_LIMIT,\n"
	"WAYMARK_TRUSTED_PROXIES (a comma list), WAYMARK_DOCUMENTS, WAYMARK_SIGNATURES.\n";

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

#define TRUSTED_PROXIES_MAX 16

/* The trusted proxies: each of given (n values, each an address or a comma
 * list of them), or, when none is given, the comma list in env (may be
 * NULL), split into out, at most TRUSTED_PROXIES_MAX; *nout gets how many.
 * The addresses are copied into store. Returns 0, or -1 after printing why. */
static int trusted_proxies(const char *const *given, size_t n, const char *env, char *store,
			   size_t store_len, const char **out, size_t *nout)
{
	*nout = 0;
	const char *from_env[1] = {env};
	if (n == 0 && env && *env) {
		given = from_env;
		n = 1;
	}
	size_t used = 0;
	for (size_t i = 0; i < n; i++) {
		const char *p = given[i];
		for (;;) {
			size_t len = strcspn(p, ",");
			char *addr = store + used;
			if (len >= store_len - used) {
				cli_error("serve", "--trusted-proxy: too long a list");
				return -1;
			}
			memcpy(addr, p, len);
			addr[len] = '\0';
			used += len + 1;
			unsigned char bin[16];
			if (inet_pton(AF_INET, addr, bin) != 1 && inet_pton(AF_INET6, addr, bin) != 1) {
				cli_error("serve",
					  "--trusted-proxy must be an IP address, such as 127.0.0.1 "
					  "or ::1, or a comma list of them; '%s' is not",
					  addr);
				return -1;
			}
			if (*nout == TRUSTED_PROXIES_MAX) {
				cli_error("serve", "--trusted-proxy: at most %d addresses",
					  TRUSTED_PROXIES_MAX);
				return -1;
			}
			out[(*nout)++] = addr;
			if (p[len] == '\0')
				break;
			p += len + 1;
		}
	}
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

/* Reads the metrics token: the first line of a regular file that only its
 * owner may read or write. Returns 0, or -1 after printing why. */
static int read_metrics_token(const char *path, char *out, size_t n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cli_error("serve", "cannot read the metrics token file %s: %s", path,
			  strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		cli_error("serve", "the metrics token file %s is not a regular file", path);
		return -1;
	}
	if (st.st_mode & 077) {
		close(fd);
		cli_error("serve",
			  "the metrics token file %s may be read or written by others; make it "
			  "private with: chmod 600 %s",
			  path, path);
		return -1;
	}
	ssize_t got = read(fd, out, n - 1);
	close(fd);
	out[got > 0 ? got : 0] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	if (!metrics_token_valid(out)) {
		sodium_memzero(out, n);
		cli_error("serve",
			  "the metrics token file %s must hold one line of %d to %d letters, "
			  "digits or - . _ ~ + / (such as the output of 'openssl rand -hex 32')",
			  path, METRICS_TOKEN_MIN, METRICS_TOKEN_MAX);
		return -1;
	}
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	const char *url = NULL, *listen = NULL, *threads = NULL, *static_dir = NULL,
		   *cert = NULL, *key = NULL, *busy = NULL, *key_file = NULL, *per_address = NULL,
		   *idle = NULL, *request = NULL, *token_file = NULL, *trust_loopback = NULL,
		   *limit = NULL, *documents = NULL, *signatures = NULL;
	cli_opt opts[] = {
		{"--db", 1, &url, NULL, NULL},
		{"--listen", 1, &listen, NULL, "WAYMARK_LISTEN"},
		{"--threads", 1, &threads, NULL, "WAYMARK_THREADS"},
		{"--static", 1, &static_dir, NULL, "WAYMARK_STATIC"},
		{"--tls-cert", 1, &cert, NULL, "WAYMARK_TLS_CERT"},
		{"--tls-key", 1, &key, NULL, "WAYMARK_TLS_KEY"},
		{"--busy-timeout-ms", 1, &busy, NULL, "WAYMARK_BUSY_TIMEOUT_MS"},
		{"--key-file", 1, &key_file, NULL, NULL},
		{"--max-connections-per-address", 1, &per_address, NULL,
		 "WAYMARK_MAX_CONNECTIONS_PER_ADDRESS"},
		{"--idle-timeout", 1, &idle, NULL, "WAYMARK_IDLE_TIMEOUT"},
		{"--request-timeout", 1, &request, NULL, "WAYMARK_REQUEST_TIMEOUT"},
		{"--metrics-token-file", 1, &token_file, NULL, "WAYMARK_METRICS_TOKEN_FILE"},
		{"--trust-loopback-metrics", 1, &trust_loopback, NULL,
		 "WAYMARK_TRUST_LOOPBACK_METRICS"},
		{"--sign-in-limit", 1, &limit, NULL, "WAYMARK_SIGN_IN_LIMIT"},
		{"--documents", 1, &documents, NULL, "WAYMARK_DOCUMENTS"},
		{"--signatures", 1, &signatures, NULL, "WAYMARK_SIGNATURES"},
	};
	/* --trusted-proxy repeats, so it is taken out before the other options are read. */
	const char *proxy_args[TRUSTED_PROXIES_MAX];
	size_t nproxy_args = 0;
	if (cli_take_repeated("serve", &argc, argv, 2, "--trusted-proxy", proxy_args,
			      TRUSTED_PROXIES_MAX, &nproxy_args) != 0)
		return EXIT_USAGE;
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
	long max_per_address = HTTP_PER_ADDRESS_MAX, idle_s = HTTP_IDLE_TIMEOUT_S,
	     request_s = HTTP_REQUEST_TIMEOUT_S;
	if (per_address && positive(per_address, HTTP_CONNECTIONS_MAX, &max_per_address) != 0) {
		cli_error("serve", "--max-connections-per-address must be a whole number from 1 "
				   "to %d",
			  HTTP_CONNECTIONS_MAX);
		return EXIT_USAGE;
	}
	if (idle && positive(idle, 3600, &idle_s) != 0) {
		cli_error("serve", "--idle-timeout must be a whole number of seconds from 1 to 3600");
		return EXIT_USAGE;
	}
	if (request && positive(request, 3600, &request_s) != 0) {
		cli_error("serve",
			  "--request-timeout must be a whole number of seconds from 1 to 3600");
		return EXIT_USAGE;
	}
	int trust = 1;
	if (trust_loopback && strcmp(trust_loopback, "yes") != 0) {
		if (strcmp(trust_loopback, "no") != 0) {
			cli_error("serve", "--trust-loopback-metrics must be yes or no");
			return EXIT_USAGE;
		}
		trust = 0;
	}
	long sign_in_limit = SIGN_IN_ACCOUNT_LIMIT;
	if (limit && positive(limit, SIGN_IN_ACCOUNT_LIMIT, &sign_in_limit) != 0) {
		cli_error("serve", "--sign-in-limit must be a whole number from 1 to %d",
			  SIGN_IN_ACCOUNT_LIMIT);
		return EXIT_USAGE;
	}
	static char proxy_store[TRUSTED_PROXIES_MAX * 48];
	const char *proxies[TRUSTED_PROXIES_MAX];
	size_t nproxies = 0;
	if (trusted_proxies(proxy_args, nproxy_args, getenv("WAYMARK_TRUSTED_PROXIES"), proxy_store,
			    sizeof proxy_store, proxies, &nproxies) != 0)
		return EXIT_USAGE;
	if (!cert != !key) {
		cli_error("serve", "--tls-cert and --tls-key go together");
		return EXIT_USAGE;
	}
	char token[METRICS_TOKEN_MAX + 2];
	if (token_file && read_metrics_token(token_file, token, sizeof token) != 0)
		return 1;
	api_metrics_access(token_file ? token : NULL, trust);
	sodium_memzero(token, sizeof token);
	struct stat st;
	char installed[4096];
	if (!static_dir) {
		installed_dir("web", installed, sizeof installed);
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

	/* Every new password is checked against the dictionary: without it none could be set. */
	char why[512];
	if (pwq_ready(why, sizeof why) != 0) {
		cli_error("serve", "%s", why);
		return 1;
	}
	api_options aopt = {.cookie_secure = cert != NULL, .seal = &seal,
			    .sign_in_limit = (int)sign_in_limit};
	if (api_init(&aopt) != 0) {
		cli_error("serve", "cannot prepare the sign-in service (out of memory)");
		return 1;
	}
	if (store_pool_init(db_url, (int)busy_ms) != 0) {
		api_cleanup();
		cli_error("serve", "cannot start: out of memory");
		return 1;
	}
	char docs_buf[4096], sigs_buf[4096];
	blob_store *bs;
	scanner *sc;
	api_health_scan(documents_open(argv[0], cli_documents_dir(documents, db_url, docs_buf, sizeof docs_buf),
				       signatures_dir(signatures, sigs_buf, sizeof sigs_buf), &seal, &bs, &sc));
	api_documents_setup(bs, sc);
	http_config cfg = {
		.host = host,
		.port = port,
		.threads = (int)nthreads,
		.static_dir = static_dir,
		.tls_cert_file = cert,
		.tls_key_file = key,
		.max_per_address = (unsigned)max_per_address,
		.idle_timeout_s = (unsigned)idle_s,
		.request_timeout_s = (unsigned)request_s,
		.trusted_proxies = proxies,
		.ntrusted_proxies = nproxies,
		.routes = api_routes,
		.nroutes = api_nroutes,
		.before = api_before,
		.after = api_after,
		.upload_limit = api_upload_limit,
		.upload_spool = api_upload_spool,
	};
	int rc = http_serve(&cfg);
	api_documents_setup(NULL, NULL);
	if (sc)
		scan_close(sc);
	if (bs)
		blobs_close(bs);
	images_end();
	sniff_end();
	store_pool_close_all();
	api_cleanup();
	seal_key_wipe(&seal);
	return rc == 0 ? 0 : 1;
}
