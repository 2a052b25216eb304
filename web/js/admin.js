// What the administrators' pages share: organisation kinds by name and the
// GOV.UK success banner that ends a change.
import { successBanner } from '/js/shell.js';

const orgKinds = {
  force: 'Police force',
  partner: 'Partner organisation',
  opcc: 'Office of the Police and Crime Commissioner',
};

export function orgKindName(kind) {
  return orgKinds[kind] || kind;
}

// The success banner that ends a change made without leaving the page.
export const showSuccess = (text) => successBanner(text);

export function hideSuccess() {
  const banner = document.getElementById('finished');
  if (banner) banner.remove();
}
