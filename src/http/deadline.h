/* Slow senders: each request must arrive whole within a deadline, counted
 * from when its connection became ready for it (opened, or the answer
 * before it sent). libmicrohttpd 0.9.75 only closes a connection that goes
 * quiet, so one that trickles a byte now and then would live for ever; a
 * watcher thread shuts the socket of any connection past the deadline and
 * libmicrohttpd then closes it as a client that went away. An upload may
 * take longer than the deadline while it keeps arriving at 64 KiB/s or
 * more (measured over each 10 s, or over a quarter of the deadline when
 * that is shorter), up to 30 minutes; one that falls below the rate is
 * shut once its time is up, as any slow sender is. */
#ifndef WAYMARK_HTTP_DEADLINE_H
#define WAYMARK_HTTP_DEADLINE_H

#include <stddef.h>

typedef struct deadline_conn deadline_conn;

/* Starts the watcher with the deadline in seconds. Returns 0, or -1 when
 * the thread cannot start. */
int deadline_start(unsigned seconds);
/* Stops the watcher and waits for it. Tracked connections stay tracked
 * until deadline_close. */
void deadline_stop(void);
/* Tracks a new connection on socket fd whose peer is remote (text, for the
 * log); its first request is due from now. Returns NULL when memory runs out. */
deadline_conn *deadline_open(int fd, const char *remote);
/* The request has arrived whole: no deadline while it is answered. */
void deadline_answering(deadline_conn *c);
/* The answer is done: the next request on the connection is due from now. */
void deadline_waiting(deadline_conn *c);
/* The request being read is an upload: its deadline moves on while its
 * body keeps arriving at the rate. c may be NULL. */
void deadline_upload(deadline_conn *c);
/* n more bytes of the request's body arrived. c may be NULL. */
void deadline_received(deadline_conn *c, size_t n);
/* Forgets a closing connection. Once it returns the watcher never touches
 * the socket again, so the caller may close it. c may be NULL. */
void deadline_close(deadline_conn *c);

#endif
