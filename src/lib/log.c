#include "lib/log.h"

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/clock.h"

void log_line(const char *line)
{
	buf b;
	buf_init(&b);
	buf_puts(&b, line);
	buf_append(&b, "\n", 1);
	if (!b.failed) {
		ssize_t w = write(STDERR_FILENO, b.data, b.len);
		(void)w;
	}
	buf_free(&b);
}

void log_msg(const char *level, const char *fmt, ...)
{
	char ts[CLOCK_ISO_LEN];
	clock_now_iso(ts);
	buf msg, line;
	buf_init(&msg);
	buf_init(&line);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	buf_printf(&line, "{\"ts\":\"%s\",\"level\":\"", ts);
	buf_json_escape(&line, level);
	buf_puts(&line, "\",\"msg\":\"");
	buf_json_escape(&line, buf_str(&msg));
	buf_puts(&line, "\"}");
	log_line(buf_str(&line));
	buf_free(&msg);
	buf_free(&line);
}
