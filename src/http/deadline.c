#include "http/deadline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "lib/clock.h"
#include "lib/log.h"

/* An upload that keeps arriving at this rate, measured over each window,
 * has its deadline moved on by a window each time, up to the cap. */
#define UPLOAD_RATE_BPS (64 * 1024)
#define UPLOAD_WINDOW_US (10 * 1000000LL)
#define UPLOAD_CAP_US (30 * 60 * 1000000LL)

struct deadline_conn {
	deadline_conn *prev, *next;
	int fd;
	int shut;                /* the watcher shut it: never again */
	_Atomic int64_t due_from; /* monotonic µs the request became due from; 0 while answering */
	_Atomic int upload;       /* the request is an upload (deadline_upload) */
	_Atomic int64_t received; /* bytes of its body so far */
	/* The watcher's own: the request these are for (its due_from), when it
	 * is due, and the window being measured. */
	int64_t for_from, due_at, window_from, window_bytes;
	char remote[48];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static pthread_t watcher;
static int running, stopping;
static int64_t limit_us;
static deadline_conn *conns; /* guarded by lock */

/* The window an upload's rate is measured over: 10 s, or a quarter of the
 * deadline when that is shorter, so that a short deadline still sees
 * several windows. */
static int64_t window_us(void)
{
	return limit_us / 4 < UPLOAD_WINDOW_US ? limit_us / 4 : UPLOAD_WINDOW_US;
}

/* When c's request is due, measuring an upload's rate as it goes: an
 * upload that sent at least UPLOAD_RATE_BPS over the window just ended is
 * given another window beyond it, never past UPLOAD_CAP_US (or the
 * deadline, when that is longer). Called with lock held. */
static int64_t due_at(deadline_conn *c, int64_t from, int64_t now)
{
	if (c->for_from != from) {
		c->for_from = from;
		c->due_at = from + limit_us;
		c->window_from = from;
		c->window_bytes = 0;
	}
	int64_t w = window_us();
	if (!atomic_load(&c->upload) || now - c->window_from < w)
		return c->due_at;
	int64_t got = atomic_load(&c->received);
	int64_t bytes = got - c->window_bytes, took = now - c->window_from;
	if (bytes >= UPLOAD_RATE_BPS * (took / 1000000.0)) {
		int64_t cap = from + (limit_us > UPLOAD_CAP_US ? limit_us : UPLOAD_CAP_US);
		int64_t next = now + w < cap ? now + w : cap;
		if (next > c->due_at)
			c->due_at = next;
	}
	c->window_from = now;
	c->window_bytes = got;
	return c->due_at;
}

/* Shuts every connection whose request is overdue. Called with lock held. */
static void sweep(int64_t now)
{
	for (deadline_conn *c = conns; c; c = c->next) {
		int64_t from = atomic_load(&c->due_from);
		if (c->shut || from == 0 || now <= due_at(c, from, now))
			continue;
		shutdown(c->fd, SHUT_RDWR);
		c->shut = 1;
		if (atomic_load(&c->upload))
			log_msg("warn",
			        "http: closed a connection from %s whose upload fell below %d KiB/s "
			        "after %lld s",
			        c->remote, UPLOAD_RATE_BPS / 1024, (long long)((now - from) / 1000000));
		else
			log_msg("warn", "http: closed a connection from %s that did not send a whole "
			                "request within %lld s",
			        c->remote, (long long)(limit_us / 1000000));
	}
}

static void *watch(void *arg)
{
	(void)arg;
	/* A tenth of the deadline, at most a quarter of a second, at least 20 ms. */
	int64_t tick_us = limit_us / 10;
	if (tick_us > 250000)
		tick_us = 250000;
	if (tick_us < 20000)
		tick_us = 20000;
	pthread_mutex_lock(&lock);
	while (!stopping) {
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		int64_t ns = (int64_t)ts.tv_nsec + tick_us * 1000;
		ts.tv_sec += (time_t)(ns / 1000000000);
		ts.tv_nsec = (long)(ns % 1000000000);
		pthread_cond_timedwait(&wake, &lock, &ts);
		if (!stopping)
			sweep(clock_mono_us());
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

int deadline_start(unsigned seconds)
{
	pthread_condattr_t attr;
	if (pthread_condattr_init(&attr) != 0)
		return -1;
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	int rc = pthread_cond_init(&wake, &attr);
	pthread_condattr_destroy(&attr);
	if (rc != 0)
		return -1;
	limit_us = (int64_t)seconds * 1000000;
	stopping = 0;
	if (pthread_create(&watcher, NULL, watch, NULL) != 0) {
		pthread_cond_destroy(&wake);
		return -1;
	}
	running = 1;
	return 0;
}

void deadline_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stopping = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(watcher, NULL);
	pthread_cond_destroy(&wake);
	running = 0;
}

deadline_conn *deadline_open(int fd, const char *remote)
{
	deadline_conn *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->fd = fd;
	snprintf(c->remote, sizeof c->remote, "%s", remote ? remote : "");
	atomic_store(&c->due_from, clock_mono_us());
	pthread_mutex_lock(&lock);
	c->next = conns;
	if (conns)
		conns->prev = c;
	conns = c;
	pthread_mutex_unlock(&lock);
	return c;
}

void deadline_answering(deadline_conn *c)
{
	if (c)
		atomic_store(&c->due_from, 0);
}

void deadline_waiting(deadline_conn *c)
{
	if (!c)
		return;
	atomic_store(&c->upload, 0);
	atomic_store(&c->received, 0);
	atomic_store(&c->due_from, clock_mono_us());
}

void deadline_upload(deadline_conn *c)
{
	if (c)
		atomic_store(&c->upload, 1);
}

void deadline_received(deadline_conn *c, size_t n)
{
	if (c)
		atomic_fetch_add(&c->received, (int64_t)n);
}

void deadline_close(deadline_conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&lock);
	free(c);
}
