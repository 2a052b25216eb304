// What the users list and a user's page share: the roles that fit an
// organisation, its teams as a question, and the one-time link of a new
// account carried from the page that added it to the account's own page.
import { orgKindClass } from '/js/admin.js';
import { roleName } from '/js/api.js';

const roles = ['admin', 'supervisor', 'investigator', 'safeguarding', 'analyst', 'opcc', 'partner', 'auditor', 'records_manager'];
// The roles each class of organisation holds (the API's role_fits_org).
const fits = {
  force: ['admin', 'supervisor', 'investigator', 'safeguarding', 'analyst', 'auditor', 'records_manager'],
  partner: ['partner', 'admin', 'auditor'],
  opcc: ['opcc', 'admin', 'auditor'],
};

// The role radios' options, by name: those that fit an organisation of
// the kind (a partner's kind is of the class partner), or every role when
// the kind is not known.
export function roleOptions(kind) {
  return roles.filter((r) => !kind || (fits[orgKindClass(kind)] || []).includes(r)).map((r) => ({ value: r, label: roleName(r) }));
}

// The team question for an organisation: its teams by name and "No team"
// (value 'none'); no options when there is no organisation.
export function teamField(org) {
  const teams = org && Array.isArray(org.teams) ? org.teams : [];
  return {
    id: 'team', label: 'Team', kind: 'radios',
    options: org ? [...teams.map((t) => ({ value: t.name, label: t.name })), { value: 'none', label: 'No team' }] : [],
  };
}

// The link in the answer that made an account is shown once, on the
// account's page: it is kept in this tab's session storage only until that
// page takes it.
const KEY = 'waymark-new-user-link';

export function keepNewLink(user) {
  sessionStorage.setItem(KEY, JSON.stringify({ id: user.id, ...user.password_link }));
}

export function takeNewLink(id) {
  const kept = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (!kept) return null;
  const link = JSON.parse(kept);
  return link.id === id ? link : null;
}
