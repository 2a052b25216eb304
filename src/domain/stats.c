#include "domain/stats.h"

#include <stdlib.h>

double stats_percentile(const double *sorted, size_t n, double p)
{
	if (n == 0)
		return 0;
	double r = p / 100.0 * (double)n;
	size_t rank = r > 0 ? (size_t)r : 0;
	if ((double)rank < r)
		rank++; /* rounded up */
	size_t i = rank < 1 ? 0 : rank - 1;
	return sorted[i < n ? i : n - 1];
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

void stats_sort(double *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof *v, by_value);
}
