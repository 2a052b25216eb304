// What the administrators' pages share: organisation kinds by name and the
// GOV.UK success banner that ends a change.
import { successBanner } from '/js/shell.js';

// Each kind the API names an organisation by: its name, and its class,
// which decides the roles its accounts may have (the API's
// domain/org_kinds.c). A partner is of one of five kinds.
const orgKinds = {
  force: { name: 'Police force', class: 'force' },
  opcc: { name: 'Police and Crime Commissioner', class: 'opcc' },
  local_authority: { name: 'Local authority', class: 'partner', hint: 'Children’s or adult social care' },
  support_provider: { name: 'Support provider', class: 'partner', hint: 'A charity or a commissioned service' },
  guardian: { name: 'Independent Child Trafficking Guardianship', class: 'partner', hint: 'A service giving a trafficked child an independent guardian' },
  health: { name: 'Health', class: 'partner', hint: 'A health service, for example an NHS trust' },
  other: { name: 'Other', class: 'partner', hint: 'Any other partner' },
};

export function orgKindName(kind) {
  return (orgKinds[kind] || {}).name || kind;
}

// The class of the kind ('force', 'opcc' or 'partner'), or undefined.
export function orgKindClass(kind) {
  return (orgKinds[kind] || {}).class;
}

// The partner kinds as radio options, each by name with what it covers.
export const partnerKindOptions = Object.entries(orgKinds)
  .filter(([, k]) => k.class === 'partner')
  .map(([value, k]) => ({ value, label: k.name, hint: k.hint }));

// The success banner that ends a change made without leaving the page.
export const showSuccess = (text) => successBanner(text);

export function hideSuccess() {
  const banner = document.getElementById('finished');
  if (banner) banner.remove();
}
