/* Disclosure control (see disclosure.h).
 *
 * Primary suppression hides every count from 1 to threshold - 1. Secondary
 * suppression then walks the lines of the table (a one-way table is one
 * line: its cells and its total; a two-way table has a line for each row
 * and each column, each with its total) and, wherever a line has exactly
 * one hidden figure, hides one more cell of that line: the smallest
 * non-zero count still shown, a zero only when nothing else is left. It
 * walks again until a walk changes nothing. Then, as the lines alone do
 * not protect a hidden cell that is the only link between two groups of
 * others (break_bridge), it joins such groups and walks again. A hidden
 * cell is never shown again, so the walk ends: each pass that changes
 * something hides a cell.
 *
 * A line whose total is hidden has every cell hidden, zeros too: its shown
 * zeros would say that everyone it counts, fewer than the threshold, is
 * in its few non-zero cells (all of one nationality, say, or all girls).
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
	if (*total_suppressed) {
		memset(suppressed, 1, n);
		return;
	}
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

/* ---- hidden cells the lines do not protect ----
 *
 * Every line having none or two hidden figures is not enough: the lines
 * of a table hold together. Write the table with its margins as one
 * (rows + 1) x (cols + 1) table, the row totals as a last column and the
 * column totals as a last row, each negated, and the grand total in the
 * corner: every row and every column of it sums to zero. Its hidden
 * figures are the edges of a graph between its rows and its columns, and
 * a hidden figure can be worked out from those shown exactly when its
 * edge is a bridge, on no cycle: around a cycle a figure can grow by one
 * while the next shrinks by one and every line still adds up, but
 * whatever lies on one side of a bridge sums to its value. So wherever a
 * figure below the threshold is a bridge, one more interior cell that
 * joins the bridge's two sides is hidden (the smallest non-zero count,
 * a zero only when nothing else joins them), and the lines are walked
 * again. The margins stay as they are. */

typedef struct bridges {
	size_t rows, cols, nodes; /* rows + 1 row nodes, then cols + 1 column nodes */
	const unsigned char *cell_sup, *row_sup, *col_sup;
	unsigned char total_sup;
	size_t *order, *low; /* DFS numbering, 0: not yet visited */
	size_t clock;
	size_t bridge_r, bridge_k; /* the sensitive bridge found, or SIZE_MAX */
	const long *count;
	const long *row_sum, *col_sum;
	long grand;
	int threshold;
} bridges;

/* Whether the extended table's figure at (r, k) is hidden. */
static int ext_hidden(const bridges *b, size_t r, size_t k)
{
	if (r < b->rows && k < b->cols)
		return b->cell_sup[r * b->cols + k];
	if (r < b->rows)
		return b->row_sup[r];
	if (k < b->cols)
		return b->col_sup[k];
	return b->total_sup;
}

static long ext_value(const bridges *b, size_t r, size_t k)
{
	if (r < b->rows && k < b->cols)
		return b->count[r * b->cols + k];
	if (r < b->rows)
		return b->row_sum[r];
	if (k < b->cols)
		return b->col_sum[k];
	return b->grand;
}

/* Node v's neighbour number i (the other end of its i-th possible edge),
 * and the edge's row and column. */
static size_t ext_other(const bridges *b, size_t v, size_t i, size_t *r, size_t *k)
{
	if (v <= b->rows) {
		*r = v;
		*k = i;
		return b->rows + 1 + i;
	}
	*r = i;
	*k = v - b->rows - 1;
	return i;
}

/* Tarjan's bridges from v, entered by the edge (from_r, from_k). Stops at
 * the first bridge whose figure is below the threshold. */
static void bridge_dfs(bridges *b, size_t v, size_t from_r, size_t from_k)
{
	b->order[v] = b->low[v] = ++b->clock;
	size_t degree = v <= b->rows ? b->cols + 1 : b->rows + 1;
	for (size_t i = 0; i < degree && b->bridge_r == SIZE_MAX; i++) {
		size_t r, k, w = ext_other(b, v, i, &r, &k);
		if (!ext_hidden(b, r, k) || (r == from_r && k == from_k))
			continue;
		if (b->order[w]) {
			if (b->order[w] < b->low[v])
				b->low[v] = b->order[w];
			continue;
		}
		bridge_dfs(b, w, r, k);
		if (b->low[w] < b->low[v])
			b->low[v] = b->low[w];
		if (b->low[w] > b->order[v] && disclosure_hides(ext_value(b, r, k), b->threshold)) {
			if (b->bridge_r == SIZE_MAX) {
				b->bridge_r = r;
				b->bridge_k = k;
			}
		}
	}
}

/* Marks side[] for the nodes reached from v over hidden edges other than
 * (skip_r, skip_k). */
static void bridge_side(const bridges *b, size_t v, size_t skip_r, size_t skip_k,
                        unsigned char *side)
{
	side[v] = 1;
	size_t degree = v <= b->rows ? b->cols + 1 : b->rows + 1;
	for (size_t i = 0; i < degree; i++) {
		size_t r, k, w = ext_other(b, v, i, &r, &k);
		if (!side[w] && ext_hidden(b, r, k) && !(r == skip_r && k == skip_k))
			bridge_side(b, w, skip_r, skip_k, side);
	}
}

/* Hides one interior cell that puts a figure below the threshold back on a
 * cycle: 1 when it hid one, 0 when no such figure is a bridge, -1 when out
 * of memory. */
static int break_bridge(const long *count, size_t rows, size_t cols, int threshold,
                        unsigned char *cell_sup, const unsigned char *row_sup,
                        const unsigned char *col_sup, unsigned char total_sup)
{
	bridges b = {rows, cols, rows + cols + 2, cell_sup, row_sup, col_sup, total_sup,
	             NULL, NULL, 0, SIZE_MAX, SIZE_MAX, count, NULL, NULL, 0, threshold};
	b.order = calloc(b.nodes, sizeof *b.order);
	b.low = calloc(b.nodes, sizeof *b.low);
	long *row_sum = calloc(rows, sizeof *row_sum), *col_sum = calloc(cols, sizeof *col_sum);
	unsigned char *side = calloc(b.nodes, 1);
	int rc = -1;
	if (!b.order || !b.low || !row_sum || !col_sum || !side)
		goto out;
	for (size_t r = 0; r < rows; r++)
		for (size_t k = 0; k < cols; k++) {
			row_sum[r] += count[r * cols + k];
			col_sum[k] += count[r * cols + k];
			b.grand += count[r * cols + k];
		}
	b.row_sum = row_sum;
	b.col_sum = col_sum;
	for (size_t v = 0; v < b.nodes && b.bridge_r == SIZE_MAX; v++)
		if (!b.order[v])
			bridge_dfs(&b, v, SIZE_MAX, SIZE_MAX);
	rc = 0;
	if (b.bridge_r == SIZE_MAX)
		goto out;
	/* The side of the bridge its row is on. */
	bridge_side(&b, b.bridge_r, b.bridge_r, b.bridge_k, side);
	size_t best = SIZE_MAX, zero = SIZE_MAX;
	for (size_t r = 0; r < rows; r++)
		for (size_t k = 0; k < cols; k++) {
			size_t at = r * cols + k;
			if (cell_sup[at] || side[r] == side[rows + 1 + k])
				continue;
			if (count[at] == 0) {
				if (zero == SIZE_MAX)
					zero = at;
			} else if (best == SIZE_MAX || count[at] < count[best]) {
				best = at;
			}
		}
	if (best == SIZE_MAX)
		best = zero;
	if (best == SIZE_MAX) {
		/* Never so while the lines hold (a side with no interior cell
		 * to join would leave a line one hidden figure); should it be,
		 * the table fails closed: every interior cell is hidden. */
		memset(cell_sup, 1, rows * cols);
		goto out;
	}
	cell_sup[best] = 1;
	rc = 1;
out:
	free(b.order);
	free(b.low);
	free(row_sum);
	free(col_sum);
	free(side);
	return rc;
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
	for (size_t r = 0; r < rows; r++)
		if (row_sup[r])
			memset(cell_sup + r * cols, 1, cols);
	for (size_t k = 0; k < cols; k++)
		if (col_sup[k])
			for (size_t r = 0; r < rows; r++)
				cell_sup[r * cols + k] = 1;
	int rc = 0;
	for (;;) {
		while (two_way_pass(count, rows, cols, cell_sup, row_sup, col_sup))
			;
		rc = break_bridge(count, rows, cols, threshold, cell_sup, row_sup, col_sup, *total_sup);
		if (rc != 1)
			break;
	}
	return rc < 0 ? -1 : 0;
}

int disclosure_share_hidden(long part, long whole, int threshold, int *whole_suppressed)
{
	long cells[2] = {part, whole - part};
	unsigned char sup[2], tsup;
	disclosure_one_way(cells, 2, threshold, sup, &tsup);
	*whole_suppressed = tsup;
	return sup[0] || sup[1] || tsup;
}
