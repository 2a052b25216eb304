/* Disclosure control (see disclosure.h). This first cut applies primary
 * suppression only; secondary suppression follows. */
#include "domain/disclosure.h"

#include <string.h>

int disclosure_threshold_valid(long threshold)
{
	return threshold >= DISCLOSURE_MIN_THRESHOLD && threshold <= DISCLOSURE_MAX_THRESHOLD;
}

int disclosure_hides(long count, int threshold)
{
	return count > 0 && count < threshold;
}

void disclosure_one_way(const long *count, size_t n, int threshold, unsigned char *suppressed,
			unsigned char *total_suppressed)
{
	long total = 0;
	for (size_t i = 0; i < n; i++) {
		suppressed[i] = (unsigned char)disclosure_hides(count[i], threshold);
		total += count[i];
	}
	*total_suppressed = (unsigned char)disclosure_hides(total, threshold);
}

int disclosure_two_way(const long *count, size_t rows, size_t cols, int threshold, unsigned char *cell_sup,
		       unsigned char *row_sup, unsigned char *col_sup, unsigned char *total_sup)
{
	long total = 0;
	for (size_t r = 0; r < rows; r++) {
		long sum = 0;
		for (size_t k = 0; k < cols; k++) {
			cell_sup[r * cols + k] = (unsigned char)disclosure_hides(count[r * cols + k], threshold);
			sum += count[r * cols + k];
		}
		row_sup[r] = (unsigned char)disclosure_hides(sum, threshold);
		total += sum;
	}
	for (size_t k = 0; k < cols; k++) {
		long sum = 0;
		for (size_t r = 0; r < rows; r++)
			sum += count[r * cols + k];
		col_sup[k] = (unsigned char)disclosure_hides(sum, threshold);
	}
	*total_sup = (unsigned char)disclosure_hides(total, threshold);
	return 0;
}

int disclosure_share_hidden(long part, long whole, int threshold, int *whole_suppressed)
{
	long cells[2] = {part, whole - part};
	unsigned char sup[2], tsup;
	disclosure_one_way(cells, 2, threshold, sup, &tsup);
	*whole_suppressed = tsup;
	return sup[0] || sup[1] || tsup;
}
