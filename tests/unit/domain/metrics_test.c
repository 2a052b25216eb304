/* Who may read /metrics: a loopback peer when loopback is trusted, or a
 * request bearing the configured token; nobody else. */
#include "unit/test.h"

#include "domain/metrics.h"
#include "lib/secure.h"

static const char TOKEN[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

static void test_loopback_is_127_slash_8_and_ipv6_loopback_only(void **state)
{
	(void)state;
	static const struct {
		const char *peer;
		int loopback;
	} cases[] = {
		{"127.0.0.1", 1},
		{"127.1.2.3", 1},
		{"::1", 1},
		{"::ffff:127.0.0.1", 1},
		{"10.0.0.1", 0},
		{"192.168.1.127", 0},
		{"128.0.0.1", 0},
		{"126.255.255.255", 0},
		{"::ffff:10.0.0.1", 0},
		{"::2", 0},
		{"fe80::1", 0},
		{"", 0},
		{"localhost", 0},
		{"127.0.0.1 ", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (metrics_peer_loopback(cases[i].peer) != cases[i].loopback)
			fail_msg("%s taken as %s", cases[i].peer,
				 cases[i].loopback ? "not loopback" : "loopback");
	assert_int_equal(metrics_peer_loopback(NULL), 0);
}

static void test_only_loopback_when_trusted_or_the_token_may_read(void **state)
{
	(void)state;
	char digest[SECURE_SHA256_HEX];
	secure_sha256_hex(TOKEN, strlen(TOKEN), digest);
	char bearer[128], lower[128], wrong[128], longer[128];
	snprintf(bearer, sizeof bearer, "Bearer %s", TOKEN);
	snprintf(lower, sizeof lower, "bearer %s", TOKEN);
	snprintf(wrong, sizeof wrong, "Bearer %.63sX", TOKEN);
	snprintf(longer, sizeof longer, "Bearer %sX", TOKEN);
	static const char *const none = NULL;
	const struct {
		const char *peer;
		int trust;
		const char *authorization;
		const char *digest;
		int may;
	} cases[] = {
		{"127.0.0.1", 1, none, none, 1},	/* loopback, trusted */
		{"::1", 1, none, digest, 1},
		{"127.0.0.1", 0, none, digest, 0},	/* loopback, not trusted, no token */
		{"10.1.2.3", 1, none, digest, 0},	/* elsewhere, no token */
		{"10.1.2.3", 1, bearer, digest, 1},	/* elsewhere, the token */
		{"10.1.2.3", 0, lower, digest, 1},	/* the scheme is case-insensitive */
		{"127.0.0.1", 0, bearer, digest, 1},
		{"10.1.2.3", 1, wrong, digest, 0},	/* one character off */
		{"10.1.2.3", 1, longer, digest, 0},	/* one character more */
		{"10.1.2.3", 1, TOKEN, digest, 0},	/* no scheme */
		{"10.1.2.3", 1, "Basic dXNlcjpwYXNz", digest, 0},
		{"10.1.2.3", 1, "Bearer ", digest, 0},
		{"10.1.2.3", 1, bearer, none, 0},	/* no token configured */
		{"10.1.2.3", 1, "Bearer ", "", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (metrics_may_read(cases[i].peer, cases[i].trust, cases[i].authorization,
				     cases[i].digest) != cases[i].may)
			fail_msg("case %zu: %s trust=%d auth=%s: expected %d", i, cases[i].peer,
				 cases[i].trust,
				 cases[i].authorization ? cases[i].authorization : "(none)",
				 cases[i].may);
}

static void test_a_configured_token_is_long_and_header_safe(void **state)
{
	(void)state;
	char at_max[METRICS_TOKEN_MAX + 2];
	memset(at_max, 'a', METRICS_TOKEN_MAX);
	at_max[METRICS_TOKEN_MAX] = '\0';
	char over_max[METRICS_TOKEN_MAX + 2];
	memset(over_max, 'a', METRICS_TOKEN_MAX + 1);
	over_max[METRICS_TOKEN_MAX + 1] = '\0';
	const struct {
		const char *token;
		int valid;
	} cases[] = {
		{TOKEN, 1},
		{"abcdefghijklmnopqrstuvwxyz0123456789-._~+/==", 1},
		{at_max, 1},
		{over_max, 0},
		{"0123456789abcdef0123456789abcde", 0}, /* 31 */
		{"0123456789abcdef 0123456789abcdef", 0},
		{"0123456789abcdef0123456789abcdef\"", 0},
		{"0123456789abcdef0123456789abcdef=x", 0},
		{"", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (metrics_token_valid(cases[i].token) != cases[i].valid)
			fail_msg("case %zu taken as %svalid", i, cases[i].valid ? "in" : "");
	assert_int_equal(metrics_token_valid(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loopback_is_127_slash_8_and_ipv6_loopback_only),
		cmocka_unit_test(test_only_loopback_when_trusted_or_the_token_may_read),
		cmocka_unit_test(test_a_configured_token_is_long_and_header_safe),
	};
	return cmocka_run_group_tests_name("domain/metrics", tests, NULL, NULL);
}
