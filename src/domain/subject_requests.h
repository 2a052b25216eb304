/* Requests from the people recorded (Data Protection Act 2018 Part 3, and
 * the UK GDPR for a force's other processing): their kinds, regimes and
 * the one month each must be answered in, as the ICO counts it.
 *
 * The month starts at the later of receipt and the identity information
 * (DPA 2018 s54(3); UK GDPR art 12(3) and (6)). The ICO counts it:
 *  - UK GDPR: "from the day you receive the request (whether it is a
 *    working day or not) until the corresponding calendar date in the next
 *    month" (ICO, SAR checklist for SMEs, "I need to complete a SAR",
 *    https://ico.org.uk/global/sar-checklist-for-smes/i-need-to-complete-a-sar,
 *    as its right of access guidance says since 15 August 2019);
 *  - Part 3: "from the first hour of the first day after you receive the
 *    request, fee or other requested information ... until the last hour
 *    of the corresponding calendar date in the next month" (ICO, The right
 *    of access (Part 3 of the DPA 2018), "What should we consider when
 *    responding to a Part 3 request?", https://ico.org.uk/for-organisations/
 *    law-enforcement/guide-to-le-processing/the-right-of-access-part-3-of-
 *    the-dpa-2018/what-should-we-consider-when-responding-to-a-part-3-request/);
 * both: where the next month has no such date, its last day; where that
 * day is a weekend or a public holiday, the next working day.
 *
 * Extensions (DPA 2018 s54 as in force: https://www.legislation.gov.uk/
 * ukpga/2018/12/section/54): UK GDPR art 12(3) lets a controller extend by two further
 * months where necessary for the complexity and number of the requests,
 * telling the person within the first month; DPA 2018 s54(3A) to (3B), as
 * the Data (Use and Access) Act 2025 s76 amended it, now lets a competent
 * authority do the same under Part 3 (two further months, for complexity
 * or number, by notice before the month ends, with reasons). Both are
 * enforced the same way here: a reason, given before the first due date
 * has passed, once, to a date no later than the month counted three
 * months on. Dates are "YYYY-MM-DD". */
#ifndef WAYMARK_DOMAIN_SUBJECT_REQUESTS_H
#define WAYMARK_DOMAIN_SUBJECT_REQUESTS_H

#include "domain/workdays.h"

typedef enum { SR_ACCESS, SR_RECTIFICATION, SR_ERASURE, SR_RESTRICTION, SR_KIND_COUNT } sr_kind;
typedef enum { SR_PART3, SR_UK_GDPR, SR_REGIME_COUNT } sr_regime;

/* The kind or regime named: 0 and *out, or -1 when it is none of them. */
int sr_kind_parse(const char *s, sr_kind *out);
int sr_regime_parse(const char *s, sr_regime *out);
const char *sr_kind_name(sr_kind k);
const char *sr_regime_name(sr_regime r);

/* The day the month starts from: the later of received_on and
 * identity_verified_on for uk_gdpr, the day after it for part3. 0, or -1
 * when either date is not real. */
int sr_clock_start(sr_regime r, const char *received_on, const char *identity_verified_on,
                   char out[DATE_LEN]);

/* The day a request must be answered by, counting months calendar months
 * (1: the due date; 3: the furthest an extension may go): the
 * corresponding date that many months after the clock's start, its
 * month's last day where there is none, moved to the next working day
 * under h. 0, or -1 when a date is not real or months < 1. */
int sr_due(sr_regime r, const char *received_on, const char *identity_verified_on, int months,
           const holidays *h, char out[DATE_LEN]);

typedef enum {
	SR_INPUT_OK,
	SR_INPUT_FUTURE,         /* a date after today */
	SR_INPUT_IDENTITY_EARLY, /* identity verified before the request was received */
	SR_INPUT_NOT_A_DATE,
	SR_INPUT_BEFORE_ACT, /* received before the Data Protection Act 2018 came into force */
} sr_input_verdict;

/* The day the Data Protection Act 2018 (and the GDPR) came into force:
 * no request under either regime was received before it. */
#define SR_FIRST_DAY "2018-05-25"

/* Whether the request's dates may be recorded on day today: each a real
 * date, none after today nor before SR_FIRST_DAY, identity not before
 * receipt. *field names the
 * field at fault ("received_on" or "identity_verified_on"). */
sr_input_verdict sr_dates_check(const char *received_on, const char *identity_verified_on,
                                const char *today, const char **field);

typedef enum {
	SR_EXTEND_OK,
	SR_EXTEND_AGAIN,     /* already extended once */
	SR_EXTEND_TOO_LATE,  /* asked after the first due date passed */
	SR_EXTEND_NOT_LATER, /* the new date is not after the first due date */
	SR_EXTEND_TOO_FAR,   /* beyond two further months */
} sr_extend_verdict;

/* Whether a request due on due_on (limit: its sr_due with months 3), not
 * yet extended unless extended is set, may be extended on day today to
 * new_due. Can't fail. */
sr_extend_verdict sr_extension_check(const char *due_on, const char *limit, int extended,
                                     const char *today, const char *new_due);
/* What a refusal says, for the API's answer. */
const char *sr_extend_text(sr_extend_verdict v);

#endif
