/* A file's media type, decided from its content with libmagic, never from
 * its name or from what the client said it was. */
#ifndef WAYMARK_LIB_SNIFF_H
#define WAYMARK_LIB_SNIFF_H

#include <stddef.h>

#define SNIFF_TYPE_MAX 128

/* Loads libmagic's database once for the process (call before threads
 * start). Returns 0, or -1 with a message in err. */
int sniff_init(char *err, size_t errlen);
/* The media type of the file open on fd (read from offset 0 with pread,
 * so the offset is left alone), lower case and without parameters, e.g.
 * "application/pdf", in type. Safe from any thread. Returns 0, or -1 when
 * the file cannot be read or libmagic fails. */
int sniff_fd(int fd, char type[SNIFF_TYPE_MAX]);
/* Frees what sniff_init loaded. */
void sniff_end(void);

#endif
