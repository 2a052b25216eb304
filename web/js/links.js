// Links across cases: the selectors recorded in a case (phone numbers,
// email addresses, vehicles ...), their 3x5x2 grading in words, and where
// the same selector is recorded elsewhere: a case the user may read, or a
// notice naming only whom to contact, since the other case is need-to-know.
import { api, showErrors } from '/js/api.js';
import { cell, emptyRow, longDate, stackLabels, tag } from '/js/shell.js';

export const kindLabels = {
  phone: 'Phone number',
  email: 'Email address',
  postcode: 'Postcode',
  address: 'Address',
  vehicle: 'Vehicle',
  bank_account: 'Bank account',
  identity_document: 'Identity document',
  social_handle: 'Social media handle',
};

export const docTypes = {
  passport: 'Passport',
  national_identity_card: 'National identity card',
  driving_licence: 'Driving licence',
  residence_permit: 'Residence permit',
  visa: 'Visa',
  travel_document: 'Travel document',
  birth_certificate: 'Birth certificate',
  other: 'Other document',
};

export const platforms = {
  instagram: 'Instagram', facebook: 'Facebook', tiktok: 'TikTok', snapchat: 'Snapchat', telegram: 'Telegram',
  whatsapp: 'WhatsApp', signal: 'Signal', x: 'X', onlyfans: 'OnlyFans', adultwork: 'AdultWork',
  vivastreet: 'Vivastreet', wechat: 'WeChat', viber: 'Viber', discord: 'Discord', other: 'Other',
};

// The UK 3x5x2 intelligence grading, each grade in words.
export const sourceTexts = { 1: 'Reliable', 2: 'Untested', 3: 'Not reliable' };
export const assessmentTexts = {
  A: 'Known directly to the source',
  B: 'Known indirectly to the source but corroborated',
  C: 'Known indirectly to the source',
  D: 'Not known',
  E: 'Suspected to be false or malicious',
};
export const handlingTexts = { P: 'Lawful sharing permitted', C: 'Lawful sharing permitted subject to conditions' };

// "Reliable source (1); known directly to the source (A); lawful sharing
// permitted (P)", or '' for none.
export function gradingWords(g) {
  if (!g) return '';
  const source = g.source_text || sourceTexts[g.source_evaluation] || '';
  const assessment = g.assessment_text || assessmentTexts[g.intelligence_assessment] || '';
  const handling = g.handling_text || handlingTexts[g.handling_code] || '';
  return `${source} source (${g.source_evaluation}); ${assessment.charAt(0).toLowerCase()}${assessment.slice(1)} (${g.intelligence_assessment}); ${handling.charAt(0).toLowerCase()}${handling.slice(1)} (${g.handling_code})`;
}

export const fullName = (p) => (p ? `${p.given_names || ''} ${p.family_name || ''}`.trim() : '');

function el(name, className, props = {}) {
  const e = document.createElement(name);
  if (className) e.className = className;
  return Object.assign(e, props);
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

// What a selector reads as: its kind, then its value or "Sealed".
function selectorCell(row, s) {
  const td = cell(row, '');
  td.append(el('span', 'govuk-body-s govuk-!-display-block govuk-!-margin-bottom-1', { textContent: s.kind_label || kindLabels[s.kind] || s.kind }));
  if (s.display) td.append(el('span', 'govuk-!-font-weight-bold waymark-selector', { textContent: s.display }));
  else td.append(tag('Sealed', 'grey'));
  if (s.context) td.append(el('p', 'govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0', { textContent: `Found: ${s.context}` }));
  return td;
}

// The selectors recorded in the case, as a table.
export function showSelectors(list) {
  const body = document.getElementById('selectors-body');
  body.replaceChildren();
  for (const s of list.items) {
    const row = el('tr', 'govuk-table__row');
    selectorCell(row, s);
    const about = s.about_person;
    if (about) cell(row, fullName(about), { href: `/person?id=${encodeURIComponent(about.id)}` });
    else cell(row, 'No one in particular');
    cell(row, s.grading ? gradingWords(s.grading) : 'Not graded');
    cell(row, `${longDate(s.created_at)}, ${s.created_by ? s.created_by.name : ''}`.replace(/, $/, ''));
    body.append(row);
  }
  if (!list.items.length) emptyRow(body, 'No selectors recorded yet', 4);
  stackLabels(body.closest('table'));
  body.closest('table').classList.add('waymark-selectors');
  const withheld = document.getElementById('selectors-withheld');
  withheld.hidden = !list.withheld;
  withheld.textContent = list.withheld
    ? `${plural(list.withheld, 'selector is', 'selectors are')} about people you may not see in this case, so not shown.`
    : '';
}

// "contact Force Intelligence Bureau, 01632 960001 at Wessex Police".
function contactWords(c) {
  if (!c) return 'contact the organisation that holds it';
  if (c.role && c.contact) return `contact ${c.role}, ${c.contact} at ${c.organisation}`;
  return `contact ${c.organisation}: it has not named a deconfliction contact yet`;
}

// A match the user may not read: the notice's number, and whom to contact.
function noticeBox(n) {
  const box = el('div', 'govuk-inset-text waymark-notice');
  const title = el('p', 'govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2', { textContent: 'Link notice ' });
  title.append(el('span', 'waymark-nowrap', { textContent: n.number }));
  box.append(title);
  box.append(el('p', 'govuk-body govuk-!-margin-bottom-2', {
    textContent: `The same ${(n.kind_label || kindLabels[n.kind] || 'selector').toLowerCase()} is recorded in a case you may not see. Its details are withheld: they are shared only with those who need to know.`,
  }));
  const who = el('p', 'govuk-body govuk-!-margin-bottom-0');
  who.append(`To deconflict, ${contactWords(n.contact)}, and quote `, el('span', 'waymark-nowrap', { textContent: n.number }), '.');
  box.append(who);
  return box;
}

// A match in a case the user may read: a link to it, and what was recorded.
function visibleMatch(m) {
  const li = el('li', 'govuk-!-margin-bottom-2');
  const a = el('a', 'govuk-link', { href: `/case?id=${encodeURIComponent(m.case.id)}`, textContent: `${m.case.reference}: ${m.case.title}` });
  li.append('Also recorded in ', a);
  const s = m.selector || {};
  const bits = [];
  if (s.about_person) bits.push(`about ${fullName(s.about_person)}`);
  if (s.created_at) bits.push(`recorded ${longDate(s.created_at)}${s.created_by ? ` by ${s.created_by.name}` : ''}`);
  if (s.grading) bits.push(`graded ${gradingWords(s.grading).toLowerCase()}`);
  if (bits.length) li.append(`, ${bits.join(', ')}`);
  li.append('.');
  return li;
}

// The case's selectors that match elsewhere, each with its matches.
export function showMatches(links) {
  const box = document.getElementById('matches');
  box.replaceChildren();
  for (const item of links.items) {
    const s = item.selector;
    const wrap = el('div', 'waymark-match');
    const h = el('h4', 'govuk-heading-s govuk-!-margin-bottom-2', { textContent: `${s.kind_label || kindLabels[s.kind]}: ` });
    if (s.display) h.append(el('span', 'waymark-selector', { textContent: s.display }));
    else h.append(tag('Sealed', 'grey'));
    wrap.append(h);
    const visible = item.matches.filter((m) => m.visible);
    const notices = item.matches.filter((m) => !m.visible);
    if (visible.length) {
      const ul = el('ul', 'govuk-list');
      for (const m of visible) ul.append(visibleMatch(m));
      wrap.append(ul);
    }
    for (const m of notices) wrap.append(noticeBox(m.notice));
    box.append(wrap);
  }
  if (!links.items.length) box.append(el('p', 'govuk-body', { textContent: 'None of this case’s selectors is recorded in another case.' }));
  if (links.withheld) {
    box.append(el('p', 'govuk-body', {
      textContent: `${plural(links.withheld, 'match is', 'matches are')} about people you may not see, so not shown.`,
    }));
  }
}

// The Links section of the case page.
export async function showLinks(c, me) {
  const base = `/api/v1/cases/${encodeURIComponent(c.id)}`;
  const [selectors, links] = await Promise.all([api('GET', `${base}/selectors`), api('GET', `${base}/links`)]);
  const section = document.getElementById('links-section');
  if (selectors.status !== 200) {
    section.hidden = true;
    return;
  }
  showSelectors(selectors.body);
  // Sealed selectors show only with a stated reason, to those who may.
  const reveal = document.getElementById('selector-reveal');
  reveal.hidden = !me.may.includes('sealed:reveal') || !selectors.body.items.some((s) => s.sealed && s.display == null);
  document.getElementById('selector-reveal-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const purpose = document.getElementById('selector-purpose').value.trim();
    if (purpose.length < 10) {
      showErrors([{ field: 'selector-purpose', message: 'Say why you need to see the sealed selectors, in at least 10 characters' }]);
      return;
    }
    const shown = await api('GET', `${base}/selectors`, undefined, { 'X-Purpose': purpose });
    if (shown.status !== 200) {
      showErrors([{ field: null, message: 'The sealed selectors could not be shown just now. Try again.' }]);
      return;
    }
    showErrors([]);
    showSelectors(shown.body);
    reveal.hidden = true;
  });
  if (links.status === 200) showMatches(links.body);
  else document.getElementById('matches').append(el('p', 'govuk-body', { textContent: 'The matches could not be read just now. Try again.' }));
  const add = document.getElementById('add-selector');
  add.href = `/selector?case=${encodeURIComponent(c.id)}`;
  add.hidden = !me.may.includes('entry:write');
  document.getElementById('network-link').href = `/network?case=${encodeURIComponent(c.id)}`;
}
