/* Log lines on standard error: one JSON object a line. */
#ifndef WAYMARK_LIB_LOG_H
#define WAYMARK_LIB_LOG_H

/* Writes a complete line (a newline is added) in one write, so lines from
 * several threads never interleave. Can't fail; a failed write is dropped. */
void log_line(const char *line);
/* Writes {"ts":..,"level":..,"msg":..} with msg formatted like printf. */
void log_msg(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
