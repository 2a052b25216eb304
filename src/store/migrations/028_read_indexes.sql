-- A case page lists its victims' contacts by case: without this index every
-- read of a case scanned every contact of every case.
CREATE INDEX victim_contacts_case ON victim_contacts (case_id);
