/* Virus scanning with libclamav, in process. The engine is loaded once from
 * a signature folder: in production ClamAV's own database, kept current by
 * freshclam; where none is present, the project's small test set
 * (dist/clamav/, the EICAR test file's signature), and the server says so. */
#ifndef WAYMARK_LIB_SCAN_H
#define WAYMARK_LIB_SCAN_H

#include <stddef.h>

typedef struct scanner scanner;

#define SCAN_NAME_MAX 128

/* Loads every signature file in dir. Returns the scanner, or NULL with a
 * message in err. Call before threads start; scanning is then thread-safe. */
scanner *scan_open(const char *dir, char *err, size_t errlen);
/* Scans the file open on fd. Returns 0 when clean, 1 when infected (the
 * signature's name in name), -1 when the scan itself failed (err says why:
 * the caller refuses the file, never keeps it unscanned). */
int scan_fd(scanner *s, int fd, char name[SCAN_NAME_MAX], char *err, size_t errlen);
/* Whether a full signature database (ClamAV's main and daily) was loaded,
 * and how many signatures. */
int scan_full(const scanner *s);
unsigned scan_signatures(const scanner *s);
void scan_close(scanner *s);

#endif
