#include "domain/feedback.h"

#include <ctype.h>
#include <string.h>

const char *const feedback_questions[FEEDBACK_QUESTIONS] = {
    "safe", "believed", "understood", "told_support", "kept_updated", "contact_again",
};

const char *const feedback_languages[FEEDBACK_LANGUAGES] = {"en", "sq", "vi", "ro", "pl"};

/* Embedded from src/domain/feedback_texts/ (build/gen/feedback_texts.c). */
extern const char feedback_text_en[], feedback_text_sq[], feedback_text_vi[], feedback_text_ro[],
    feedback_text_pl[];
static const char *const texts[FEEDBACK_LANGUAGES] = {
    feedback_text_en, feedback_text_sq, feedback_text_vi, feedback_text_ro, feedback_text_pl,
};

const char feedback_code_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

static int index_in(const char *const *list, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(list[i], s) == 0)
			return i;
	return -1;
}

int feedback_question_of(const char *id)
{
	return index_in(feedback_questions, FEEDBACK_QUESTIONS, id);
}

int feedback_language_of(const char *code)
{
	return index_in(feedback_languages, FEEDBACK_LANGUAGES, code);
}

const char *feedback_texts_of(const char *code)
{
	int i = feedback_language_of(code);
	return i < 0 ? NULL : texts[i];
}

void feedback_code_make(const unsigned char random[FEEDBACK_CODE_CHARS],
                        char out[FEEDBACK_CODE_LEN])
{
	size_t n = sizeof feedback_code_alphabet - 1; /* 32: a power of two, so no bias */
	for (int i = 0; i < FEEDBACK_CODE_CHARS; i++)
		out[i] = feedback_code_alphabet[random[i] % n];
	out[FEEDBACK_CODE_CHARS] = '\0';
}

int feedback_code_read(const char *typed, char out[FEEDBACK_CODE_LEN])
{
	int n = 0;
	for (const char *p = typed; p && *p; p++) {
		if (*p == ' ' || *p == '-')
			continue;
		char ch = (char)toupper((unsigned char)*p);
		if (n == FEEDBACK_CODE_CHARS || !strchr(feedback_code_alphabet, ch) || ch == '\0')
			return -1;
		out[n++] = ch;
	}
	out[n] = '\0';
	return n == FEEDBACK_CODE_CHARS ? 0 : -1;
}

int feedback_figures_shown(int64_t n, int threshold)
{
	return n >= threshold;
}

static const char *const states[] = {
    [FEEDBACK_AWAITING_REDACTION] = "awaiting_redaction",
    [FEEDBACK_REDACTED] = "redacted",
    [FEEDBACK_WITHHELD] = "withheld",
};

const char *feedback_comment_state_name(feedback_comment_state s)
{
	return states[s];
}

int feedback_comment_state_of(const char *name)
{
	return index_in(states, 3, name);
}
