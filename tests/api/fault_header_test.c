/* Fault injection lives only in the test build (build/asan/): the normal
 * binary holds none of its code, and a request asking for a fault is
 * served as if it had not asked. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/client.h"

static server srv;
static client *inv1;

static int setup(void **state)
{
	(void)state;
	if (server_start(&srv, NULL) != 0)
		return -1;
	inv1 = client_new(&srv);
	return client_login(inv1, "inv1", TEST_PASSWORD) == 201 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	client_free(inv1);
	return server_stop(&srv);
}

static void test_the_binary_holds_no_fault_injection(void **state)
{
	(void)state;
	const char *bin = getenv("WAYMARK_BIN") && *getenv("WAYMARK_BIN") ? getenv("WAYMARK_BIN")
	                                                                  : "build/waymark";
	FILE *f = fopen(bin, "rb");
	assert_non_null(f);
	static const char needle[] = "X-Waymark-Fault";
	char chunk[65536 + sizeof needle];
	size_t keep = 0, n;
	int found = 0;
	while (!found && (n = fread(chunk + keep, 1, sizeof chunk - keep, f)) > 0) {
		size_t have = keep + n;
		for (size_t i = 0; i + sizeof needle - 1 <= have && !found; i++)
			found = memcmp(chunk + i, needle, sizeof needle - 1) == 0;
		keep = have < sizeof needle - 1 ? have : sizeof needle - 1;
		memmove(chunk, chunk + have - keep, keep);
	}
	fclose(f);
	if (found)
		fail_msg("%s holds the fault header's name: it is the fault build", bin);
}

static void test_a_request_asking_for_a_fault_is_served_as_any_other(void **state)
{
	(void)state;
	static const char *const asks[] = {"X-Waymark-Fault: db=1:busy", "X-Waymark-Fault: alloc=1",
	                                   "X-Waymark-Fault: db=3:drop",
	                                   "X-Waymark-Fault: nonsense"};
	for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
		const char *h[] = {asks[i], NULL};
		resp *r = client_req(
		    inv1, "POST", "/api/v1/cases",
		    "{\"title\":\"Asked for a fault\",\"exploitation_types\":[\"labour\"]}", h);
		if (r->status != 201)
			fail_msg("%s: answered %ld: %s", asks[i], r->status,
			         r->body ? r->body : "");
		assert_null(resp_header(r, "X-Waymark-Fault"));
		resp_free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_binary_holds_no_fault_injection),
	    cmocka_unit_test(test_a_request_asking_for_a_fault_is_served_as_any_other),
	};
	return cmocka_run_group_tests_name("api fault header", tests, setup, teardown);
}
