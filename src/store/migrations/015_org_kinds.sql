-- Kinds of partner organisation. A force works with more than one kind of
-- partner: a local authority's children's or adult social care, a support
-- provider (a charity or a commissioned service), an Independent Child
-- Trafficking Guardianship service, a health service, and others. The kind
-- column keeps its class (force, partner or opcc), which decides who may
-- belong to an organisation and what they reach; a partner also has its
-- partner_kind, which the API shows and filters by (NULL for a force and a
-- Commissioner's office). Many tables refer to orgs, so it gains a column
-- rather than being made again.

ALTER TABLE orgs ADD COLUMN partner_kind TEXT
	CHECK (partner_kind IN ('local_authority', 'support_provider', 'guardian', 'health', 'other'));

-- Until now every partner was one that supports victims.
UPDATE orgs SET partner_kind = 'support_provider' WHERE kind = 'partner';

-- Support referrals are looked up by the organisation giving the support.
CREATE INDEX support_referrals_provider ON support_referrals (provider_org_id);
