-- The reference at the head of a case's searched text is folded like the
-- rest of it (the store now writes it lower-cased), so that words taken
-- from a reference find the case on PostgreSQL, whose LIKE heeds case, as
-- they always did on SQLite.
UPDATE cases SET search_text = LOWER(reference) || SUBSTR(search_text, LENGTH(reference) + 1);
