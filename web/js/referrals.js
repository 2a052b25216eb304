// The referrals to the services a provider's organisation runs, by status:
// those to answer first, each with the steps open to it (accept or decline,
// start, close), which lead to the referral's page with that step's form.
import { api } from '/js/api.js';
import {
  el, referralHref, referralTag, respondByNodes, serviceName, urgencyTag,
} from '/js/services.js';
import { fullName } from '/js/sharing.js';
import { cell, pagination, signedInPage, stackLabels } from '/js/shell.js';

const limit = 50;
const tabs = [
  ['referred', 'To answer'],
  ['accepted', 'Accepted'],
  ['in_progress', 'In progress'],
  ['', 'All'],
];
// The steps open at each status, as the list offers them.
const steps = {
  referred: [['accept', 'Accept'], ['decline', 'Decline']],
  accepted: [['start', 'Start the support'], ['close', 'Close']],
  in_progress: [['close', 'Close']],
};

function row(r, mayAnswer) {
  const tr = el('tr', 'govuk-table__row');
  const name = fullName(r.person) || 'Name not shared';
  cell(tr, name, { href: referralHref(r.id) });
  cell(tr, serviceName(r));
  cell(tr, '').append(urgencyTag(r.urgency));
  cell(tr, '').append(...respondByNodes(r));
  cell(tr, '').append(referralTag(r.status));
  const td = cell(tr, '');
  const ul = el('ul', 'govuk-list govuk-!-margin-bottom-0');
  for (const [action, words] of mayAnswer ? steps[r.status] || [] : []) {
    const a = el('a', 'govuk-link', { href: `${referralHref(r.id)}&action=${action}`, textContent: words });
    a.append(el('span', 'govuk-visually-hidden', { textContent: ` the referral of ${name}` }));
    const li = el('li');
    li.append(a);
    ul.append(li);
  }
  if (ul.children.length) td.append(ul);
  else td.textContent = 'Nothing';
  return tr;
}

const me = await signedInPage();
if (me) {
  const here = new URLSearchParams(window.location.search);
  const status = here.has('status') ? here.get('status') : 'referred';
  const list = document.getElementById('tabs');
  for (const [value, label] of tabs) {
    const li = el('li', 'moj-sub-navigation__item');
    const a = el('a', 'moj-sub-navigation__link', { href: value ? `/referrals?status=${value}` : '/referrals?status=', textContent: label });
    if (value === status) a.setAttribute('aria-current', 'page');
    li.append(a);
    list.append(li);
  }
  if (me.user.role !== 'partner') document.getElementById('heading').textContent = 'Referrals to services';
  const p = new URLSearchParams({ limit: String(limit) });
  if (status) p.set('status', status);
  if (here.get('cursor')) p.set('cursor', here.get('cursor'));
  const res = await api('GET', `/api/v1/service-referrals?${p}`);
  const count = document.getElementById('count');
  if (res.status !== 200) {
    count.textContent = 'The referrals could not be loaded. Try again.';
  } else {
    const mayAnswer = me.user.role === 'partner' && me.may.includes('referral:write');
    const body = document.getElementById('referrals-body');
    body.replaceChildren(...res.body.items.map((r) => row(r, mayAnswer)));
    const shown = pagination(document.getElementById('pages'), res.body, limit);
    const n = res.body.total ?? res.body.items.length;
    const words = { referred: 'waiting for your answer', accepted: 'accepted and not yet started', in_progress: 'in progress', '': 'in all' }[status] || '';
    const overdue = res.body.items.filter((r) => r.status === 'referred' && r.overdue).length;
    count.textContent = n
      ? `${n === 1 ? '1 referral' : `${n} referrals`} ${words}${overdue ? `, ${overdue} past the time to answer` : ''}.${shown && res.body.next_cursor ? ` ${shown}.` : ''}`
      : `No referrals ${words}.`;
    document.getElementById('caption').textContent = `Referrals ${words}`;
    document.getElementById('list').hidden = !res.body.items.length;
    stackLabels(document.getElementById('referrals-table'));
  }
}
