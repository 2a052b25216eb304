// What the administrators' pages share: organisation kinds by name and the
// GOV.UK success banner that ends a change.

const orgKinds = {
  force: 'Police force',
  partner: 'Partner organisation',
  opcc: 'Office of the Police and Crime Commissioner',
};

export function orgKindName(kind) {
  return orgKinds[kind] || kind;
}

// Shows the success banner (web/partials/success.html) saying what was
// done, and moves focus to it so that it is read out.
export function showSuccess(text) {
  const banner = document.getElementById('success');
  document.getElementById('success-text').textContent = text;
  banner.hidden = false;
  banner.focus();
}

export function hideSuccess() {
  document.getElementById('success').hidden = true;
}
