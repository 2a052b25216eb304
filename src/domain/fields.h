/* How long each kind of field in a request may be (bytes of UTF-8), so a
 * limit is one name wherever the kind appears. */
#ifndef WAYMARK_DOMAIN_FIELDS_H
#define WAYMARK_DOMAIN_FIELDS_H

#define FIELD_DATE 10     /* a date: YYYY-MM-DD */
#define FIELD_TIME 40     /* a date and time: RFC 3339 */
#define FIELD_ID 64       /* a record's id, as sent back to us */
#define FIELD_CODE 64     /* a code from one of our lists */
#define FIELD_CHOICE 32   /* one of a few named values (a stage, a status, a decision) */
#define FIELD_LANGUAGE 100 /* a language: a BCP 47 tag (35 at most) or its English name */
#define FIELD_NAME 200    /* a name or a short line: a person, a provider, a court */
#define FIELD_LINE 500    /* a longer line: an address, an offence described */
#define FIELD_NOTE 2000   /* a note or the reasons for something */

#endif
