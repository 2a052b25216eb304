-- Statistics (src/store/statistics.c) read where each potential victim's
-- NRM stands from their own records and those merged into theirs: find
-- the merged records by the survivor without reading every person. Few
-- people are merged, so the index holds only them.
CREATE INDEX people_merged_into ON people (merged_into) WHERE merged_into IS NOT NULL;
