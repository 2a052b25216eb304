// A case's documents and photographs: the Documents section of the case
// page (a sortable table, thumbnails of photographs, downloads, a sealed
// document's purpose asked first), and the words the document pages share.
import { SortableTable } from '/vendor/moj-frontend.min.js';
import { api, showErrors } from '/js/api.js';
import { cell, emptyRow, longDate, stackLabels, tag } from '/js/shell.js';

const el = (t, className, props = {}) => Object.assign(document.createElement(t), className ? { className } : {}, props);

export const kindNames = {
  consent_form: 'Consent form',
  statement: 'Statement',
  identity_document: 'Identity document',
  photograph: 'Photograph',
  court_order: 'Court order',
  correspondence: 'Correspondence',
  other: 'Other',
};

// A size in words, as GOV.UK writes it: "25MB", "640KB", "12 bytes".
export function sizeWords(bytes) {
  const units = [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]];
  for (const [unit, n] of units) {
    if (bytes >= n) {
      const v = bytes / n;
      return `${v >= 10 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)}${unit}`;
    }
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

// What a document is called where its title is not to be seen.
export const titleOf = (d) => d.title ?? `A sealed ${(kindNames[d.kind] || 'document').toLowerCase()}`;

// The file name a download is saved under: the server's Content-Disposition
// (its RFC 8187 form first), else the name the document was added with.
function savedName(res, d) {
  const cd = res.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch { /* fall back to the plain name */ }
  }
  const plain = /filename="([^"]*)"/i.exec(cd);
  return plain ? plain[1] : d.filename || 'document';
}

// Downloads a sealed document: the purpose goes in X-Purpose, which a plain
// link cannot send, so the file is fetched and saved from a Blob URL.
// Answers the status of the server's reply.
async function downloadSealed(d, purpose) {
  const bytes = String.fromCharCode(...new TextEncoder().encode(purpose));
  const res = await fetch(`/api/v1/documents/${encodeURIComponent(d.id)}/content`, {
    credentials: 'same-origin',
    headers: { 'X-Purpose': /^[\x20-\x7e]*$/.test(purpose) ? purpose : bytes },
  });
  if (res.status !== 200) return res.status;
  const url = URL.createObjectURL(await res.blob());
  const a = el('a', '', { href: url, download: savedName(res, d) });
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return 200;
}

// The form that asks why a sealed document is needed, below the table;
// ask(d) shows it for that document and focuses its question.
function purposeForm() {
  const form = document.getElementById('document-purpose-form');
  const input = document.getElementById('document-purpose');
  const label = document.getElementById('document-purpose-label');
  let asked = null;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const purpose = input.value.trim();
    if (purpose.length < 10) {
      showErrors([{ field: 'document-purpose', message: 'Say why you need the sealed document, in at least 10 characters' }]);
      return;
    }
    const status = await downloadSealed(asked, purpose);
    if (status !== 200) {
      showErrors([{ field: null, message: status === 403 ? 'You cannot see sealed documents.' : 'The document could not be downloaded just now. Try again.' }]);
      return;
    }
    showErrors([]);
    form.reset();
    form.hidden = true;
    const link = document.getElementById(`document-${asked.id}`);
    if (link) link.focus();
  });
  document.getElementById('document-purpose-cancel').addEventListener('click', (e) => {
    e.preventDefault();
    form.hidden = true;
    const link = document.getElementById(`document-${asked.id}`);
    if (link) link.focus();
  });
  return (d) => {
    asked = d;
    label.textContent = `Why do you need ${titleOf(d)}?`;
    form.hidden = false;
    input.focus();
  };
}

// One document's row: title (a download link), kind (with a thumbnail of a
// photograph), who it is about, who added it and when, and what may be done.
function documentRow(d, { ask, mayDelete, maySealed }) {
  const row = el('tr', 'govuk-table__row');
  const title = cell(row, '', { sortValue: titleOf(d).toLowerCase() });
  const readable = !d.sealed || (maySealed && d.title !== null);
  if (readable) {
    const a = el('a', 'govuk-link', { id: `document-${d.id}`, textContent: titleOf(d) });
    a.href = `/api/v1/documents/${encodeURIComponent(d.id)}/content`;
    if (d.sealed) {
      a.addEventListener('click', (e) => {
        e.preventDefault();
        ask(d);
      });
    } else {
      a.download = d.filename || '';
    }
    a.append(el('span', 'govuk-visually-hidden', { textContent: ` (download, ${sizeWords(d.size)})` }));
    title.append(a);
  } else {
    title.textContent = titleOf(d);
  }
  if (d.sealed) title.append(' ', tag('Sealed', 'grey'));
  const kind = cell(row, kindNames[d.kind] || d.kind);
  if (d.kind === 'photograph' && !d.sealed) {
    const img = el('img', 'waymark-thumbnail', { alt: `Photograph: ${titleOf(d)}`, loading: 'lazy', decoding: 'async' });
    img.src = `/api/v1/documents/${encodeURIComponent(d.id)}/thumbnail`;
    kind.append(el('br'), img);
  }
  cell(row, d.person ? d.person.name : 'The whole case');
  const added = cell(row, d.added_by.name, { sortValue: d.created_at });
  added.append(el('br'), longDate(d.created_at));
  if (mayDelete) {
    const act = cell(row, '');
    act.classList.add('waymark-actions-cell');
    const del = el('a', 'govuk-link', { textContent: 'Delete', href: `/delete-document?id=${encodeURIComponent(d.id)}` });
    del.append(el('span', 'govuk-visually-hidden', { textContent: ` ${titleOf(d)}` }));
    act.append(del);
  }
  return row;
}

// The Documents section of the case page, for those who may read them.
export async function showDocuments(c, me) {
  const section = document.getElementById('documents-section');
  if (!me.may.includes('document:read')) return;
  const res = await api('GET', `/api/v1/cases/${encodeURIComponent(c.id)}/documents`);
  if (res.status !== 200) return;
  const mayDelete = me.may.includes('document:write');
  const table = document.getElementById('documents-table');
  const body = document.getElementById('documents-body');
  if (mayDelete) {
    const th = el('th', 'govuk-table__header', { scope: 'col' });
    th.append(el('span', 'govuk-visually-hidden', { textContent: 'Actions' }));
    table.querySelector('thead tr').append(th);
  }
  const ask = purposeForm();
  const items = res.body.items || [];
  for (const d of items) body.append(documentRow(d, { ask, mayDelete, maySealed: me.may.includes('sealed:reveal') }));
  if (!items.length) emptyRow(body, 'No documents yet', mayDelete ? 5 : 4);
  // At phone widths each document stacks, its cells labelled; a row's
  // Delete link needs no label.
  stackLabels(table);
  body.querySelectorAll('.waymark-actions-cell').forEach((td) => delete td.dataset.label);
  if (items.length) new SortableTable(table); // eslint-disable-line no-new
  const add = document.getElementById('add-document');
  add.href = `/add-document?case=${encodeURIComponent(c.id)}`;
  add.hidden = !mayDelete;
  section.hidden = false;
}
