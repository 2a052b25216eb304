-- Exports count the people first identified as potential victims in a
-- period: the parts recorded in it are found by their role and time.
CREATE INDEX case_people_victims ON case_people (role, created_at);
