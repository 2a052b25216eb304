#include "domain/victims_code.h"

#include <string.h>

int vc_key_event_valid(const char *kind)
{
	static const char *const v[] = {"arrest", "interview", "release", "bail", "charge",
					"decision_not_to_charge", "court_date_set", "verdict", NULL};
	for (int i = 0; kind && v[i]; i++)
		if (strcmp(v[i], kind) == 0)
			return 1;
	return 0;
}

int vc_update_due(const char *event_day, int enhanced, const holidays *h, char out[DATE_LEN])
{
	return workdays_add(event_day, enhanced ? VC_ENHANCED_WORKING_DAYS : VC_STANDARD_WORKING_DAYS, h, out);
}

int vc_spoc_kind_valid(const char *kind)
{
	return kind && (strcmp(kind, "officer") == 0 || strcmp(kind, "navigator") == 0);
}
