// Everyone missing now that the user reaches, highest risk first and then
// longest missing, each leading to their episode; or the episodes ended by
// a return, newest first.
import { api } from '/js/api.js';
import { episodeHref, gradingTag, missingFor, timeEl } from '/js/missing.js';
import { cell, childTag, pagination, signedInPage, stackLabels, tag } from '/js/shell.js';

const limit = 50;
const el = (t, className, props = {}) => Object.assign(document.createElement(t), className ? { className } : {}, props);

function dueCell(tr, iso) {
  const td = cell(tr, '');
  td.append(timeEl(iso));
  if (Date.parse(iso) < Date.now()) td.append(' ', tag('Overdue', 'red'));
  return td;
}

function row(ep, returned) {
  const tr = el('tr', 'govuk-table__row');
  const who = cell(tr, ep.person.name, { href: episodeHref(ep.id) });
  if (ep.person.presumed_child) who.append(' ', childTag(ep.person));
  cell(tr, '').append(gradingTag(ep.risk));
  cell(tr, returned ? missingFor(ep) : `Missing ${missingFor(ep)}`);
  const seen = cell(tr, '');
  seen.append(timeEl(ep.last_seen_at), el('br'), ep.last_seen_place);
  if (returned) {
    // When they came back, and what is still owed them since.
    const back = cell(tr, '');
    back.append(timeEl(ep.returned_at));
    if (!ep.safe_and_well_recorded) back.append(el('br'), tag('Safe and well check due', 'orange'));
    if (ep.return_interview_due && !ep.return_interview_recorded) back.append(el('br'), tag('Return home interview due', 'orange'));
  } else {
    dueCell(tr, ep.review_due);
  }
  return tr;
}

// The places that recur in different people's episodes, for those who
// read every episode of the force; never the people.
async function showPlaces() {
  document.getElementById('show-places').setAttribute('aria-current', 'page');
  document.getElementById('heading').textContent = 'Places that recur';
  document.title = 'Places that recur – Waymark';
  const res = await api('GET', '/api/v1/missing/hot-spots');
  const count = document.getElementById('count');
  if (res.status !== 200) {
    count.textContent = 'The places could not be loaded. Try again.';
    return;
  }
  const body = document.getElementById('places-body');
  body.replaceChildren(...res.body.items.map((h) => {
    const tr = el('tr', 'govuk-table__row');
    cell(tr, h.place);
    cell(tr, String(h.people), { numeric: true });
    cell(tr, String(h.episodes), { numeric: true });
    cell(tr, '').append(timeEl(h.last_at));
    return tr;
  }));
  const n = res.body.items.length;
  count.textContent = n ? `${n === 1 ? '1 place comes' : `${n} places come`} up in the episodes of more than one person.` : 'No place comes up in the episodes of more than one person.';
  document.getElementById('places-table').hidden = !n;
  stackLabels(document.getElementById('places-table'));
  document.getElementById('places').hidden = false;
}

const me = await signedInPage();
// Hot spots are for those who read every episode of the force.
const placesReader = me && ['analyst', 'safeguarding'].includes(me.user.role) && me.may.includes('missing:read');
if (me && placesReader) document.getElementById('places-tab').hidden = false;
if (me && placesReader && new URLSearchParams(window.location.search).get('show') === 'places') {
  await showPlaces();
} else if (me) {
  const here = new URLSearchParams(window.location.search);
  const returned = here.get('status') === 'returned';
  const p = new URLSearchParams({ status: returned ? 'returned' : 'missing', limit: String(limit) });
  if (here.get('cursor')) p.set('cursor', here.get('cursor'));
  document.getElementById(returned ? 'show-returned' : 'show-missing').setAttribute('aria-current', 'page');
  if (returned) {
    document.getElementById('heading').textContent = 'Returned';
    document.title = 'Returned – Waymark';
    document.getElementById('caption').textContent = 'Episodes ended by a return, newest first';
    document.getElementById('how-long').textContent = 'Was missing for';
    document.getElementById('next').textContent = 'Came back';
  } else {
    document.title = 'Currently missing – Waymark';
  }
  const res = await api('GET', `/api/v1/missing-episodes?${p}`);
  const count = document.getElementById('count');
  if (res.status !== 200) {
    count.textContent = 'The list could not be loaded. Try again.';
  } else {
    const body = document.getElementById('missing-body');
    body.replaceChildren(...res.body.items.map((ep) => row(ep, returned)));
    const shown = pagination(document.getElementById('pages'), res.body, limit);
    const n = res.body.total ?? res.body.items.length;
    const people = n === 1 ? '1 person' : `${n} people`;
    count.textContent = returned
      ? (n ? `${n === 1 ? '1 episode' : `${n} episodes`} ended by a return.${shown ? ` ${shown}.` : ''}` : 'No one you can see has come back from a missing episode yet.')
      : (n ? `${people} missing now, highest risk first.${shown ? ` ${shown}.` : ''}` : 'No one you can see is missing now.');
    document.getElementById('list').hidden = !res.body.items.length;
    stackLabels(document.getElementById('missing-table'));
  }
}
