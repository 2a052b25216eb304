import { api, showErrors } from '/js/api.js';
import { typeOptions } from '/js/names.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const fieldIds = { title: 'title', summary: 'summary', exploitation_types: 'exploitation_types' };

// A checkbox for each of the UK NRM's types of exploitation, as the server lists them.
function typeBoxes() {
  const boxes = document.getElementById('exploitation_types');
  for (const { value, label } of typeOptions()) {
    const item = Object.assign(document.createElement('div'), { className: 'govuk-checkboxes__item' });
    const input = Object.assign(document.createElement('input'), { className: 'govuk-checkboxes__input', id: `t-${value}`, name: 'types', type: 'checkbox', value });
    const text = Object.assign(document.createElement('label'), { className: 'govuk-label govuk-checkboxes__label', htmlFor: input.id, textContent: label });
    item.append(input, text);
    boxes.append(item);
  }
}

if (me) {
  typeBoxes();
  document.getElementById('new-case-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const title = document.getElementById('title').value.trim();
    const summary = document.getElementById('summary').value.trim();
    const types = [...document.querySelectorAll('input[name="types"]:checked')].map((i) => i.value);
    const errors = [];
    if (!title) errors.push({ field: 'title', message: 'Enter a title' });
    if (!types.length) errors.push({ field: 'exploitation_types', message: 'Select at least one type of exploitation' });
    if (errors.length) {
      showErrors(errors);
      return;
    }
    const res = await api('POST', '/api/v1/cases', { title, summary, exploitation_types: types });
    if (res.status === 201) {
      finish(`/case?id=${encodeURIComponent(res.body.id)}`, `Case ${res.body.reference} opened`, 'Next: add the people in it. A supervisor allocates a lead investigator.');
      return;
    }
    if (res.status === 422 && res.body && res.body.errors) {
      showErrors(res.body.errors.map((x) => ({ field: fieldIds[x.field] || null, message: `${x.field.replace(/_/g, ' ')} ${x.message}` })));
      return;
    }
    showErrors([{ field: null, message: 'The case could not be opened just now. Try again.' }]);
  });
}
