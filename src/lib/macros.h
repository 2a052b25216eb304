/* Whether an Office document carries macros, found by the parts it
 * holds: a Word, Excel or PowerPoint file of the zip kind (OOXML) keeps
 * its VBA project in a part named vbaProject.bin (word/vbaProject.bin in
 * a .docm), which the plain .docx kind never has. Waymark does not keep
 * documents that carry macros. (The older OLE2 kind, .doc, is left to
 * ClamAV's macro heuristic: see scan.c.) */
#ifndef WAYMARK_LIB_MACROS_H
#define WAYMARK_LIB_MACROS_H

/* Reads the zip directory of the file open on fd (with pread: the offset
 * is left alone). Returns 1 when it names a VBA project part, 0 when it
 * does not or the file is no zip, -1 when the file cannot be read or its
 * directory is too large to read (over 16 MiB). */
int macros_in_zip(int fd);

#endif
