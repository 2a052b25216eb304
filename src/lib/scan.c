#include "lib/scan.h"

#include <clamav.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/log.h"

struct scanner {
	struct cl_engine *engine;
	unsigned signatures;
	int full;
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static cl_error_t init_rc = CL_SUCCESS;
/* Set when libclamav reports an error on this thread: it answers "clean"
 * for a file it failed to read, so a scan during which it complained is
 * treated as a failed scan. */
static _Thread_local int scan_error;

/* libclamav's warnings and errors go to the server's log rather than
 * straight to standard error; its verbose chatter is dropped. */
static void on_message(enum cl_msg severity, const char *fullmsg, const char *msg, void *context)
{
	(void)fullmsg;
	(void)context;
	if (severity >= CL_MSG_ERROR)
		scan_error = 1;
	if (severity < CL_MSG_WARN || !msg)
		return;
	size_t n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		n--;
	log_msg(severity >= CL_MSG_ERROR ? "error" : "warn", "libclamav: %.*s", (int)n, msg);
}

/* The name libclamav gives a match, as its callback hears it: for a
 * heuristic (a file beyond the limits) cl_scandesc leaves its own answer
 * unnamed. */
static void on_found(int fd, const char *virname, void *context)
{
	(void)fd;
	char *name = context;
	if (name && virname && !name[0])
		snprintf(name, SCAN_NAME_MAX, "%s", virname);
}

static void init_once(void)
{
	cl_set_clcb_msg(on_message);
	init_rc = cl_init(CL_INIT_DEFAULT);
}

/* Whether dir holds a database in either of ClamAV's forms: name.cvd as
 * downloaded, or name.cld as freshclam keeps it after applying updates. */
static int has_database(const char *dir, const char *name)
{
	static const char *const forms[] = {"cvd", "cld"};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		char path[4096];
		struct stat st;
		int n = snprintf(path, sizeof path, "%s/%s.%s", dir, name, forms[i]);
		if (n > 0 && (size_t)n < sizeof path && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return 1;
	}
	return 0;
}

scanner *scan_open(const char *dir, char *err, size_t errlen)
{
	pthread_once(&once, init_once);
	if (init_rc != CL_SUCCESS) {
		snprintf(err, errlen, "libclamav cannot start: %s", cl_strerror(init_rc));
		return NULL;
	}
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "signature folder %s is missing or not a folder", dir);
		return NULL;
	}
	scanner *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory loading signatures");
		return NULL;
	}
	s->engine = cl_engine_new();
	if (!s->engine) {
		free(s);
		snprintf(err, errlen, "libclamav cannot make an engine");
		return NULL;
	}
	cl_engine_set_clcb_virus_found(s->engine, on_found);
	unsigned sigs = 0;
	/* Every file the server accepts is read whole (ClamAV's defaults stop
	 * at 100 MB, and a larger file would be "too large to scan"); an
	 * archive as deep and as many members as ClamAV's defaults allow. */
	cl_error_t rc = scan_limit(s, SCAN_MAX_BYTES) == 0 ? CL_SUCCESS : CL_EARG;
	if (rc == CL_SUCCESS)
		rc = cl_engine_set_num(s->engine, CL_ENGINE_MAX_RECURSION, 17);
	if (rc == CL_SUCCESS)
		rc = cl_engine_set_num(s->engine, CL_ENGINE_MAX_FILES, 10000);
	if (rc == CL_SUCCESS)
		rc = cl_load(dir, s->engine, &sigs, CL_DB_STDOPT);
	if (rc == CL_SUCCESS && sigs == 0)
		rc = CL_EMALFDB;
	if (rc == CL_SUCCESS)
		rc = cl_engine_compile(s->engine);
	if (rc != CL_SUCCESS) {
		snprintf(err, errlen, "cannot load virus signatures from %s: %s", dir,
		         sigs == 0 && rc == CL_EMALFDB ? "no signatures found" : cl_strerror(rc));
		scan_close(s);
		return NULL;
	}
	s->signatures = sigs;
	s->full = has_database(dir, "main") && has_database(dir, "daily");
	return s;
}

/* The names libclamav's heuristics give a file it could not scan whole
 * (Heuristics.Limits.Exceeded.MaxFileSize, ...) and one carrying VBA
 * macros (Heuristics.OLE2.ContainsMacros.VBA, ...). */
#define LIMITS_EXCEEDED "Heuristics.Limits.Exceeded"
#define HOLDS_MACROS "Heuristics.OLE2.ContainsMacros"

int scan_limit(scanner *s, long long bytes)
{
	return cl_engine_set_num(s->engine, CL_ENGINE_MAX_FILESIZE, bytes) == CL_SUCCESS &&
	               cl_engine_set_num(s->engine, CL_ENGINE_MAX_SCANSIZE, bytes) == CL_SUCCESS
	           ? 0
	           : -1;
}

int scan_fd(scanner *s, int fd, char name[SCAN_NAME_MAX], char *err, size_t errlen)
{
	name[0] = '\0';
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || (fl & O_ACCMODE) == O_WRONLY) {
		snprintf(err, errlen, "virus scan failed: the file cannot be read (%s)",
		         fl < 0 ? strerror(errno) : "opened for writing only");
		return -1;
	}
	/* Every parser on; heuristic alerts as clamscan gives them, a file too
	 * large or too deep to be scanned whole reported rather than passed as
	 * clean, and an Office document's VBA macros reported. */
	struct cl_scan_options opts = {
	    .general = CL_SCAN_GENERAL_HEURISTICS,
	    .parse = ~0u,
	    .heuristic = CL_SCAN_HEURISTIC_EXCEEDS_MAX | CL_SCAN_HEURISTIC_MACROS,
	};
	const char *virname = NULL;
	unsigned long scanned = 0;
	scan_error = 0;
	cl_error_t rc = cl_scandesc_callback(fd, NULL, &virname, &scanned, s->engine, &opts, name);
	if (rc == CL_CLEAN && scan_error) {
		snprintf(err, errlen,
		         "virus scan failed: libclamav reported an error (see the log)");
		return -1;
	}
	if (rc == CL_CLEAN)
		return 0;
	if (rc == CL_VIRUS) {
		if (virname)
			snprintf(name, SCAN_NAME_MAX, "%s", virname);
		else if (!name[0])
			snprintf(name, SCAN_NAME_MAX, "unnamed");
		if (strncmp(name, LIMITS_EXCEEDED, sizeof LIMITS_EXCEEDED - 1) == 0)
			return SCAN_TOO_LARGE;
		if (strncmp(name, HOLDS_MACROS, sizeof HOLDS_MACROS - 1) == 0)
			return SCAN_MACROS;
		return SCAN_INFECTED;
	}
	snprintf(err, errlen, "virus scan failed: %s", cl_strerror(rc));
	return -1;
}

int scan_full(const scanner *s)
{
	return s->full;
}

unsigned scan_signatures(const scanner *s)
{
	return s->signatures;
}

void scan_close(scanner *s)
{
	if (!s)
		return;
	if (s->engine)
		cl_engine_free(s->engine);
	free(s);
}
