/* Storage under stress and the command line: a locked database answers 503
 * with nothing half-written, a crash loses nothing acknowledged, an
 * unmigrated database is a clear error, bad arguments exit 2; a crash in
 * the middle of reads leaves every answered read audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/fixtures.h"
#include "store/db.h"
#include "support/engines.h"

static int64_t scalar(server *s, const char *sql)
{
	return server_db_int(s, sql, NULL);
}

/* The first line the server wrote to its log (static buffer). */
static const char *first_log_line(const server *s)
{
	static char line[512];
	FILE *f = fopen(s->log_path, "r");
	line[0] = '\0';
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	fclose(f);
	return line;
}

static void test_a_locked_database_answers_503_and_writes_nothing(void **state)
{
	(void)state;
	server s;
	const char *args[] = {"--busy-timeout-ms", "200", NULL};
	assert_int_equal(server_start(&s, args), 0);
	client *c = client_new(&s);
	int64_t sessions_before = scalar(&s, "SELECT COUNT(*) FROM sessions");
	int64_t audit_before = scalar(&s, "SELECT COUNT(*) FROM audit_log");

	/* Another process holds the write lock. */
	db *locker = server_db_open(&s);
	if (strcmp(test_engine_name(), "pg") == 0) {
		assert_int_equal(db_exec(locker, "BEGIN; LOCK TABLE audit_head IN ACCESS EXCLUSIVE "
						 "MODE; LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE"),
				 DB_OK);
	} else {
		assert_int_equal(db_exec(locker, "BEGIN IMMEDIATE"), DB_OK);
	}
	resp *r = client_req(c, "POST", "/api/v1/session",
			     "{\"username\":\"inv1\",\"password\":\"" TEST_PASSWORD "\"}", NULL);
	assert_int_equal(r->status, 503);
	assert_string_equal(resp_header(r, "Retry-After"), "2");
	assert_string_equal(resp_header(r, "Content-Type"), "application/problem+json");
	assert_null(resp_header(r, "Set-Cookie"));
	assert_null(strstr(r->body, "SQL"));
	assert_null(strstr(r->body, "sqlite"));
	resp_free(r);
	assert_int_equal(db_exec(locker, "ROLLBACK"), DB_OK);
	db_close(locker);

	/* Nothing of the refused sign-in was kept. */
	assert_int_equal(scalar(&s, "SELECT COUNT(*) FROM sessions"), sessions_before);
	assert_int_equal(scalar(&s, "SELECT COUNT(*) FROM audit_log"), audit_before);
	/* Once the lock is gone the same request succeeds. */
	assert_int_equal(client_login(c, "inv1", TEST_PASSWORD), 201);
	r = client_req(c, "GET", "/metrics", NULL, NULL);
	assert_null(strstr(r->body, "waymark_db_errors_total 0\n"));
	resp_free(r);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);
	char out[256];
	const char *v[] = {"audit", "verify", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, v), 0);
}

static void test_a_crash_loses_nothing_acknowledged(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	client *adm = client_signed_in(&s, "admin1");
	char link[64] = "";
	for (int i = 0; i < 5; i++) {
		char body[256];
		snprintf(body, sizeof body,
			 "{\"username\":\"crash%d\",\"display_name\":\"C\","
			 "\"role\":\"analyst\",\"org\":\"Test Constabulary\"}",
			 i);
		resp *r = client_req(adm, "POST", "/api/v1/users", body, NULL);
		assert_int_equal(r->status, 201);
		/* Each comes with its holder's one-time link; keep the last. */
		const char *url = json_string_value(json_object_get(json_object_get(r->json, "password_link"), "reset_url"));
		assert_non_null(url);
		snprintf(link, sizeof link, "%s", strchr(url, '=') + 1);
		resp_free(r);
	}
	client_free(adm);
	kill(s.pid, SIGKILL);
	waitpid(s.pid, NULL, 0);
	s.pid = 0;
	assert_int_equal(scalar(&s, "SELECT COUNT(*) FROM users WHERE username LIKE 'crash%'"), 5);
	char out[256];
	const char *v[] = {"audit", "verify", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, v), 0);
	assert_int_equal(server_launch(&s, NULL), 0);
	/* The link acknowledged before the crash still works after it. */
	client *c = client_new(&s);
	char redeem[256];
	snprintf(redeem, sizeof redeem, "{\"token\":\"%s\",\"password\":\"" TEST_PASSWORD "\"}", link);
	assert_int_equal(client_status(c, "POST", "/api/v1/password-resets", redeem), 204);
	assert_int_equal(client_login(c, "crash4", TEST_PASSWORD), 201);
	client_free(c);
	assert_int_equal(server_stop(&s), 0);
}

/* Readers of one case, each on its own connection, until the server dies:
 * the request id of every read that was answered. */
enum { READERS = 6, READS_MAX = 20000 };
typedef struct read_load {
	client *c[READERS];
	char path[96];
	pthread_mutex_t mu;
	char (*answered)[32];
	int nanswered;
	atomic_int failed; /* reads the server refused while it lived */
} read_load;

typedef struct reader {
	read_load *load;
	int i;
} reader;

static void *read_until_gone(void *arg)
{
	reader *me = arg;
	read_load *l = me->load;
	for (;;) {
		resp *r = client_req(l->c[me->i], "GET", l->path, NULL, NULL);
		long st = r->status;
		const char *id = st == 200 ? resp_header(r, "X-Request-Id") : NULL;
		if (id) {
			pthread_mutex_lock(&l->mu);
			if (l->nanswered < READS_MAX)
				snprintf(l->answered[l->nanswered++], 32, "%s", id);
			pthread_mutex_unlock(&l->mu);
		} else if (st > 0) {
			atomic_fetch_add(&l->failed, 1);
		}
		resp_free(r);
		if (st <= 0) /* no answer: the server is gone */
			return NULL;
	}
}

static void test_a_crash_during_reads_loses_no_answered_reads_audit_entry(void **state)
{
	(void)state;
	server s;
	const char *args[] = {"--threads", "8", NULL};
	assert_int_equal(server_start(&s, args), 0);
	client *inv = client_signed_in(&s, "inv1");
	char case_id[ID_LEN];
	client_post_id(inv, "/api/v1/cases", "{\"title\":\"Read under load\",\"exploitation_types\":[\"labour\"]}", case_id);
	client_free(inv);

	read_load l = {.answered = calloc(READS_MAX, 32)};
	assert_non_null(l.answered);
	pthread_mutex_init(&l.mu, NULL);
	snprintf(l.path, sizeof l.path, "/api/v1/cases/%s", case_id);
	reader rd[READERS];
	pthread_t t[READERS];
	for (int i = 0; i < READERS; i++) {
		l.c[i] = client_signed_in(&s, "inv1");
		rd[i] = (reader){&l, i};
	}
	for (int i = 0; i < READERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, read_until_gone, &rd[i]), 0);
	/* Killed in the middle of the load, once many reads were answered. */
	for (int n = 0; n < 12000; n++) {
		pthread_mutex_lock(&l.mu);
		int done = l.nanswered;
		pthread_mutex_unlock(&l.mu);
		if (done >= 300)
			break;
		usleep(5000);
	}
	/* Entries of reads that arrived together went into one commit. */
	client *probe = client_new(&s);
	resp *m = client_req(probe, "GET", "/metrics", NULL, NULL);
	assert_int_equal(m->status, 200);
	const char *pc = strstr(m->body, "\nwaymark_audit_group_commits_total ");
	const char *pe = strstr(m->body, "\nwaymark_audit_group_entries_total ");
	assert_non_null(pc);
	assert_non_null(pe);
	long long commits = atoll(strchr(pc + 1, ' ') + 1), entries = atoll(strchr(pe + 1, ' ') + 1);
	/* Whether readers' entries share a commit depends on how long a
	 * commit waits for the disk (a temporary file system, or PostgreSQL
	 * without fsync as here, hardly waits): the counts must agree, and
	 * bench/case-read.sh shows the grouping. */
	if (commits <= 0 || entries < commits)
		fail_msg("the audit's group counts disagree: %lld commits held %lld entries", commits, entries);
	resp_free(m);
	client_free(probe);
	kill(s.pid, SIGKILL);
	waitpid(s.pid, NULL, 0);
	s.pid = 0;
	for (int i = 0; i < READERS; i++) {
		pthread_join(t[i], NULL);
		client_free(l.c[i]);
	}
	if (l.nanswered < 300)
		fail_msg("only %d reads were answered before the kill", l.nanswered);
	if (atomic_load(&l.failed))
		fail_msg("%d reads were refused while the server lived", atomic_load(&l.failed));

	/* Every answered read has its entry, once, naming the case. */
	for (int i = 0; i < l.nanswered; i++) {
		int64_t n = server_db_int(&s,
					  "SELECT COUNT(*) FROM audit_log WHERE request_id = $1 AND "
					  "action = 'case_viewed'",
					  l.answered[i]);
		if (n != 1)
			fail_msg("the read answered as %s has %lld audit entries", l.answered[i],
				 (long long)n);
	}
	/* The reads' entries were committed in groups and the chain is whole. */
	char out[256];
	const char *v[] = {"audit", "verify", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, v), 0);
	free(l.answered);
	pthread_mutex_destroy(&l.mu);
}

/* A read whose audit entry cannot be written is refused, not answered. */
static void test_a_read_whose_entry_cannot_be_written_answers_503(void **state)
{
	(void)state;
	server s;
	const char *args[] = {"--busy-timeout-ms", "200", NULL};
	assert_int_equal(server_start(&s, args), 0);
	client *inv = client_signed_in(&s, "inv1");
	char case_id[ID_LEN], path[96];
	client_post_id(inv, "/api/v1/cases", "{\"title\":\"Locked read\",\"exploitation_types\":[\"labour\"]}", case_id);
	snprintf(path, sizeof path, "/api/v1/cases/%s", case_id);
	int before = audit_count(&s, "case_viewed", case_id);
	db *locker = server_db_open(&s);
	if (strcmp(test_engine_name(), "pg") == 0)
		assert_int_equal(db_exec(locker, "BEGIN; LOCK TABLE audit_head IN ACCESS EXCLUSIVE MODE"), DB_OK);
	else
		assert_int_equal(db_exec(locker, "BEGIN IMMEDIATE"), DB_OK);
	resp *r = client_req(inv, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 503);
	assert_string_equal(resp_header(r, "Retry-After"), "2");
	/* Nothing of the case went out with the refusal. */
	assert_null(strstr(r->body, "Locked read"));
	resp_free(r);
	assert_int_equal(db_exec(locker, "ROLLBACK"), DB_OK);
	db_close(locker);
	assert_int_equal(audit_count(&s, "case_viewed", case_id), before);
	r = client_req(inv, "GET", path, NULL, NULL);
	assert_int_equal(r->status, 200);
	resp_free(r);
	assert_int_equal(audit_count(&s, "case_viewed", case_id), before + 1);
	client_free(inv);
	assert_int_equal(server_stop(&s), 0);
}

static void test_serving_an_unmigrated_database_is_a_clear_error(void **state)
{
	(void)state;
	server s;
	memset(&s, 0, sizeof s);
	assert_int_equal(test_db_create(test_engine_name(), s.db_url, sizeof s.db_url), 0);
	snprintf(s.key_path, sizeof s.key_path, "%s/unmigrated.key", test_tmpdir());
	assert_int_not_equal(server_launch(&s, NULL), 0);
	assert_non_null(strstr(first_log_line(&s), "run 'waymark init'"));
	const char *args[] = {"audit", "verify", NULL};
	char out[256];
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, args), 1);
	/* init makes it usable, and running it twice is harmless. */
	const char *init[] = {"init", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, init), 0);
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, init), 0);
	assert_non_null(strstr(out, "0 migrations applied"));
}

static void test_serving_needs_the_right_key_file(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	char right[512];
	snprintf(right, sizeof right, "%s", s.key_path);
	snprintf(s.key_path, sizeof s.key_path, "%s/absent.key", test_tmpdir());
	assert_int_not_equal(server_launch(&s, NULL), 0);
	char out[256];
	/* Another database's key cannot open this one. */
	server other;
	assert_int_equal(server_prepare_own(&other), 0);
	snprintf(s.key_path, sizeof s.key_path, "%s", other.key_path);
	assert_int_not_equal(server_launch(&s, NULL), 0);
	assert_non_null(strstr(first_log_line(&s), "does not match this database"));
	/* A key file the group or others may read or write is refused, saying how
	 * to fix it; so does every command that opens it. */
	snprintf(s.key_path, sizeof s.key_path, "%s", right);
	char fix[600];
	snprintf(fix, sizeof fix, "make it private with: chmod 600 %s", right);
	static const mode_t open_modes[] = {0644, 0640, 0620, 0606};
	for (size_t i = 0; i < sizeof open_modes / sizeof open_modes[0]; i++) {
		chmod(right, open_modes[i]);
		assert_int_not_equal(server_launch(&s, NULL), 0);
		assert_int_equal(s.exit_status, 1);
		const char *said = first_log_line(&s);
		if (!strstr(said, fix))
			fail_msg("mode %o: serve said %s", (unsigned)open_modes[i], said);
	}
	const char *init[] = {"init", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, init), 1);
	chmod(right, 0600);
	assert_int_equal(server_launch(&s, NULL), 0);
	assert_int_equal(server_stop(&s), 0);
	(void)out;
}

static void assert_private(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		fail_msg("%s is missing", path);
	if ((st.st_mode & 0777) != 0600)
		fail_msg("%s has mode %o, not 600", path, (unsigned)(st.st_mode & 0777));
}

/* The database with its WAL, backups and the key file are the owner's alone,
 * whatever umask waymark was started with. */
static void test_files_are_created_private_to_their_owner(void **state)
{
	(void)state;
	mode_t was = umask(022);
	server s;
	/* Made by waymark itself here, not copied from the suite's template. */
	assert_int_equal(server_prepare_own(&s), 0);
	assert_private(s.key_path);
	int sqlite = strcmp(test_engine_name(), "sqlite") == 0;
	const char *file = s.db_url + strlen("sqlite:");
	char wal[600], shm[600];
	snprintf(wal, sizeof wal, "%.500s-wal", file);
	snprintf(shm, sizeof shm, "%.500s-shm", file);
	if (sqlite)
		assert_private(file);
	assert_int_equal(server_launch(&s, NULL), 0);
	client *c = client_signed_in(&s, "inv1");
	client_free(c);
	if (sqlite) {
		assert_private(wal);
		assert_private(shm);
	}
	char path[400], out[512];
	snprintf(path, sizeof path, "%s/private-backup-%d.%s", test_tmpdir(), s.port,
		 sqlite ? "db" : "dump");
	const char *args[] = {"backup", "--to", path, NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, args), 0);
	assert_private(path);
	assert_int_equal(server_stop(&s), 0);
	umask(was);
}

static void test_bad_arguments_exit_2_with_one_line(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	const char *cases[][8] = {
		{"user", "add", "--username", "x", "--org", "O", NULL},
		{"user", "add", "--username", "x", "--role", "chief", "--org", "O"},
		{"user", "frobnicate", NULL},
		{"serve", "--listen", "nowhere", NULL},
		{"serve", "--threads", "0", NULL},
		{"serve", "--max-connections-per-address", "0", NULL},
		{"serve", "--max-connections-per-address", "1001", NULL},
		{"serve", "--idle-timeout", "0", NULL},
		{"serve", "--request-timeout", "soon", NULL},
		{"serve", "--trust-loopback-metrics", "maybe", NULL},
		{"backup", NULL},
		{"audit", "check", NULL},
		{"init", "--bogus", NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *args[10] = {0};
		for (int k = 0; k < 8 && cases[i][k]; k++)
			args[k] = cases[i][k];
		char out[256];
		int rc = run_waymark(&s, "", out, sizeof out, args);
		if (rc != 2)
			fail_msg("waymark %s %s exited %d, not 2", args[0], args[1] ? args[1] : "", rc);
	}
	const char *shortpw[] = {"user", "add", "--username", "newbie", "--role", "analyst",
				 "--org", "O", NULL};
	char out[256];
	assert_int_equal(run_waymark(&s, "short\n", out, sizeof out, shortpw), 2);
	assert_int_equal(run_waymark(&s, TEST_PASSWORD "\n", out, sizeof out, shortpw), 0);
	/* A taken name is not a usage error but it is refused. */
	assert_int_equal(run_waymark(&s, TEST_PASSWORD "\n", out, sizeof out, shortpw), 1);
	const char *help[] = {"user", "--help", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, help), 0);
	assert_non_null(strstr(out, "usage: waymark user add"));
}

static void test_backup_is_a_consistent_copy(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_start(&s, NULL), 0);
	char path[400], out[512];
	snprintf(path, sizeof path, "%s/backup-%d.%s", test_tmpdir(), s.port,
		 strcmp(test_engine_name(), "pg") == 0 ? "dump" : "db");
	const char *args[] = {"backup", "--to", path, NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, args), 0);
	assert_int_equal(access(path, R_OK), 0);
	/* Never overwrites. */
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, args), 1);
	if (strcmp(test_engine_name(), "sqlite") == 0) {
		server copy = s;
		snprintf(copy.db_url, sizeof copy.db_url, "sqlite:%s", path);
		const char *v[] = {"audit", "verify", NULL};
		assert_int_equal(run_waymark(&copy, NULL, out, sizeof out, v), 0);
		/* One per standard account, per organisation made and per second-factor setting. */
		assert_non_null(strstr(out, "audit chain intact: 14 entries"));
	}
	assert_int_equal(server_stop(&s), 0);
}

static void test_the_demo_loads_on_both_engines_and_twice_is_harmless(void **state)
{
	(void)state;
	server s;
	assert_int_equal(server_prepare(&s), 0);
	char out[4096];
	const char *demo[] = {"demo", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, demo), 0);
	assert_non_null(strstr(out, "301 cases"));
	/* One phone number in three cases, matched under the key, and whom to call. */
	assert_int_equal(server_db_int(&s, "SELECT COUNT(DISTINCT match_key) FROM selectors", NULL), 1);
	assert_int_equal(server_db_int(&s, "SELECT COUNT(*) FROM selectors", NULL), 3);
	assert_int_equal(server_db_int(&s, "SELECT COUNT(*) FROM deconfliction_contacts", NULL), 1);
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, demo), 0);
	assert_non_null(strstr(out, "0 new accounts, 0 cases"));
	const char *verify[] = {"audit", "verify", NULL};
	assert_int_equal(run_waymark(&s, NULL, out, sizeof out, verify), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_locked_database_answers_503_and_writes_nothing),
		cmocka_unit_test(test_a_crash_loses_nothing_acknowledged),
		cmocka_unit_test(test_a_crash_during_reads_loses_no_answered_reads_audit_entry),
		cmocka_unit_test(test_a_read_whose_entry_cannot_be_written_answers_503),
		cmocka_unit_test(test_serving_an_unmigrated_database_is_a_clear_error),
		cmocka_unit_test(test_serving_needs_the_right_key_file),
		cmocka_unit_test(test_files_are_created_private_to_their_owner),
		cmocka_unit_test(test_bad_arguments_exit_2_with_one_line),
		cmocka_unit_test(test_backup_is_a_consistent_copy),
		cmocka_unit_test(test_the_demo_loads_on_both_engines_and_twice_is_harmless),
	};
	return suite_run(&(const suite){.srv = NULL}, tests);
}
