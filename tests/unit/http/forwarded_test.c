#include "unit/test.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include "http/forwarded.h"

static void test_the_client_is_the_last_entry_written_canonically(void **state)
{
	(void)state;
	static const struct {
		const char *value, *client; /* client NULL: malformed */
	} cases[] = {
		{"198.51.100.7", "198.51.100.7"},
		{"203.0.113.1, 198.51.100.7", "198.51.100.7"},
		{"anything at all,198.51.100.7", "198.51.100.7"},
		{"  198.51.100.7\t", "198.51.100.7"},
		{"2001:DB8:0::1", "2001:db8::1"},
		{"::ffff:198.51.100.7", "::ffff:198.51.100.7"},
		{"198.51.100.7, 2001:db8::2", "2001:db8::2"},
		{"", NULL},
		{"   ", NULL},
		{"198.51.100.7,", NULL},
		{"198.51.100.7, ", NULL},
		{"198.51.100.7:443", NULL},
		{"[2001:db8::1]", NULL},
		{"[2001:db8::1]:443", NULL},
		{"unknown", NULL},
		{"_hidden", NULL},
		{"1.2.3", NULL},
		{"1.2.3.4.5", NULL},
		{"256.1.1.1", NULL},
		{"198.51.100.7 198.51.100.8", NULL},
		{"ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255x", NULL},
		{"0000:0000:0000:0000:0000:0000:0000:0000:0000:0000", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[INET6_ADDRSTRLEN];
		int rc = forwarded_client(cases[i].value, out, sizeof out);
		if (cases[i].client) {
			if (rc != 0 || strcmp(out, cases[i].client) != 0)
				fail_msg("'%s' gave %d '%s'", cases[i].value, rc, out);
		} else if (rc != -1 || out[0]) {
			fail_msg("'%s' was taken as '%s'", cases[i].value, out);
		}
	}
}

static void test_only_the_named_proxies_are_proxies(void **state)
{
	(void)state;
	forwarded_proxies p = {0};
	assert_int_equal(forwarded_proxy_add(&p, "127.0.0.1"), 0);
	assert_int_equal(forwarded_proxy_add(&p, "2001:db8::5"), 0);
	assert_int_equal(forwarded_proxy_add(&p, "proxy"), -1);
	assert_int_equal(forwarded_proxy_add(&p, "127.0.0.1/8"), -1);
	struct sockaddr_in v4 = {.sin_family = AF_INET};
	inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr);
	assert_true(forwarded_is_proxy(&p, (struct sockaddr *)&v4));
	inet_pton(AF_INET, "127.0.0.2", &v4.sin_addr);
	assert_false(forwarded_is_proxy(&p, (struct sockaddr *)&v4));
	struct sockaddr_in6 v6 = {.sin6_family = AF_INET6};
	inet_pton(AF_INET6, "2001:db8::5", &v6.sin6_addr);
	assert_true(forwarded_is_proxy(&p, (struct sockaddr *)&v6));
	/* An IPv4 peer on a dual-stack socket is the IPv4 proxy. */
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &v6.sin6_addr);
	assert_true(forwarded_is_proxy(&p, (struct sockaddr *)&v6));
	inet_pton(AF_INET6, "::1", &v6.sin6_addr);
	assert_false(forwarded_is_proxy(&p, (struct sockaddr *)&v6));
	assert_false(forwarded_is_proxy(&p, NULL));
	/* No proxies: nobody is one. */
	forwarded_proxies none = {0};
	inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr);
	assert_false(forwarded_is_proxy(&none, (struct sockaddr *)&v4));
}

static void test_at_most_sixteen_proxies(void **state)
{
	(void)state;
	forwarded_proxies p = {0};
	for (int i = 0; i < FORWARDED_PROXIES_MAX; i++)
		assert_int_equal(forwarded_proxy_add(&p, "127.0.0.1"), 0);
	assert_int_equal(forwarded_proxy_add(&p, "127.0.0.1"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_client_is_the_last_entry_written_canonically),
		cmocka_unit_test(test_only_the_named_proxies_are_proxies),
		cmocka_unit_test(test_at_most_sixteen_proxies),
	};
	return cmocka_run_group_tests_name("http/forwarded", tests, NULL, NULL);
}
