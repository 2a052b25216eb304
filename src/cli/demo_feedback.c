/* The demo's victims' feedback: invitations given to recent victims in
 * their language (some answered), and the answers of the last three ended
 * months (more than the ten a month the figures need) and this one, with a comment awaiting redaction and
 * a few redacted. The invitations' tokens are thrown away: the demo's
 * links cannot be opened; an officer makes a new one from the victim. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/demo.h"
#include "domain/feedback.h"
#include "domain/stats.h"
#include "domain/workdays.h"
#include "lib/clock.h"
#include "store/feedback.h"

int demo_feedback_invite(db *d, const demo_cast *cast, long today, const demo_victim *v)
{
	if (today - v->day0 > 120 || demo_pick(3) == 0)
		return DB_OK;
	char token[SECURE_TOKEN_LEN], code[FEEDBACK_CODE_LEN], th[SECURE_SHA256_HEX],
	    ch[SECURE_SHA256_HEX];
	unsigned char rnd[FEEDBACK_CODE_CHARS];
	secure_token(token);
	secure_sha256_hex(token, strlen(token), th);
	randombytes_buf(rnd, sizeof rnd);
	feedback_code_make(rnd, code);
	secure_sha256_hex(code, strlen(code), ch);
	feedback_invitation_rec r = {0};
	snprintf(r.org_id, sizeof r.org_id, "%s", cast->force_org_id);
	snprintf(r.team_id, sizeof r.team_id, "%s", cast->teams[0]);
	snprintf(r.case_id, sizeof r.case_id, "%s", v->case_id);
	snprintf(r.link_id, sizeof r.link_id, "%s", v->link_id);
	snprintf(r.person_id, sizeof r.person_id, "%s", v->person_id);
	snprintf(r.language, sizeof r.language, "%s",
	         feedback_language_of(v->lang) >= 0 ? v->lang : "en");
	snprintf(r.delivery, sizeof r.delivery, "in_person");
	snprintf(r.created_by, sizeof r.created_by, "%s", cast->author_id);
	clock_iso(clock_now_ms() + FEEDBACK_VALID_MS - (int64_t)demo_pick(20) * 86400000LL,
	          r.expires_at);
	int rc = store_feedback_invite(d, &r, th, ch);
	char now[CLOCK_ISO_LEN];
	clock_now_iso(now);
	if (rc == DB_OK && demo_pick(2) == 0)
		rc = store_feedback_use(d, r.id, now);
	return rc == DB_DONE ? DB_OK : rc;
}

/* What the victims wrote, and what an officer made of it. */
static const struct {
	const char *text, *redacted; /* redacted NULL: awaiting redaction */
} comments[] = {
    {"The officer who met me at the car wash, DC Morgan, explained everything slowly and came back "
     "with an "
     "interpreter the next day. I still worry that Besnik will find out where I live.",
     NULL},
    {"PC Adeyemi gave me a bag with a phone and clothes. Thank you.",
     "[name] gave me a bag with a phone and "
     "clothes. Thank you."},
    {"Nobody called me for two months after the interview at Swindon station. I did not know if "
     "the case was "
     "closed.",
     "Nobody called me for two months after the interview at [place]. I did not know if the case "
     "was closed."},
    {"I felt they believed me. The lady from Haven Trust helped with the doctor.",
     "I felt they believed me. The lady from [organisation] helped with the doctor."},
};

int demo_feedback_answers(db *d, const demo_cast *cast, const seal_key *key)
{
	/* Eleven to thirteen answers in each of the three months that have
	 * ended (the figures count a month once it has ended with ten), and a
	 * few in this one: mostly good, updates the weakest, a few who
	 * preferred not to say. */
	static const int leaning[FEEDBACK_QUESTIONS] = {4, 4, 3, 4, 2, 4};
	char today[DATE_LEN], first[DATE_LEN], next[DATE_LEN], month[8];
	clock_today(today);
	snprintf(month, sizeof month, "%.7s", today);
	int rc = stats_month_bounds(month, first, next) == 0 ? DB_OK : DB_ERR;
	for (int back = 0, i = 0; back <= 3 && rc == DB_OK; back++) {
		if (back > 0) { /* the month before */
			char last[DATE_LEN];
			if (date_add_days(first, -1, last) != 0)
				return DB_ERR;
			snprintf(month, sizeof month, "%.7s", last);
			if (stats_month_bounds(month, first, next) != 0)
				return DB_ERR;
		}
		int answers = back == 0 ? 3 : 11 + (int)demo_pick(3);
		for (int a = 0; a < answers && rc == DB_OK; a++, i++) {
			char on[DATE_LEN];
			if (date_add_days(first, (int)demo_pick(28), on) != 0)
				return DB_ERR;
			if (strcmp(on, today) > 0)
				snprintf(on, sizeof on, "%s", today);
			feedback_response_rec r = {.org_id = cast->force_org_id,
			                           .language = i % 3 == 0   ? "sq"
			                                       : i % 5 == 0 ? "vi"
			                                       : i % 7 == 0 ? "ro"
			                                                    : "en",
			                           .submitted_on = on};
			for (int q = 0; q < FEEDBACK_QUESTIONS; q++) {
				int sc = leaning[q] + demo_pick(3) - 1;
				r.scores[q] = demo_pick(9) == 0 ? 0 : sc < 1 ? 1 : sc > 5 ? 5 : sc;
			}
			char *sealed = NULL;
			size_t k = (size_t)i / 3;
			int commented = key && i % 3 == 0 && k < sizeof comments / sizeof comments[0];
			if (commented && !(sealed = seal_encrypt(key, comments[k].text)))
				rc = DB_NOMEM;
			r.sealed_comment = sealed;
			if (rc == DB_OK)
				rc = store_feedback_respond(d, &r);
			free(sealed);
			if (rc == DB_OK && commented && comments[k].redacted) {
				char now[CLOCK_ISO_LEN];
				clock_now_iso(now);
				rc = store_feedback_comment_deal(d, r.comment_id, 1, comments[k].redacted,
				                                 NULL, cast->author_id, now);
			}
		}
	}
	return rc;
}
