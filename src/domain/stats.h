/* Summary figures for the aggregate reports. */
#ifndef WAYMARK_DOMAIN_STATS_H
#define WAYMARK_DOMAIN_STATS_H

#include <stddef.h>

/* The p-th percentile (0 < p <= 100) of n values sorted ascending, by the
 * nearest-rank method: the smallest value with at least p% of the values at
 * or below it. 0 when n is 0. */
double stats_percentile(const double *sorted, size_t n, double p);
/* Sorts n values ascending. */
void stats_sort(double *v, size_t n);

#endif
