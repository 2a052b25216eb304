// Adds a document or photograph to a case: the file (chosen, or dropped on
// the field), its kind, a title, who it is about and whether it is sealed;
// then Check your answers; then the upload with its progress shown, and
// back to the case with a banner. The server's refusals (too large, a type
// it does not keep, a virus) come back to the form in the error summary.
import { api, showErrors } from '/js/api.js';
import { caseOrRefuse, partAddress } from '/js/case-part.js';
import { kindNames, sizeWords } from '/js/documents.js';
import { addFields, apiErrors, backToForm, checkAnswers, readField } from '/js/form.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const { caseId, back } = partAddress();

const fileField = { id: 'file', label: 'File' };
const kindField = {
  id: 'kind',
  label: 'What kind of document is it?',
  kind: 'radios',
  options: Object.entries(kindNames).map(([value, label]) => ({ value, label })),
};
const titleField = { id: 'title', label: 'Title', hint: 'What it is, as someone would look for it: for example, signed NRM consent form.' };
const sealedField = {
  id: 'sealed',
  label: 'Sealing',
  kind: 'checkboxes',
  options: [{ value: 'true', label: 'Seal this document', hint: 'Immigration matters must be sealed. A sealed document is shown only to someone who states why they need it, and never to analysts or partners.' }],
};

// Marks the file input as at fault, as GOV.UK's file upload does; the
// error summary's own marking covers the other kinds of input.
function fileError(on) {
  document.getElementById('file').classList.toggle('govuk-file-upload--error', on);
}

// The drop zone: a file dragged onto it fills the native input, which stays
// the field's one control (focusable, labelled, chosen by keyboard).
function dropZone(input) {
  const zone = document.getElementById('file-dropzone');
  const over = (on) => zone.classList.toggle('waymark-dropzone--dragover', on);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    over(true);
  });
  zone.addEventListener('dragleave', () => over(false));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    over(false);
    if (!e.dataTransfer || e.dataTransfer.files.length !== 1) {
      showErrors([{ field: 'file', message: 'Drop one file at a time' }]);
      return;
    }
    input.files = e.dataTransfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    input.focus();
  });
}

// What the server said, as the error summary says it, linked to the field.
function refusal(status, body, limit) {
  const detail = (body && body.detail) || '';
  if (status === 413) {
    const said = /at most ([0-9]+) bytes/.exec(detail);
    const max = said ? Number(said[1]) : limit;
    return [{ field: 'file', message: max ? `The selected file must be smaller than ${sizeWords(max)}` : 'The selected file is too large' }];
  }
  if (status === 415) {
    const why = detail.includes('photograph') ? 'A photograph must be a JPEG, PNG or HEIC image'
      : 'The selected file must be a PDF, a Word document, plain text, or a JPEG, PNG or HEIC image';
    return [{ field: 'file', message: why }];
  }
  if (status === 422 && body && body.virus) {
    return [{ field: 'file', message: `The selected file contains a virus (${body.virus}); it was not kept` }];
  }
  if (status === 422) {
    const fields = [fileField, kindField, titleField, { id: 'person_id', label: 'Who it is about' }, sealedField];
    return apiErrors({ status, body }, fields, 'The document could not be added. Check the answers and try again.');
  }
  if (status === 403) return [{ field: null, message: 'You cannot add this document: sealed documents are added only by those who may read them.' }];
  if (status === 0) return [{ field: 'file', message: 'The file could not be sent. Check your connection, or whether the file is too large, and try again.' }];
  return [{ field: null, message: 'The document could not be added just now. Try again.' }];
}

// Sends the form as multipart/form-data, showing how much has gone;
// resolves {status, body} (status 0 when the connection failed).
function upload(data, file) {
  const progress = document.getElementById('upload-progress');
  const status = document.getElementById('upload-status');
  let told = -1;
  progress.value = 0;
  status.textContent = `0% of ${sizeWords(file.size)} sent`;
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/documents`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', me.csrf_token);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const pct = Math.floor((e.loaded / e.total) * 100);
      progress.value = pct;
      // Read out each quarter, not every step.
      const quarter = Math.floor(pct / 25);
      if (quarter !== told) {
        told = quarter;
        status.textContent = `${pct}% of ${sizeWords(file.size)} sent`;
      }
    });
    xhr.upload.addEventListener('load', () => {
      progress.value = 100;
      status.textContent = 'All sent. Checking the file for viruses…';
    });
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch { /* not JSON */ }
      resolve({ status: xhr.status, body });
    });
    xhr.addEventListener('error', () => resolve({ status: 0, body: null }));
    xhr.send(data);
  });
}

if (me) {
  document.getElementById('cancel').href = back;
  const kase = await caseOrRefuse(caseId);
  if (kase && !me.may.includes('document:write')) {
    showErrors([{ field: null, message: 'You cannot add documents to this case.' }]);
  } else if (kase) {
    document.getElementById('who').textContent = `${kase.reference}: ${kase.title}`;
    document.title = `Add a document to ${kase.reference} – Waymark`;
    const people = kase.people.map((p) => ({ value: p.person.id, label: `${p.person.given_names} ${p.person.family_name}`.trim() }));
    const personField = { id: 'person_id', label: 'Who is it about? (optional)', kind: 'select', empty: 'No one person: the whole case', options: people };
    const fields = [kindField, titleField];
    if (people.length) fields.push(personField);
    if (me.may.includes('sealed:reveal')) fields.push(sealedField);
    addFields(document.getElementById('document-fields'), fields);
    // The server's size limit, when the user may read it: a file over it
    // is refused here rather than after it is sent.
    let limit = 0;
    if (me.may.includes('settings:read')) {
      const s = await api('GET', '/api/v1/settings/documents');
      if (s.status === 200) limit = s.body.max_bytes;
    }
    if (limit) document.getElementById('file-limit').textContent = `, at most ${sizeWords(limit)}`;
    const form = document.getElementById('document-form');
    const input = document.getElementById('file');
    dropZone(input);
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const file = input.files[0];
      const v = Object.fromEntries(fields.map((f) => [f.id, readField(f)]));
      const errors = [];
      if (!file) errors.push({ field: 'file', message: 'Select a file' });
      else if (file.size === 0) errors.push({ field: 'file', message: 'The selected file is empty' });
      else if (limit && file.size > limit) errors.push({ field: 'file', message: `The selected file must be smaller than ${sizeWords(limit)}` });
      if (!v.kind) errors.push({ field: 'kind', message: 'Select what kind of document it is' });
      if (!v.title) errors.push({ field: 'title', message: 'Enter a title' });
      else if (new TextEncoder().encode(v.title).length > 200) errors.push({ field: 'title', message: 'Title must be 200 characters or fewer' });
      showErrors(errors);
      fileError(errors.some((x) => x.field === 'file'));
      if (errors.length) return;
      const sealed = (v.sealed || []).includes('true');
      const about = people.find((p) => p.value === v.person_id);
      const rows = [
        { key: 'File', value: `${file.name} (${sizeWords(file.size)})`, field: 'file' },
        { key: 'Kind', value: kindNames[v.kind], field: 'kind' },
        { key: 'Title', value: v.title, field: 'title' },
      ];
      if (people.length) rows.push({ key: 'About', value: about ? about.label : 'The whole case', field: 'person_id' });
      if (fields.includes(sealedField)) rows.push({ key: 'Sealed', value: sealed ? 'Yes' : 'No', field: 'sealed' });
      const confirmed = await checkAnswers(form, { heading: 'Check your answers before adding the document', rows, confirm: 'Add the document' });
      if (!confirmed) return;
      // The form's own fields are what is sent; the server reads them by name.
      const data = new FormData();
      data.append('kind', v.kind);
      data.append('title', v.title);
      if (v.person_id) data.append('person_id', v.person_id);
      data.append('sealed', sealed ? 'true' : 'false');
      data.append('file', file, file.name);
      document.getElementById('check-answers').hidden = true;
      const sending = document.getElementById('uploading');
      sending.hidden = false;
      document.getElementById('upload-label').textContent = `Sending ${file.name}`;
      document.getElementById('uploading-heading').focus();
      const res = await upload(data, file);
      if (res.status === 201) {
        finish(back, 'Document added', `${v.title} is now in the case's documents.`);
        return;
      }
      sending.hidden = true;
      backToForm(form);
      const refused = refusal(res.status, res.body, limit);
      showErrors(refused);
      fileError(refused.some((x) => x.field === 'file'));
    });
  }
}
