#include "unit/test.h"

#include "domain/audit_chain.h"
#include "lib/secure.h"

static audit_fields base(void)
{
	audit_fields f = {.seq = 1,
			  .at = "2026-11-28T01:00:00.000Z",
			  .actor_id = "u1",
			  .actor = "dc.jones",
			  .action = "login",
			  .record_type = "user",
			  .record_id = "u1",
			  .purpose = NULL,
			  .detail = "{}",
			  .address = "127.0.0.1",
			  .request_id = "abcd"};
	return f;
}

static void test_hash_is_stable(void **state)
{
	(void)state;
	audit_fields f = base();
	char a[AUDIT_HASH_HEX], b[AUDIT_HASH_HEX];
	assert_int_equal(audit_chain_hash(AUDIT_GENESIS, &f, a), 0);
	assert_int_equal(audit_chain_hash(AUDIT_GENESIS, &f, b), 0);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 64);
}

static void test_every_field_and_the_previous_hash_count(void **state)
{
	(void)state;
	audit_fields f = base();
	char ref[AUDIT_HASH_HEX], h[AUDIT_HASH_HEX];
	audit_chain_hash(AUDIT_GENESIS, &f, ref);
	const char **fields[] = {&f.at,	       &f.actor_id, &f.actor,   &f.action,
				 &f.record_type, &f.record_id, &f.purpose, &f.detail,
				 &f.address,    &f.request_id};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		audit_fields g = base();
		const char **slot = (const char **)((char *)&g + ((char *)fields[i] - (char *)&f));
		*slot = *slot ? "changed" : "";
		audit_chain_hash(AUDIT_GENESIS, &g, h);
		if (strcmp(h, ref) == 0)
			fail_msg("field %zu does not change the hash", i);
	}
	audit_fields g = base();
	g.seq = 2;
	audit_chain_hash(AUDIT_GENESIS, &g, h);
	assert_string_not_equal(h, ref);
	audit_chain_hash("1111111111111111111111111111111111111111111111111111111111111111", &f, h);
	assert_string_not_equal(h, ref);
}

static void test_field_boundaries_cannot_be_shifted(void **state)
{
	(void)state;
	audit_fields a = base(), b = base();
	a.actor = "dc.jo";
	a.action = "neslogin";
	b.actor = "dc.jones";
	b.action = "login";
	char ha[AUDIT_HASH_HEX], hb[AUDIT_HASH_HEX];
	audit_chain_hash(AUDIT_GENESIS, &a, ha);
	audit_chain_hash(AUDIT_GENESIS, &b, hb);
	assert_string_not_equal(ha, hb);
	a = base();
	a.purpose = "";
	audit_chain_hash(AUDIT_GENESIS, &a, ha);
	b = base();
	audit_chain_hash(AUDIT_GENESIS, &b, hb);
	assert_string_not_equal(ha, hb); /* NULL and "" differ */
}

int main(void)
{
	secure_init();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_is_stable),
		cmocka_unit_test(test_every_field_and_the_previous_hash_count),
		cmocka_unit_test(test_field_boundaries_cannot_be_shifted),
	};
	return cmocka_run_group_tests_name("domain/audit_chain", tests, NULL, NULL);
}
