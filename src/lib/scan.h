/* Virus scanning with libclamav, in process. The engine is loaded once from
 * a signature folder: in production ClamAV's own database, kept current by
 * freshclam; where none is present, the project's small test set
 * (dist/clamav/, the EICAR test file's signature), and the server says so. */
#ifndef WAYMARK_LIB_SCAN_H
#define WAYMARK_LIB_SCAN_H

#include <stddef.h>
#include <stdint.h>

typedef struct scanner scanner;

#define SCAN_NAME_MAX 128
/* The largest file the engine reads whole, and the most it reads of what
 * a file holds (an archive's members): at least the largest size limit
 * an administrator may set (DOCUMENT_LIMIT_MAX), so that no file the
 * server accepts is beyond the scanner. */
#define SCAN_MAX_BYTES (1024ll * 1024 * 1024)

/* What scan_fd found. */
enum {
	SCAN_FAILED = -1, /* the scan itself failed: err says why */
	SCAN_CLEAN = 0,
	SCAN_INFECTED = 1,  /* a signature matched: its name in name */
	SCAN_TOO_LARGE = 2, /* beyond the engine's limits, so not scanned whole */
	SCAN_MACROS = 3,    /* an Office document carrying macros (VBA) */
};

/* Loads every signature file in dir. Returns the scanner, or NULL with a
 * message in err. Call before threads start; scanning is then thread-safe. */
scanner *scan_open(const char *dir, char *err, size_t errlen);
/* Scans the file open on fd. Returns SCAN_CLEAN, SCAN_INFECTED (the
 * signature's name in name), SCAN_TOO_LARGE or SCAN_MACROS (the heuristic's
 * name in name), or SCAN_FAILED when the scan itself failed (err says why:
 * the caller refuses the file, never keeps it unscanned). */
int scan_fd(scanner *s, int fd, char name[SCAN_NAME_MAX], char *err, size_t errlen);
/* Sets how much the engine reads (SCAN_MAX_BYTES unless changed): a file
 * or its members larger than bytes are SCAN_TOO_LARGE. For tests. Returns
 * 0, or -1 when libclamav refuses the value. */
int scan_limit(scanner *s, long long bytes);
/* Whether a full signature database (ClamAV's main and daily) was loaded,
 * and how many signatures. */
int scan_full(const scanner *s);
unsigned scan_signatures(const scanner *s);
void scan_close(scanner *s);

#endif
