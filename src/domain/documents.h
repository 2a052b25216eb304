/* Documents' rules: the kinds, the media types each kind takes, and the
 * bounds of the size limit an administrator sets. */
#ifndef WAYMARK_DOMAIN_DOCUMENTS_H
#define WAYMARK_DOMAIN_DOCUMENTS_H

#include <stdint.h>

typedef enum {
	DOCUMENT_CONSENT_FORM,
	DOCUMENT_STATEMENT,
	DOCUMENT_IDENTITY_DOCUMENT,
	DOCUMENT_PHOTOGRAPH,
	DOCUMENT_COURT_ORDER,
	DOCUMENT_CORRESPONDENCE,
	DOCUMENT_OTHER,
	DOCUMENT_KIND_COUNT
} document_kind;

#define DOCUMENT_TITLE_MAX 200
#define DOCUMENT_LIMIT_KEY "document_size_limit"
#define DOCUMENT_DEFAULT_LIMIT (25ull * 1024 * 1024)
#define DOCUMENT_LIMIT_MIN 1024ull
/* At most 512 MiB: a file is read whole by the virus scanner (which
 * reads up to SCAN_MAX_BYTES) and spooled before it is kept. */
#define DOCUMENT_LIMIT_MAX (512ull * 1024 * 1024)

/* The kind named, or -1 when the name is none of the list. */
int document_kind_parse(const char *name);
const char *document_kind_name(document_kind k);

typedef enum {
	DOCUMENT_TYPE_OK,
	DOCUMENT_TYPE_UNKNOWN,      /* no kind takes it */
	DOCUMENT_TYPE_NOT_AN_IMAGE, /* a photograph must be JPEG, PNG or HEIC */
} document_type_verdict;

/* Whether a file of media type (as sniff_fd names it) may be kept as a
 * document of kind k. Can't fail. */
document_type_verdict document_type_allowed(int k, const char *type);
/* Why, in words, for a problem's detail. */
const char *document_type_refusal(document_type_verdict v);
/* Whether the media type is a photograph's (JPEG, PNG, HEIC). */
int document_type_is_image(const char *type);
/* Whether an administrator may set the limit to bytes. */
int document_limit_valid(unsigned long long bytes);

#endif
