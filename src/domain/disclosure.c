/* Disclosure control (see disclosure.h).
 *
 * Primary suppression hides every count from 1 to threshold - 1. Secondary
 * suppression then walks the lines of the table (a one-way table is one
 * line: its cells and its total; a two-way table has a line for each row
 * and each column, each with its total) and, wherever a line has exactly
 * one hidden figure, hides one more cell of that line: the smallest
 * non-zero count still shown, a zero only when nothing else is left. It
 * walks again until a walk changes nothing. A hidden cell is never shown
 * again, so the walk ends: each pass that changes something hides a cell.
 *
 * A two-way table's margins are decided first, as disclosure_one_way
 * decides each dimension alone, and are never changed afterwards: the
 * secondary suppression of the interior chooses interior cells only, so a
 * table by one dimension published beside a table by two gives nothing
 * away. Every decision depends on the counts alone and on their order,
 * never on memory addresses or time, so the same table is always
 * suppressed the same way. */
#include "domain/disclosure.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int disclosure_threshold_valid(long threshold)
{
	return threshold >= DISCLOSURE_MIN_THRESHOLD && threshold <= DISCLOSURE_MAX_THRESHOLD;
}

int disclosure_hides(long count, int threshold)
{
	return count > 0 && count < threshold;
}

/* Of the cells of a line still shown (n cells, the i-th at index
 * first + i * step), the one to hide next: the smallest non-zero count,
 * the first of equals; a zero only when every shown cell is zero. Returns
 * its index, or SIZE_MAX when every cell of the line is hidden. */
static size_t next_to_hide(const long *count, const unsigned char *sup, size_t first, size_t step,
                           size_t n)
{
	size_t best = SIZE_MAX, zero = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		size_t at = first + i * step;
		if (sup[at])
			continue;
		if (count[at] == 0) {
			if (zero == SIZE_MAX)
				zero = at;
		} else if (best == SIZE_MAX || count[at] < count[best]) {
			best = at;
		}
	}
	return best != SIZE_MAX ? best : zero;
}

/* How many of a line's n cells are hidden. */
static size_t hidden_in_line(const unsigned char *sup, size_t first, size_t step, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += sup[first + i * step] != 0;
	return k;
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
	/* One line: when the total is hidden every non-zero cell is too
	 * (each is at most the total), so only a shown total can leave a
	 * single hidden figure, and one more cell mends it. */
	if (hidden_in_line(suppressed, 0, 1, n) + *total_suppressed == 1) {
		size_t at = next_to_hide(count, suppressed, 0, 1, n);
		if (at != SIZE_MAX)
			suppressed[at] = 1;
	}
}

/* One pass over the lines of a two-way table whose margins are decided.
 * Returns 1 when it hid a cell. */
static int two_way_pass(const long *count, size_t rows, size_t cols, unsigned char *cell_sup,
                        const unsigned char *row_sup, const unsigned char *col_sup)
{
	int changed = 0;
	for (size_t r = 0; r < rows; r++) {
		if (hidden_in_line(cell_sup, r * cols, 1, cols) + row_sup[r] != 1)
			continue;
		size_t at = next_to_hide(count, cell_sup, r * cols, 1, cols);
		if (at != SIZE_MAX) {
			cell_sup[at] = 1;
			changed = 1;
		}
	}
	for (size_t k = 0; k < cols; k++) {
		if (hidden_in_line(cell_sup, k, cols, rows) + col_sup[k] != 1)
			continue;
		size_t at = next_to_hide(count, cell_sup, k, cols, rows);
		if (at != SIZE_MAX) {
			cell_sup[at] = 1;
			changed = 1;
		}
	}
	return changed;
}

int disclosure_two_way(const long *count, size_t rows, size_t cols, int threshold,
                       unsigned char *cell_sup, unsigned char *row_sup, unsigned char *col_sup,
                       unsigned char *total_sup)
{
	if (rows == 0 || cols == 0 || rows > SIZE_MAX / cols)
		return -1;
	long *row_sum = calloc(rows, sizeof *row_sum);
	long *col_sum = calloc(cols, sizeof *col_sum);
	if (!row_sum || !col_sum) {
		free(row_sum);
		free(col_sum);
		return -1;
	}
	for (size_t r = 0; r < rows; r++)
		for (size_t k = 0; k < cols; k++) {
			long c = count[r * cols + k];
			row_sum[r] += c;
			col_sum[k] += c;
			cell_sup[r * cols + k] = (unsigned char)disclosure_hides(c, threshold);
		}
	unsigned char row_total_sup, col_total_sup;
	disclosure_one_way(row_sum, rows, threshold, row_sup, &row_total_sup);
	disclosure_one_way(col_sum, cols, threshold, col_sup, &col_total_sup);
	*total_sup = row_total_sup; /* the same grand total both ways */
	free(row_sum);
	free(col_sum);

	/* A table of one column (or one row) holds each margin again in its
	 * only cell: the cell is hidden exactly when its margin is, and the
	 * one line across the cells is the margin's own one-way table,
	 * already whole. */
	if (cols == 1) {
		memcpy(cell_sup, row_sup, rows);
		return 0;
	}
	if (rows == 1) {
		memcpy(cell_sup, col_sup, cols);
		return 0;
	}
	while (two_way_pass(count, rows, cols, cell_sup, row_sup, col_sup))
		;
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
