-- The statutory workflow: bank holidays for working-day clocks, NRM
-- referrals with their decisions, and Duty to Notify records.

CREATE TABLE bank_holidays (
	day TEXT PRIMARY KEY,
	name TEXT NOT NULL
) STRICT;

-- England and Wales, 2020 to 2030, with substitute days and the one-off
-- holidays of 2020 (VE Day moved the early May holiday), 2022 (the
-- Platinum Jubilee and the State Funeral) and 2023 (the Coronation).
INSERT INTO bank_holidays (day, name) VALUES
	('2020-01-01', 'New Year''s Day'), ('2020-04-10', 'Good Friday'), ('2020-04-13', 'Easter Monday'),
	('2020-05-08', 'Early May bank holiday (VE day)'), ('2020-05-25', 'Spring bank holiday'),
	('2020-08-31', 'Summer bank holiday'), ('2020-12-25', 'Christmas Day'), ('2020-12-28', 'Boxing Day (substitute day)'),
	('2021-01-01', 'New Year''s Day'), ('2021-04-02', 'Good Friday'), ('2021-04-05', 'Easter Monday'),
	('2021-05-03', 'Early May bank holiday'), ('2021-05-31', 'Spring bank holiday'),
	('2021-08-30', 'Summer bank holiday'), ('2021-12-27', 'Christmas Day (substitute day)'), ('2021-12-28', 'Boxing Day (substitute day)'),
	('2022-01-03', 'New Year''s Day (substitute day)'), ('2022-04-15', 'Good Friday'), ('2022-04-18', 'Easter Monday'),
	('2022-05-02', 'Early May bank holiday'), ('2022-06-02', 'Spring bank holiday'), ('2022-06-03', 'Platinum Jubilee bank holiday'),
	('2022-08-29', 'Summer bank holiday'), ('2022-09-19', 'Bank Holiday for the State Funeral of Queen Elizabeth II'),
	('2022-12-26', 'Boxing Day'), ('2022-12-27', 'Christmas Day (substitute day)'),
	('2023-01-02', 'New Year''s Day (substitute day)'), ('2023-04-07', 'Good Friday'), ('2023-04-10', 'Easter Monday'),
	('2023-05-01', 'Early May bank holiday'), ('2023-05-08', 'Bank holiday for the coronation of King Charles III'),
	('2023-05-29', 'Spring bank holiday'), ('2023-08-28', 'Summer bank holiday'), ('2023-12-25', 'Christmas Day'), ('2023-12-26', 'Boxing Day'),
	('2024-01-01', 'New Year''s Day'), ('2024-03-29', 'Good Friday'), ('2024-04-01', 'Easter Monday'),
	('2024-05-06', 'Early May bank holiday'), ('2024-05-27', 'Spring bank holiday'),
	('2024-08-26', 'Summer bank holiday'), ('2024-12-25', 'Christmas Day'), ('2024-12-26', 'Boxing Day'),
	('2025-01-01', 'New Year''s Day'), ('2025-04-18', 'Good Friday'), ('2025-04-21', 'Easter Monday'),
	('2025-05-05', 'Early May bank holiday'), ('2025-05-26', 'Spring bank holiday'),
	('2025-08-25', 'Summer bank holiday'), ('2025-12-25', 'Christmas Day'), ('2025-12-26', 'Boxing Day'),
	('2026-01-01', 'New Year''s Day'), ('2026-04-03', 'Good Friday'), ('2026-04-06', 'Easter Monday'),
	('2026-05-04', 'Early May bank holiday'), ('2026-05-25', 'Spring bank holiday'),
	('2026-08-31', 'Summer bank holiday'), ('2026-12-25', 'Christmas Day'), ('2026-12-28', 'Boxing Day (substitute day)'),
	('2027-01-01', 'New Year''s Day'), ('2027-03-26', 'Good Friday'), ('2027-03-29', 'Easter Monday'),
	('2027-05-03', 'Early May bank holiday'), ('2027-05-31', 'Spring bank holiday'),
	('2027-08-30', 'Summer bank holiday'), ('2027-12-27', 'Christmas Day (substitute day)'), ('2027-12-28', 'Boxing Day (substitute day)'),
	('2028-01-03', 'New Year''s Day (substitute day)'), ('2028-04-14', 'Good Friday'), ('2028-04-17', 'Easter Monday'),
	('2028-05-01', 'Early May bank holiday'), ('2028-05-29', 'Spring bank holiday'),
	('2028-08-28', 'Summer bank holiday'), ('2028-12-25', 'Christmas Day'), ('2028-12-26', 'Boxing Day'),
	('2029-01-01', 'New Year''s Day'), ('2029-03-30', 'Good Friday'), ('2029-04-02', 'Easter Monday'),
	('2029-05-07', 'Early May bank holiday'), ('2029-05-28', 'Spring bank holiday'),
	('2029-08-27', 'Summer bank holiday'), ('2029-12-25', 'Christmas Day'), ('2029-12-26', 'Boxing Day'),
	('2030-01-01', 'New Year''s Day'), ('2030-04-19', 'Good Friday'), ('2030-04-22', 'Easter Monday'),
	('2030-05-06', 'Early May bank holiday'), ('2030-05-27', 'Spring bank holiday'),
	('2030-08-26', 'Summer bank holiday'), ('2030-12-25', 'Christmas Day'), ('2030-12-26', 'Boxing Day');

CREATE TABLE nrm_referrals (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	first_responder_id TEXT NOT NULL REFERENCES users(id),
	referred_on TEXT NOT NULL,
	child INTEGER NOT NULL,
	consent TEXT,                  -- JSON {given, method, language, interpreter}; NULL for a child
	competent_authority TEXT NOT NULL CHECK (competent_authority IN ('single', 'immigration_enforcement')),
	status TEXT NOT NULL CHECK (status IN ('awaiting_reasonable_grounds', 'reasonable_grounds_positive',
		'reasonable_grounds_negative', 'conclusive_grounds_positive', 'conclusive_grounds_negative', 'withdrawn')),
	rg_due TEXT NOT NULL,
	rg_outcome TEXT,
	rg_decided_on TEXT,
	recovery_period_end TEXT,
	cg_outcome TEXT,
	cg_decided_on TEXT,
	withdrawn_on TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	version INTEGER NOT NULL
) STRICT;
CREATE INDEX nrm_referrals_case ON nrm_referrals (case_id);
CREATE INDEX nrm_referrals_person ON nrm_referrals (person_id);

CREATE TABLE duty_to_notify (
	id TEXT PRIMARY KEY,
	case_id TEXT NOT NULL REFERENCES cases(id),
	person_id TEXT NOT NULL REFERENCES people(id),
	submitted_on TEXT NOT NULL,
	identifying_consent INTEGER NOT NULL,
	created_by TEXT NOT NULL REFERENCES users(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX duty_to_notify_case ON duty_to_notify (case_id);
CREATE INDEX duty_to_notify_person ON duty_to_notify (person_id);
