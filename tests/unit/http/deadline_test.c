/* Slow senders: a connection whose request is overdue is shut; one being
 * answered, or closed, is left alone. */
#include "unit/test.h"

#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http/deadline.h"
#include "lib/clock.h"

/* Whether the peer of fd sees the connection end within ms. */
static int ended_within(int fd, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	if (poll(&p, 1, ms) != 1)
		return 0;
	char c;
	return read(fd, &c, 1) == 0;
}

static void test_an_overdue_request_is_shut_and_a_timely_one_is_not(void **state)
{
	(void)state;
	int late[2], answered[2], waiting[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, late), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, answered), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, waiting), 0);
	assert_int_equal(deadline_start(1), 0);
	int64_t t0 = clock_mono_us();
	deadline_conn *l = deadline_open(late[0], "192.0.2.1");
	deadline_conn *a = deadline_open(answered[0], "192.0.2.2");
	deadline_conn *w = deadline_open(waiting[0], "192.0.2.3");
	assert_non_null(l);
	assert_non_null(a);
	assert_non_null(w);
	deadline_answering(a);
	/* Half-way through, the third finishes one request and waits for the next. */
	struct timespec half = {0, 600 * 1000 * 1000};
	nanosleep(&half, NULL);
	deadline_answering(w);
	deadline_waiting(w);
	/* The late one is shut a little after the second has passed. */
	assert_true(ended_within(late[1], 3000));
	int64_t took = clock_mono_us() - t0;
	assert_true(took >= 1000000 && took < 2500000);
	/* The one being answered is never shut; the waiting one not before its own second. */
	assert_false(ended_within(answered[1], 0));
	assert_false(ended_within(waiting[1], 0));
	assert_true(ended_within(waiting[1], 3000));
	assert_false(ended_within(answered[1], 300));
	deadline_close(l);
	deadline_close(a);
	deadline_close(w);
	deadline_close(NULL);
	deadline_stop();
	for (int i = 0; i < 2; i++) {
		close(late[i]);
		close(answered[i]);
		close(waiting[i]);
	}
}

static void test_a_closed_connection_is_never_touched(void **state)
{
	(void)state;
	int fds[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
	assert_int_equal(deadline_start(1), 0);
	deadline_close(deadline_open(fds[0], "192.0.2.4"));
	assert_false(ended_within(fds[1], 1600));
	deadline_stop();
	close(fds[0]);
	close(fds[1]);
}

/* Feeds c with per bytes every 100 ms for ms, or until the peer of fd
 * sees the connection end. Returns whether it ended. */
static int feed_for(deadline_conn *c, int fd, size_t per, int ms)
{
	for (int t = 0; t < ms; t += 100) {
		deadline_received(c, per);
		if (ended_within(fd, 100))
			return 1;
	}
	return 0;
}

static void test_an_upload_at_the_rate_outlives_the_deadline_and_a_slow_one_does_not(void **state)
{
	(void)state;
	int fast[2], slow[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, fast), 0);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, slow), 0);
	/* A deadline of 2 s: the rate is measured over each half second. */
	assert_int_equal(deadline_start(2), 0);
	deadline_conn *f = deadline_open(fast[0], "192.0.2.5");
	deadline_conn *s = deadline_open(slow[0], "192.0.2.6");
	deadline_upload(f);
	deadline_upload(s);
	/* 16 KiB each 100 ms is 160 KiB/s: alive at 4 s, twice its deadline.
	 * 1 KiB each 100 ms is 10 KiB/s: shut at about 2 s, as before. */
	int64_t t0 = clock_mono_us();
	for (int t = 0; t < 4000; t += 100) {
		deadline_received(f, 16 * 1024);
		deadline_received(s, 1024);
		struct timespec tick = {0, 100 * 1000 * 1000};
		nanosleep(&tick, NULL);
		if (t == 3000)
			assert_true(ended_within(slow[1], 0));
	}
	assert_false(ended_within(fast[1], 0));
	/* Once it stops, it is shut within a window or two. */
	int64_t stopped = clock_mono_us();
	assert_true(ended_within(fast[1], 3000));
	int64_t after = clock_mono_us() - stopped;
	assert_true(after < 2000000);
	assert_true(clock_mono_us() - t0 > 4000000);
	deadline_close(f);
	deadline_close(s);
	/* A request that is no upload is not moved on by what it sends. */
	int plain[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, plain), 0);
	deadline_conn *p = deadline_open(plain[0], "192.0.2.7");
	t0 = clock_mono_us();
	assert_true(feed_for(p, plain[1], 16 * 1024, 4000));
	int64_t took = clock_mono_us() - t0;
	assert_true(took >= 2000000 && took < 3000000);
	deadline_close(p);
	deadline_stop();
	for (int i = 0; i < 2; i++) {
		close(fast[i]);
		close(slow[i]);
		close(plain[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_overdue_request_is_shut_and_a_timely_one_is_not),
		cmocka_unit_test(test_a_closed_connection_is_never_touched),
		cmocka_unit_test(test_an_upload_at_the_rate_outlives_the_deadline_and_a_slow_one_does_not),
	};
	return cmocka_run_group_tests_name("http/deadline", tests, NULL, NULL);
}
