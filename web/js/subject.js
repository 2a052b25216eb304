// Whom a statutory page is about, and in which case: the person by name in
// the caption, and the case by reference and title, linked back to it for
// those who read cases (a support provider is given the reference alone).
export function personName(p) {
  return p ? [p.given_names, p.family_name].filter(Boolean).join(' ') : '';
}

// Fills el with "Case <reference: title>" linking to the case, or, for a
// reader without cases, "Police case reference <reference>".
export function showCase(el, kase, mayReadCases) {
  el.replaceChildren();
  if (!kase) return;
  if (mayReadCases) {
    el.append('Case ', Object.assign(document.createElement('a'), {
      className: 'govuk-link', href: `/case?id=${encodeURIComponent(kase.id)}`,
      textContent: kase.title ? `${kase.reference}: ${kase.title}` : kase.reference,
    }));
  } else {
    el.textContent = `Police case reference ${kase.reference}`;
  }
}
