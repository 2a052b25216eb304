/* Disclosure control: the one rule every figure that leaves casework goes
 * through, so that no count, table, rate or export can single out a
 * victim.
 *
 * A count of at least 1 and below the threshold is suppressed (primary
 * suppression); zero is a number, never hidden for being small. A line
 * whose total is hidden has all its cells hidden, zeros too, which would
 * otherwise say where its few are. Secondary suppression then
 * hides as many further cells as needed that no suppressed cell can be
 * worked out from the totals beside it: in every line of a table (each
 * row and each column, with its total) either no cell is suppressed or at
 * least two are, and no hidden cell below the threshold is the only link
 * between two groups of hidden figures (which would let the table's lines
 * be solved for it). A two-way table's margins are exactly the one-way tables
 * of its dimensions over the same records, suppressed the same way, so
 * one table published beside another of the same period gives nothing
 * away either. The threshold is set by an administrator; it is never
 * below DISCLOSURE_MIN_THRESHOLD. */
#ifndef WAYMARK_DOMAIN_DISCLOSURE_H
#define WAYMARK_DOMAIN_DISCLOSURE_H

#include <stddef.h>

#define DISCLOSURE_DEFAULT_THRESHOLD 10
#define DISCLOSURE_MIN_THRESHOLD 3
#define DISCLOSURE_MAX_THRESHOLD 100

/* 1 when a threshold may be set: DISCLOSURE_MIN_THRESHOLD to
 * DISCLOSURE_MAX_THRESHOLD. */
int disclosure_threshold_valid(long threshold);

/* 1 when a single count standing alone is suppressed: 0 < count < threshold. */
int disclosure_hides(long count, int threshold);

/* A one-way table of n counts (n >= 1) and their total. Sets suppressed[i]
 * for each hidden cell and *total_suppressed for the total. */
void disclosure_one_way(const long *count, size_t n, int threshold, unsigned char *suppressed,
			unsigned char *total_suppressed);

/* A two-way table of rows x cols counts, row-major, with its row totals,
 * column totals and grand total. Sets cell_sup[rows*cols], row_sup[rows],
 * col_sup[cols] and *total_sup. The margins come out as
 * disclosure_one_way gives them for each dimension. Returns 0, or -1 when
 * out of memory. */
int disclosure_two_way(const long *count, size_t rows, size_t cols, int threshold, unsigned char *cell_sup,
		       unsigned char *row_sup, unsigned char *col_sup, unsigned char *total_sup);

/* A share of a whole (part of whole, such as decisions made in time of
 * all decisions): a table of two cells, part and whole - part, with whole
 * as its total. Returns 1 when the part (and so the share) must be hidden;
 * *whole_suppressed says whether the whole must be too. */
int disclosure_share_hidden(long part, long whole, int threshold, int *whole_suppressed);

#endif
