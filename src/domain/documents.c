#include "domain/documents.h"

#include <string.h>

static const char *const kind_names[DOCUMENT_KIND_COUNT] = {
    [DOCUMENT_CONSENT_FORM] = "consent_form",
    [DOCUMENT_STATEMENT] = "statement",
    [DOCUMENT_IDENTITY_DOCUMENT] = "identity_document",
    [DOCUMENT_PHOTOGRAPH] = "photograph",
    [DOCUMENT_COURT_ORDER] = "court_order",
    [DOCUMENT_CORRESPONDENCE] = "correspondence",
    [DOCUMENT_OTHER] = "other",
};

/* The media types kept, and whether each is a photograph's. */
static const struct {
	const char *type;
	int image;
} types[] = {
    {"application/pdf", 0},
    {"image/jpeg", 1},
    {"image/png", 1},
    {"image/heic", 1},
    {"image/heif", 1},
    {"text/plain", 0},
    {"application/msword", 0},
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", 0},
};

int document_kind_parse(const char *name)
{
	for (int k = 0; name && k < DOCUMENT_KIND_COUNT; k++)
		if (strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

const char *document_kind_name(document_kind k)
{
	return (unsigned)k < DOCUMENT_KIND_COUNT ? kind_names[k] : "?";
}

int document_type_is_image(const char *type)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strcmp(type, types[i].type) == 0)
			return types[i].image;
	return 0;
}

document_type_verdict document_type_allowed(int k, const char *type)
{
	size_t i = 0;
	while (i < sizeof types / sizeof types[0] && strcmp(type, types[i].type) != 0)
		i++;
	if (i == sizeof types / sizeof types[0])
		return DOCUMENT_TYPE_UNKNOWN;
	if (k == DOCUMENT_PHOTOGRAPH && !types[i].image)
		return DOCUMENT_TYPE_NOT_AN_IMAGE;
	return DOCUMENT_TYPE_OK;
}

const char *document_type_refusal(document_type_verdict v)
{
	switch (v) {
	case DOCUMENT_TYPE_UNKNOWN:
		return "only PDF, JPEG, PNG, HEIC, plain text and Word documents (.doc, .docx) are "
		       "kept";
	case DOCUMENT_TYPE_NOT_AN_IMAGE:
		return "a photograph must be a JPEG, PNG or HEIC image";
	default:
		return "allowed";
	}
}

int document_limit_valid(unsigned long long bytes)
{
	return bytes >= DOCUMENT_LIMIT_MIN && bytes <= DOCUMENT_LIMIT_MAX;
}
