-- Reserved: migration 020 is the directory of services and service
-- referrals (issue 16, part 1), built on its own branch. This stand-in
-- keeps the numbers in order on the Go bags branch (migrations run by
-- number, so 021 needs a 020) and does nothing; the services branch's
-- file replaces it when the parts are merged. Never ship a database made
-- with this stand-in: it records version 20 without the services tables.
SELECT 1;
