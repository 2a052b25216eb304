/* Disclosure control: small counts are hidden, and enough others with them
 * that no hidden count can be worked out by subtraction from a total, nor
 * from a table of one dimension published beside a table of two. */
#include "unit/test.h"

#include "domain/disclosure.h"

static void test_the_threshold_is_three_to_a_hundred(void **state)
{
	(void)state;
	assert_false(disclosure_threshold_valid(2));
	assert_true(disclosure_threshold_valid(DISCLOSURE_MIN_THRESHOLD));
	assert_true(disclosure_threshold_valid(DISCLOSURE_DEFAULT_THRESHOLD));
	assert_true(disclosure_threshold_valid(100));
	assert_false(disclosure_threshold_valid(101));
	assert_false(disclosure_threshold_valid(-10));
}

static void test_a_count_from_one_to_below_the_threshold_is_hidden_and_zero_is_shown(void **state)
{
	(void)state;
	assert_false(disclosure_hides(0, 10));
	assert_true(disclosure_hides(1, 10));
	assert_true(disclosure_hides(9, 10));
	assert_false(disclosure_hides(10, 10));
	assert_true(disclosure_hides(2, 3));
	assert_false(disclosure_hides(3, 3));
	assert_false(disclosure_hides(-1, 10));
}

static void test_one_hidden_cell_takes_the_smallest_other_with_it(void **state)
{
	(void)state;
	/* 3 alone hidden would be 53 - 20 - 30. */
	long c[] = {30, 3, 20, 0};
	unsigned char sup[4], tsup;
	disclosure_one_way(c, 4, 10, sup, &tsup);
	assert_int_equal(sup[0], 0);
	assert_int_equal(sup[1], 1);
	assert_int_equal(sup[2], 1); /* the smallest non-zero, not the zero */
	assert_int_equal(sup[3], 0);
	assert_int_equal(tsup, 0);
}

static void test_two_hidden_cells_need_no_more(void **state)
{
	(void)state;
	long c[] = {4, 0, 25, 6};
	unsigned char sup[4], tsup;
	disclosure_one_way(c, 4, 10, sup, &tsup);
	assert_memory_equal(sup, ((unsigned char[]){1, 0, 0, 1}), 4);
	assert_int_equal(tsup, 0);
}

static void test_the_total_is_hidden_only_below_the_threshold(void **state)
{
	(void)state;
	long small[] = {0, 5, 0};
	unsigned char sup[4], tsup;
	disclosure_one_way(small, 3, 10, sup, &tsup);
	assert_memory_equal(sup, ((unsigned char[]){0, 1, 0}), 3);
	assert_int_equal(tsup, 1); /* 5 of 5: hidden with the total */
	long many[] = {3, 3, 3, 3};
	disclosure_one_way(many, 4, 10, sup, &tsup);
	assert_int_equal(tsup, 0); /* 12 is shown; each 3 is not */
	assert_true(sup[0] && sup[1] && sup[2]);
}

static void test_a_hidden_cell_in_a_two_way_table_is_not_recovered_by_subtraction(void **state)
{
	(void)state;
	/* 5 alone hidden would be its row total less 20 and 30, or its
	 * column total less 15 and 12. Its row takes 20, its column 12, and
	 * 20's column takes 18, which closes row 2 too. */
	long c[] = {5, 20, 30, 15, 25, 40, 12, 18, 50};
	unsigned char cell[9], row[3], col[3], total;
	assert_int_equal(disclosure_two_way(c, 3, 3, 10, cell, row, col, &total), 0);
	assert_memory_equal(cell, ((unsigned char[]){1, 1, 0, 0, 0, 0, 1, 1, 0}), 9);
	assert_memory_equal(row, ((unsigned char[]){0, 0, 0}), 3);
	assert_memory_equal(col, ((unsigned char[]){0, 0, 0}), 3);
	assert_int_equal(total, 0);
}

static void test_two_way_margins_are_the_one_way_tables(void **state)
{
	(void)state;
	/* Row totals 4, 50, 60: the table by rows alone hides 4 and, so that
	 * 4 is not 114 - 50 - 60, hides 50. The two-way table must hide the
	 * same margins, and so cells of row 1 with its hidden total. */
	long c[] = {1, 3, 20, 30, 25, 35};
	unsigned char cell[6], row[3], col[2], total;
	assert_int_equal(disclosure_two_way(c, 3, 2, 10, cell, row, col, &total), 0);
	long rows[] = {4, 50, 60}, cols[] = {46, 68};
	unsigned char want_row[3], want_col[2], t1, t2;
	disclosure_one_way(rows, 3, 10, want_row, &t1);
	disclosure_one_way(cols, 2, 10, want_col, &t2);
	assert_memory_equal(row, want_row, 3);
	assert_memory_equal(col, want_col, 2);
	assert_memory_equal(row, ((unsigned char[]){1, 1, 0}), 3);
	assert_int_equal(total, t1);
	assert_memory_equal(cell, ((unsigned char[]){1, 1, 1, 1, 0, 0}), 6);
}

static void test_a_one_column_table_hides_each_cell_with_its_row_total(void **state)
{
	(void)state;
	long c[] = {4, 50, 60};
	unsigned char cell[3], row[3], col[1], total;
	assert_int_equal(disclosure_two_way(c, 3, 1, 10, cell, row, col, &total), 0);
	assert_memory_equal(row, ((unsigned char[]){1, 1, 0}), 3);
	assert_memory_equal(cell, row, 3);
	assert_int_equal(col[0], 0);
	assert_int_equal(total, 0);
	/* and one row the same way across */
	long d[] = {60, 0, 7};
	unsigned char cell2[3], row2[1], col2[3];
	assert_int_equal(disclosure_two_way(d, 1, 3, 10, cell2, row2, col2, &total), 0);
	assert_memory_equal(col2, ((unsigned char[]){1, 0, 1}), 3);
	assert_memory_equal(cell2, col2, 3);
}

static void test_a_share_is_hidden_when_its_part_or_the_rest_is_small(void **state)
{
	(void)state;
	int whole_hidden;
	assert_true(disclosure_share_hidden(4, 100, 10, &whole_hidden));
	assert_false(whole_hidden);
	assert_true(disclosure_share_hidden(95, 100, 10, &whole_hidden)); /* 5 did not */
	assert_false(disclosure_share_hidden(50, 100, 10, &whole_hidden));
	assert_false(
	    disclosure_share_hidden(0, 100, 10, &whole_hidden)); /* none of 100 is a figure */
	assert_false(disclosure_share_hidden(100, 100, 10, &whole_hidden));
	assert_true(disclosure_share_hidden(3, 6, 10, &whole_hidden));
	assert_true(whole_hidden);
	assert_false(disclosure_share_hidden(0, 0, 10, &whole_hidden));
	assert_false(whole_hidden);
}

/* The property test: random tables, seeded so a failure repeats. */

static unsigned long long rng_state;

static unsigned rng(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

static long random_count(int threshold)
{
	switch (rng(4)) {
	case 0:
		return 0;
	case 1:
		return 1 + rng((unsigned)threshold - 1); /* below the threshold */
	case 2:
		return threshold + rng(5); /* just above */
	default:
		return rng(200);
	}
}

/* In a line of n cells (index first + i * step) whose sum is its total,
 * how many figures are unknown: 1 means the one hidden figure is the
 * total less the others shown. */
static size_t unknowns(const unsigned char *sup, size_t first, size_t step, size_t n,
                       unsigned char total_sup)
{
	size_t k = total_sup;
	for (size_t i = 0; i < n; i++)
		k += sup[first + i * step] != 0;
	return k;
}

/* A hidden zero only where one of its lines had nothing else left. */
static int zero_hidden_as_last_resort(const long *c, const unsigned char *sup, size_t rows,
                                      size_t cols, size_t r, size_t k)
{
	int row_spent = 1, col_spent = 1;
	for (size_t j = 0; j < cols; j++)
		if (c[r * cols + j] != 0 && !sup[r * cols + j])
			row_spent = 0;
	for (size_t i = 0; i < rows; i++)
		if (c[i * cols + k] != 0 && !sup[i * cols + k])
			col_spent = 0;
	return row_spent || col_spent;
}

static void check_one_way(const long *c, size_t n, int threshold)
{
	unsigned char sup[8], tsup, again[8], tagain;
	long total = 0;
	disclosure_one_way(c, n, threshold, sup, &tsup);
	for (size_t i = 0; i < n; i++) {
		total += c[i];
		if (disclosure_hides(c[i], threshold))
			assert_true(sup[i]);
		if (c[i] == 0 && sup[i])
			assert_true(zero_hidden_as_last_resort(c, sup, 1, n, 0, i));
	}
	assert_int_equal(tsup, disclosure_hides(total, threshold));
	assert_int_not_equal(unknowns(sup, 0, 1, n, tsup), 1);
	disclosure_one_way(c, n, threshold, again, &tagain);
	assert_memory_equal(sup, again, n);
}

static void check_two_way(const long *c, size_t rows, size_t cols, int threshold)
{
	unsigned char cell[64], row[8], col[8], total;
	assert_int_equal(disclosure_two_way(c, rows, cols, threshold, cell, row, col, &total), 0);
	long row_sum[8] = {0}, col_sum[8] = {0}, grand = 0;
	for (size_t r = 0; r < rows; r++)
		for (size_t k = 0; k < cols; k++) {
			long v = c[r * cols + k];
			row_sum[r] += v;
			col_sum[k] += v;
			grand += v;
			if (disclosure_hides(v, threshold))
				assert_true(cell[r * cols + k]);
			if (v == 0 && cell[r * cols + k])
				assert_true(zero_hidden_as_last_resort(c, cell, rows, cols, r, k));
		}
	unsigned char want_row[8], want_col[8], t;
	disclosure_one_way(row_sum, rows, threshold, want_row, &t);
	assert_memory_equal(row, want_row, rows);
	assert_int_equal(total, t);
	disclosure_one_way(col_sum, cols, threshold, want_col, &t);
	assert_memory_equal(col, want_col, cols);
	assert_int_equal(total, disclosure_hides(grand, threshold));
	for (size_t r = 0; r < rows; r++)
		assert_int_not_equal(unknowns(cell, r * cols, 1, cols, row[r]), 1);
	for (size_t k = 0; k < cols; k++)
		assert_int_not_equal(unknowns(cell, k, cols, rows, col[k]), 1);
	assert_int_not_equal(unknowns(row, 0, 1, rows, total), 1);
	assert_int_not_equal(unknowns(col, 0, 1, cols, total), 1);
	unsigned char again[64], ra[8], ca[8], ta;
	assert_int_equal(disclosure_two_way(c, rows, cols, threshold, again, ra, ca, &ta), 0);
	assert_memory_equal(cell, again, rows * cols);
}

static void test_random_tables_keep_every_rule(void **state)
{
	(void)state;
	rng_state = 17;
	for (int i = 0; i < 4000; i++) {
		int threshold = DISCLOSURE_MIN_THRESHOLD + (int)rng(18);
		size_t rows = 1 + rng(8), cols = 1 + rng(8);
		long c[64];
		for (size_t j = 0; j < rows * cols; j++)
			c[j] = random_count(threshold);
		check_one_way(c, cols, threshold);
		check_two_way(c, rows, cols, threshold);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_the_threshold_is_three_to_a_hundred),
	    cmocka_unit_test(
	        test_a_count_from_one_to_below_the_threshold_is_hidden_and_zero_is_shown),
	    cmocka_unit_test(test_one_hidden_cell_takes_the_smallest_other_with_it),
	    cmocka_unit_test(test_two_hidden_cells_need_no_more),
	    cmocka_unit_test(test_the_total_is_hidden_only_below_the_threshold),
	    cmocka_unit_test(test_a_hidden_cell_in_a_two_way_table_is_not_recovered_by_subtraction),
	    cmocka_unit_test(test_two_way_margins_are_the_one_way_tables),
	    cmocka_unit_test(test_a_one_column_table_hides_each_cell_with_its_row_total),
	    cmocka_unit_test(test_a_share_is_hidden_when_its_part_or_the_rest_is_small),
	    cmocka_unit_test(test_random_tables_keep_every_rule),
	};
	return cmocka_run_group_tests_name("domain/disclosure", tests, NULL, NULL);
}
