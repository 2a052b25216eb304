// Victims' feedback, for those who read the figures: how many answered in a
// period, how many gave each score to each question (only once enough
// answered that nobody can be picked out) and the comments with names taken
// out. For those who redact: the comments waiting, each shown on asking (and
// each look recorded), to save with names taken out or to withhold.
import { api, showErrors } from '/js/api.js';
import { addFields, readField, writeField } from '/js/form.js';
import { languageName } from '/js/names.js';
import { el, questionWords } from '/js/services.js';
import { cell, longDate, signedInPage, stackLabels, successBanner } from '/js/shell.js';

const periodFields = [
  { id: 'from', label: 'From', kind: 'date', hint: 'For example, 1 1 2026.' },
  { id: 'to', label: 'To', kind: 'date', hint: 'For example, 31 12 2026.' },
];
const iso = (d) => d.toISOString().slice(0, 10);

// How many gave one question the score.
const countOf = (q, score) => (q.scores || {})[String(score)] ?? 0;

async function showFigures() {
  const here = new URLSearchParams(window.location.search);
  const today = new Date();
  const from = here.get('from') || iso(new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate() + 1)));
  const to = here.get('to') || iso(today);
  const box = document.getElementById('period-fields');
  addFields(box, periodFields);
  box.classList.add('waymark-period');
  writeField(periodFields[0], from);
  writeField(periodFields[1], to);
  document.getElementById('period-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const [f, t] = periodFields.map(readField);
    const errors = [];
    if (!f || f === 'invalid') errors.push({ field: 'from', message: 'Enter the first day of the period as a real date' });
    if (!t || t === 'invalid') errors.push({ field: 'to', message: 'Enter the last day of the period as a real date' });
    else if (!errors.length && t < f) errors.push({ field: 'to', message: 'The last day must be the first day or later' });
    showErrors(errors);
    if (!errors.length) window.location.assign(`/feedback-results?${new URLSearchParams({ from: f, to: t })}`);
  });
  document.getElementById('figures').hidden = false;
  document.getElementById('figures-heading').textContent = `${longDate(from)} to ${longDate(to)}`;
  const res = await api('GET', `/api/v1/reports/feedback?${new URLSearchParams({ from, to })}`);
  const responses = document.getElementById('responses');
  if (res.status !== 200) {
    responses.textContent = 'The feedback could not be loaded. Try again.';
    return;
  }
  const r = res.body;
  const n = r.responses ?? 0;
  // Only whole months that have ended with at least the installation's
  // disclosure threshold of answers (minimum_responses) count: a month
  // still running, or with fewer, is left out whole.
  const left = r.months_left_out ?? 0;
  const months = (k) => (k === 1 ? '1 month' : `${k} months`);
  responses.textContent = (n ? `${n} people answered in the ${months(r.months_counted ?? 0)} counted.` : 'No month of this period counts yet.')
    + (left ? ` ${months(left)} with fewer than ${r.minimum_responses || 10} answers ${left === 1 ? 'is' : 'are'} left out.` : '')
    + ' A month counts once it has ended.';
  const suppressed = Boolean(r.suppressed) || (r.questions || []).some((q) => q.suppressed);
  document.getElementById('suppressed').hidden = !suppressed;
  if (r.minimum_responses) document.getElementById('minimum-words').textContent = String(r.minimum_responses);
  if (!suppressed && (r.questions || []).length) {
    document.getElementById('scores-body').replaceChildren(...r.questions.map((q) => {
      const tr = el('tr', 'govuk-table__row');
      cell(tr, questionWords[q.id] || q.text || q.id, { header: true });
      for (let s = 1; s <= 5; s++) cell(tr, String(countOf(q, s)), { numeric: true });
      cell(tr, String(q.prefer_not_to_say ?? 0), { numeric: true });
      cell(tr, q.mean === null || q.mean === undefined ? 'None' : Number(q.mean).toFixed(1), { numeric: true });
      return tr;
    }));
    stackLabels(document.getElementById('scores-table'));
    document.getElementById('scores').hidden = false;
  }
  const comments = r.comments || [];
  document.getElementById('comments-count').textContent = suppressed ? 'Comments are shown from the months counted.'
    : comments.length ? `${comments.length === 1 ? '1 comment' : `${comments.length} comments`}, with names taken out.`
    : 'No comments with names taken out in this period.';
  document.getElementById('comments').replaceChildren(...comments.map((c) => {
    const li = el('li', 'waymark-note govuk-!-margin-bottom-4');
    li.append(el('p', 'govuk-body govuk-!-margin-bottom-0', { textContent: c.text }));
    return li;
  }));
}

// One comment waiting: the text as written, a box to write it with names
// taken out, and a way to withhold it with a reason instead.
function commentCard(c, i, left) {
  const card = el('div', 'govuk-summary-card');
  const head = el('div', 'govuk-summary-card__title-wrapper');
  head.append(el('h3', 'govuk-summary-card__title', {
    textContent: `Comment ${i + 1}${c.submitted_on ? `, ${longDate(c.submitted_on)}` : ''}${c.language ? `, in ${languageName(c.language)}` : ''}`,
  }));
  const content = el('div', 'govuk-summary-card__content');
  const said = el('div', 'govuk-inset-text govuk-!-margin-top-0', { textContent: c.text });
  const form = el('form', '', { noValidate: true });
  const fields = [
    { id: `text-${i}`, label: 'The comment with names taken out', kind: 'textarea', hint: 'Take out names, places and anything else that could identify someone. Keep what they meant.' },
    { id: `withhold-${i}`, label: 'Or withhold it', kind: 'checkboxes', options: [{ value: 'yes', label: 'Withhold this comment: it cannot be shown without identifying someone', reveal: [
      { id: `reason-${i}`, label: 'Why is it withheld?', kind: 'textarea', hint: 'Kept in the audit log, not shown with the results.' },
    ] }] },
  ];
  const button = el('button', 'govuk-button', { type: 'submit', textContent: 'Save' });
  button.dataset.module = 'govuk-button';
  button.append(el('span', 'govuk-visually-hidden', { textContent: ` comment ${i + 1}` }));
  form.append(button);
  addFields(form, fields);
  content.append(said, form);
  card.append(head, content);
  form.querySelector('textarea').value = c.text; // not in the page yet: writeField would not find it
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const withhold = readField(fields[1]).includes('yes');
    const text = readField(fields[0]);
    const reason = withhold ? readField(fields[1].options[0].reveal[0]) : '';
    const errors = [];
    if (withhold && !reason) errors.push({ field: `reason-${i}`, message: `Say why comment ${i + 1} is withheld` });
    if (!withhold && !text) errors.push({ field: `text-${i}`, message: `Enter comment ${i + 1} with names taken out, or withhold it` });
    showErrors(errors);
    if (errors.length) return;
    const res = await api('POST', `/api/v1/feedback/comments/${encodeURIComponent(c.id)}/redaction`,
      withhold ? { withhold: true, reason } : { text }, { 'If-Match': `"${c.version}"` });
    if (res.status === 200 || res.status === 201) {
      card.remove();
      left.n -= 1;
      document.getElementById('queue-count').textContent = left.n ? `${left.n === 1 ? '1 comment is' : `${left.n} comments are`} still waiting.` : 'No comments are waiting now.';
      successBanner(withhold ? `Comment ${i + 1} withheld` : `Comment ${i + 1} redacted`, withhold ? 'It will not be shown with the results.' : 'It is shown with the results as you wrote it.');
      return;
    }
    showErrors([{ field: null, message: res.status === 412 || res.status === 409 ? `Someone else dealt with comment ${i + 1} meanwhile. Show the comments again to see what is still waiting.`
      : `Comment ${i + 1} could not be saved just now. Try again.` }]);
  });
  return card;
}

async function showQueue() {
  const res = await api('GET', '/api/v1/feedback/comments?state=awaiting_redaction');
  const count = document.getElementById('queue-count');
  if (res.status !== 200) {
    count.textContent = 'The comments could not be loaded. Try again.';
    return;
  }
  const items = res.body.items || [];
  const left = { n: items.length };
  count.textContent = items.length ? `${items.length === 1 ? '1 comment is' : `${items.length} comments are`} waiting.` : 'No comments are waiting.';
  const cards = items.map((c, i) => commentCard(c, i, left));
  document.getElementById('queue').replaceChildren(...cards);
  document.getElementById('show-comments').hidden = true;
  // From the worklist: the comment it named, its box focused.
  const asked = items.findIndex((c) => c.id === new URLSearchParams(window.location.search).get('comment'));
  if (asked >= 0) cards[asked].querySelector('textarea').focus();
}

const me = await signedInPage();
if (me) {
  if (me.may.includes('figures:read')) await showFigures();
  if (me.may.includes('feedback:write')) {
    document.getElementById('redaction').hidden = false;
    document.getElementById('show-comments').addEventListener('click', showQueue);
    // The worklist links to one comment: the queue is shown, as if asked.
    if (new URLSearchParams(window.location.search).has('comment')) await showQueue();
    else if (window.location.hash === '#redaction') document.getElementById('redaction-heading').focus();
  }
}
