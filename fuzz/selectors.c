/* libFuzzer harness: selector normal forms, phone numbers through
 * libphonenumber among them. The first byte picks the kind; the rest, cut
 * at newlines, gives the value's parts in the order of selector_value.
 * Aborts if an accepted value's normal form cannot be shown, if a phone
 * number's or an email's normal form does not normalise to itself, or if
 * a refusal gives no reason. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/selectors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 2048)
		return 0;
	selector_kind k = (selector_kind)(data[0] % SEL_KIND_COUNT);
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	const char *parts[10] = {0};
	char *p = text;
	for (size_t i = 0; i < 10 && p; i++) {
		parts[i] = p;
		p = strchr(p, '\n');
		if (p)
			*p++ = '\0';
	}
	selector_value v = {parts[0], parts[1], parts[2], parts[3], parts[4],
			    parts[5], parts[6], parts[7], parts[8], parts[9]};
	if (k == SEL_BANK_ACCOUNT && data[0] & 0x80)
		v = (selector_value){.sort_code = parts[0], .account_number = parts[1]};
	char out[SELECTOR_MAX], shown[SELECTOR_MAX], again[SELECTOR_MAX];
	const char *why = NULL;
	if (selector_normalise(k, &v, out, sizeof out, &why) == 0) {
		if (selector_display(k, out, shown, sizeof shown) != 0)
			abort();
		if (k == SEL_PHONE || k == SEL_EMAIL || k == SEL_POSTCODE || k == SEL_VEHICLE) {
			selector_value n = {.text = out};
			if (selector_normalise(k, &n, again, sizeof again, &why) != 0 || strcmp(out, again))
				abort();
		}
	} else if (!why || out[0]) {
		abort();
	}
	free(text);
	return 0;
}
