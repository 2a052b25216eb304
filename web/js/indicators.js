import { api, showErrors } from '/js/api.js';
import { finish, signedInPage } from '/js/shell.js';

const me = await signedInPage();
const params = new URLSearchParams(window.location.search);
const caseId = params.get('case') || '';
const link = params.get('link') || '';
const groupNames = { physical: 'Physical', psychological: 'Psychological', situational: 'Situational' };

if (me) {
  const back = `/case?id=${encodeURIComponent(caseId)}`;
  document.getElementById('cancel').href = back;
  const [vocab, kase] = await Promise.all([api('GET', '/api/v1/vocabularies'), api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`)]);
  const person = kase.status === 200 ? kase.body.people.find((p) => p.id === link) : null;
  if (!person || vocab.status !== 200) {
    showErrors([{ field: null, message: 'There is no such person in a case you can see.' }]);
  } else {
    document.getElementById('who').textContent = `${person.person.given_names} ${person.person.family_name}, ${kase.body.reference}`;
    const have = new Set(person.indicators.map((i) => i.code));
    const groups = document.getElementById('groups');
    for (const g of Object.keys(groupNames)) {
      const wrap = document.createElement('div');
      wrap.className = 'govuk-form-group';
      const fs = document.createElement('fieldset');
      fs.className = 'govuk-fieldset';
      const legend = document.createElement('legend');
      legend.className = 'govuk-fieldset__legend govuk-fieldset__legend--m';
      legend.textContent = groupNames[g];
      const boxes = document.createElement('div');
      boxes.className = 'govuk-checkboxes govuk-checkboxes--small';
      for (const v of vocab.body.indicators.filter((i) => i.group === g)) {
        const item = document.createElement('div');
        item.className = 'govuk-checkboxes__item';
        const input = document.createElement('input');
        input.className = 'govuk-checkboxes__input';
        input.type = 'checkbox';
        input.name = 'indicator';
        input.id = `i-${v.code}`;
        input.value = v.code;
        input.checked = have.has(v.code);
        input.disabled = have.has(v.code);
        const label = document.createElement('label');
        label.className = 'govuk-label govuk-checkboxes__label';
        label.htmlFor = input.id;
        label.textContent = v.label + (have.has(v.code) ? ' (already recorded)' : '');
        item.append(input, label);
        boxes.append(item);
      }
      fs.append(legend, boxes);
      wrap.append(fs);
      groups.append(wrap);
    }
    document.getElementById('indicators-form').hidden = false;
    document.getElementById('indicators-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = [...document.querySelectorAll('input[name="indicator"]:checked:not(:disabled)')].map((i) => i.value);
      if (!chosen.length) {
        showErrors([{ field: null, message: 'Select at least one indicator, or cancel' }]);
        return;
      }
      for (const code of chosen) {
        const r = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(link)}/indicators`, { code });
        if (r.status !== 201 && r.status !== 409) {
          showErrors([{ field: null, message: 'Some indicators could not be recorded. Try again.' }]);
          return;
        }
      }
      finish(back, 'Indicators recorded', 'Next: refer them to the NRM, or, for an adult who does not consent, notify the Home Office, within 24 hours.');
    });
  }
}
