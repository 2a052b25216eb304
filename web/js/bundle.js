// The access bundle of a subject request: each item as assembled, with the
// third parties' personal data marked for redaction; each proposed
// redaction approved or rejected, an item withheld under an exemption, then
// the bundle released through Check your answers and downloaded.
import { api, showErrors, showProblem } from '/js/api.js';
import { checkAnswers } from '/js/form.js';
import { el, labelOf, requestKinds } from '/js/records.js';
import { requestPerson } from '/js/records-worklist.js';
import { finish, longDate, signedInPage, successBanner, tag } from '/js/shell.js';

const me = await signedInPage();
const requestId = new URLSearchParams(window.location.search).get('request') || '';
const base = `/api/v1/subject-requests/${encodeURIComponent(requestId)}/bundle`;
const here = `/bundle?request=${encodeURIComponent(requestId)}`;

export const grounds = [
  { value: 'inquiry', label: 'Obstructing an inquiry, investigation or procedure (s45(4)(a))' },
  { value: 'prosecution', label: 'Prejudice to the prevention, detection, investigation or prosecution of offences (s45(4)(b))' },
  { value: 'public_security', label: 'Public security (s45(4)(c))' },
  { value: 'national_security', label: 'National security (s45(4)(d))' },
  { value: 'rights_of_others', label: 'The rights and freedoms of others (s45(4)(e))' },
];
const sectionNames = {
  record: 'Their record', case_part: 'Their part in a case', indicator: 'Indicators', note: 'Notes about them',
  nrm_referral: 'NRM referral', plan: 'Safeguarding plan', missing_episode: 'Missing episode', referral: 'Referral to a service',
  document: 'Document', disclosure: 'Shared with a partner', consultation: 'Who consulted their record',
};
const reasonWords = { third_party_name: 'another person\'s name', officer_name: 'an officer\'s name' };
const reasonOf = (r) => reasonWords[r.reason] || String(r.reason || '').replace(/_/g, ' ');
const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const statusWords = { proposed: 'Proposed', approved: 'Redacted', rejected: 'Left in' };

// Offsets count characters (code points), as the server counts them.
function parts(text, redactions) {
  const chars = Array.from(text || '');
  const out = [];
  let at = 0;
  for (const r of [...redactions].sort((a, b) => a.start - b.start)) {
    if (r.start < at) continue;
    if (r.start > at) out.push({ text: chars.slice(at, r.start).join('') });
    out.push({ text: chars.slice(r.start, r.start + r.length).join(''), r });
    at = r.start + r.length;
  }
  if (at < chars.length) out.push({ text: chars.slice(at).join('') });
  return out;
}

// The item's text with each marked span shown: struck through with its
// status once approved, outlined while proposed.
function markedText(it) {
  const p = el('p', 'govuk-body waymark-bundle-text');
  let n = 0;
  for (const part of parts(it.text, it.redactions || [])) {
    if (!part.r) {
      p.append(part.text);
      continue;
    }
    n += 1;
    const m = el('mark', `waymark-redaction waymark-redaction--${part.r.status}`, { textContent: part.text });
    m.append(el('span', 'govuk-visually-hidden', { textContent: ` (redaction ${n}: ${statusWords[part.r.status] || part.r.status})` }));
    p.append(m);
  }
  return p;
}

function radios(name, legend, value, options) {
  const fs = el('fieldset', 'govuk-fieldset');
  fs.append(el('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', { textContent: legend }));
  const wrap = el('div', 'govuk-radios govuk-radios--small govuk-radios--inline');
  options.forEach(([v, label], i) => {
    const item = el('div', 'govuk-radios__item');
    const input = el('input', 'govuk-radios__input', { type: 'radio', name, value: v, id: `${name}${i ? `-${i}` : ''}`, checked: v === value });
    item.append(input, el('label', 'govuk-label govuk-radios__label', { htmlFor: input.id, textContent: label }));
    wrap.append(item);
  });
  fs.append(wrap);
  const g = el('div', 'govuk-form-group', { id: `${name}-group` });
  g.append(fs);
  return g;
}

function itemCard(it, b, released, n) {
  const card = el('div', 'govuk-summary-card', { id: `item-${it.id}` });
  const head = el('div', 'govuk-summary-card__title-wrapper');
  // The titles speak to the person ("Your record"), as the bundle does.
  const title = el('h2', 'govuk-summary-card__title', { textContent: `${n}. ${it.title || sectionNames[it.section] || it.section}` });
  head.append(title);
  if (it.exemption) head.append(tag('Withheld', 'orange'));
  const content = el('div', 'govuk-summary-card__content');
  card.append(head, content);
  content.append(markedText(it));
  const reds = it.redactions || [];
  if (released || !me.may.includes('subject_request:write')) {
    if (reds.length) {
      const ul = el('ul', 'govuk-list govuk-list--bullet');
      reds.forEach((r, i) => ul.append(el('li', '', { textContent: `Redaction ${i + 1} (${reasonOf(r)}): ${(statusWords[r.status] || r.status).toLowerCase()}` })));
      content.append(ul);
    }
    if (it.exemption) content.append(el('p', 'govuk-body', { textContent: `Withheld ${it.exemption.ground_text || labelOf(grounds, it.exemption.ground)}. ${it.exemption.reason || ''}` }));
    return card;
  }
  const form = el('form', '', { noValidate: true });
  reds.forEach((r, i) => {
    const text = r.text || (parts(it.text, [r]).find((x) => x.r) || {}).text || '';
    form.append(radios(`red-${it.id}-${r.id}`, `Redaction ${i + 1}: “${text}”, ${reasonOf(r)}`, r.status,
      [['approved', 'Redact it'], ['rejected', 'Leave it in']]));
  });
  const exGroup = el('div', 'govuk-form-group', { id: `ex-${it.id}-group` });
  const exFs = el('fieldset', 'govuk-fieldset');
  exFs.append(el('legend', 'govuk-fieldset__legend govuk-fieldset__legend--s', { textContent: 'Exemption' }));
  const checks = el('div', 'govuk-checkboxes govuk-checkboxes--small');
  const ci = el('div', 'govuk-checkboxes__item');
  const box = el('input', 'govuk-checkboxes__input', { type: 'checkbox', id: `ex-${it.id}`, checked: Boolean(it.exemption) });
  ci.append(box, el('label', 'govuk-label govuk-checkboxes__label', { htmlFor: box.id, textContent: 'Withhold this item under an exemption' }));
  checks.append(ci);
  const reveal = el('div', 'waymark-exemption', { hidden: !it.exemption });
  const ground = el('div', 'govuk-form-group', { id: `ground-${it.id}-group` });
  ground.append(el('label', 'govuk-label', { htmlFor: `ground-${it.id}`, textContent: 'Ground' }), el('p', 'govuk-error-message', { id: `ground-${it.id}-error`, hidden: true }));
  const select = el('select', 'govuk-select', { id: `ground-${it.id}` });
  select.append(new Option('Choose a ground', ''), ...grounds.map((g) => new Option(g.label, g.value, false, it.exemption && it.exemption.ground === g.value)));
  ground.append(select);
  const why = el('div', 'govuk-form-group', { id: `why-${it.id}-group` });
  why.append(el('label', 'govuk-label', { htmlFor: `why-${it.id}`, textContent: 'Why it applies' }), el('p', 'govuk-error-message', { id: `why-${it.id}-error`, hidden: true }));
  const reason = el('textarea', 'govuk-textarea', { id: `why-${it.id}`, rows: 2, value: it.exemption ? it.exemption.reason || '' : '' });
  why.append(reason);
  reveal.append(ground, why);
  box.addEventListener('change', () => { reveal.hidden = !box.checked; });
  exFs.append(checks, reveal);
  exGroup.append(exFs);
  form.append(exGroup);
  const save = el('button', 'govuk-button govuk-button--secondary', { type: 'submit', textContent: 'Save the decisions' });
  save.append(el('span', 'govuk-visually-hidden', { textContent: ` on item ${n}` }));
  form.append(save);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors = [];
    const decided = reds.map((r) => {
      const checked = form.querySelector(`input[name="red-${it.id}-${r.id}"]:checked`);
      return { id: r.id, status: checked ? checked.value : r.status };
    });
    let exemption = null;
    if (box.checked) {
      if (!select.value) errors.push({ field: `ground-${it.id}`, message: `Item ${n}: choose the ground for the exemption` });
      if (!reason.value.trim()) errors.push({ field: `why-${it.id}`, message: `Item ${n}: say why the exemption applies` });
      exemption = { ground: select.value, reason: reason.value.trim() };
    }
    if (errors.length) {
      showErrors(errors);
      return;
    }
    showErrors([]);
    const version = it.version;
    const res = await api('PATCH', `${base}/items/${encodeURIComponent(it.id)}`, { redactions: decided, exemption },
      version === undefined ? {} : { 'If-Match': `"${version}"` });
    if (res.status === 200) {
      await show(`Item ${n} saved`, `${decided.filter((d) => d.status === 'proposed').length ? 'Some redactions are still to decide.' : 'Every redaction in it is decided.'}${exemption ? ' It is withheld under an exemption.' : ''}`, `item-${it.id}`);
      return;
    }
    if (res.status === 412) showErrors([{ field: null, message: `Someone else changed item ${n} while you were reviewing it. It now shows their decisions.` }]);
    else showErrors([{ field: null, message: res.body && res.body.detail ? `Item ${n}: ${res.body.detail}` : `Item ${n} could not be saved just now. Try again.` }]);
    if (res.status === 412) await show(null, null, `item-${it.id}`);
  });
  content.append(form);
  return card;
}

let request = null;
async function show(banner, next, focusId) {
  const res = await api('GET', base);
  document.getElementById('bundle-body').hidden = false;
  if (res.status === 404 || (res.status === 200 && !res.body)) {
    document.getElementById('not-assembled').hidden = false;
    document.getElementById('assembled').hidden = true;
    return;
  }
  if (res.status !== 200) {
    showErrors([{ field: null, message: 'The bundle could not be loaded just now. Try again.' }]);
    return;
  }
  const b = res.body;
  const released = Boolean(b.released_at || b.released || b.status === 'released');
  const items = b.items || [];
  const reds = items.flatMap((it) => it.redactions || []);
  const proposed = b.proposed ?? reds.filter((r) => r.status === 'proposed').length;
  document.getElementById('not-assembled').hidden = true;
  document.getElementById('assembled').hidden = false;
  document.getElementById('bundle-state').textContent = released
    ? `Released ${longDate(b.released_at || '')}: ${count(items.length, 'item', 'items')}, ${count(reds.filter((r) => r.status === 'approved').length, 'redaction', 'redactions')} made, ${count(items.filter((i) => i.exemption).length, 'item', 'items')} withheld.`
    : `${count(items.length, 'item', 'items')}. ${!reds.length ? 'Nothing in them was found to be another person\'s data: check each item before release.'
      : proposed ? `${proposed} of ${reds.length} proposed redactions still to decide.` : `All ${reds.length} proposed redactions decided.`}`;
  document.getElementById('items').replaceChildren(...items.map((it, i) => itemCard(it, b, released, i + 1)));
  document.getElementById('release-section').hidden = released || !me.may.includes('subject_request:decide');
  document.getElementById('downloads').hidden = !released;
  document.getElementById('download-pdf').href = `${base}.pdf`;
  document.getElementById('download-json').href = `${base}.json`;
  if (banner) successBanner(banner, next);
  if (focusId && !banner) document.getElementById(focusId)?.scrollIntoView();
  return b;
}

if (me) {
  const r = await api('GET', `/api/v1/subject-requests/${encodeURIComponent(requestId)}`);
  if (r.status !== 200) {
    await showProblem(r.status);
  } else {
    request = r.body;
    document.getElementById('caption').textContent = `${labelOf(requestKinds, request.kind)} request from ${requestPerson(request)}`;
    document.getElementById('assemble').hidden = !me.may.includes('subject_request:write');
    document.getElementById('assemble').addEventListener('click', async () => {
      const made = await api('POST', base);
      if (made.status === 201 || made.status === 200) {
        finish(here, 'Bundle assembled', 'Approve or reject each proposed redaction, record any exemption, then release it.');
        return;
      }
      showErrors([{ field: null, message: made.body && made.body.detail ? made.body.detail : 'The bundle could not be assembled just now. Try again.' }]);
    });
    await show();
    const form = document.getElementById('release-form');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const now = await api('GET', base);
      const items = now.status === 200 ? now.body.items || [] : [];
      const reds = items.flatMap((it) => it.redactions || []);
      // An item withheld whole needs no decision on its redactions.
      const proposed = items.filter((it) => !it.exemption).flatMap((it) => it.redactions || []).filter((x) => x.status === 'proposed').length;
      if (proposed) {
        showErrors([{ field: null, message: `Decide every proposed redaction before the bundle is released: ${proposed} still to decide` }]);
        return;
      }
      showErrors([]);
      const section = document.getElementById('release-section');
      const sure = await checkAnswers(form, {
        heading: 'Check your answers before you release the bundle',
        rows: [
          { key: 'Person', value: requestPerson(request), field: 'items' },
          { key: 'Items', value: String(items.length), field: 'items' },
          { key: 'Redactions made', value: String(reds.filter((x) => x.status === 'approved').length), field: 'items' },
          { key: 'Redactions rejected', value: String(reds.filter((x) => x.status === 'rejected').length), field: 'items' },
          { key: 'Items withheld', value: items.filter((i) => i.exemption).map((i) => `${i.title} (${labelOf(grounds, i.exemption.ground)})`).join('; ') || 'None', field: 'items' },
        ],
        confirm: 'Release the bundle',
        warning: 'Once released the bundle cannot be changed.',
      });
      section.querySelector('p').hidden = true;
      if (!sure) {
        section.querySelector('p').hidden = false;
        document.getElementById('items').hidden = false;
        return;
      }
      const res = await api('POST', `${base}/release`);
      if (res.status === 201 || res.status === 200) {
        finish(here, 'Bundle released', 'Download the PDF and the JSON below to send to them, then close the request.');
        return;
      }
      document.getElementById('check-answers').hidden = true;
      form.hidden = false;
      showErrors([{ field: null, message: res.body && res.body.detail ? res.body.detail : 'The bundle could not be released just now. Try again.' }]);
    });
  }
}
