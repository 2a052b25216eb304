// The allocation panel: candidates ranked by the hard requirements, then the
// score, each with the reasons in words. Allocating someone who fails a
// requirement opens the override dialog, which needs a reason.
import { api, showErrors } from '/js/api.js';
import { cell, signedInPage, tag } from '/js/shell.js';

const me = await signedInPage();
const caseId = new URLSearchParams(window.location.search).get('case') || '';
const back = `/case?id=${encodeURIComponent(caseId)}`;
const dialog = document.getElementById('override');
let chosen = null;

async function allocate(candidate, reason) {
  const body = { user_id: candidate.user_id };
  if (reason) body.override_reason = reason;
  const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/allocation`, body);
  if (res.status === 201) {
    window.location.assign(back);
    return null;
  }
  if (res.status === 409) return [{ field: null, message: `${candidate.name} already leads this case.` }];
  if (res.status === 422 && res.body.errors) return res.body.errors.map((e) => ({ field: e.field === 'override_reason' ? 'override_reason' : null, message: e.message }));
  return [{ field: null, message: 'The case could not be allocated just now. Try again.' }];
}

function showDialogErrors(errors) {
  const group = document.getElementById('override_reason-group');
  const msg = document.getElementById('override_reason-error');
  const mine = errors.find((e) => e.field === 'override_reason');
  group.classList.toggle('govuk-form-group--error', Boolean(mine));
  msg.hidden = !mine;
  msg.textContent = mine ? mine.message : '';
}

if (me) {
  document.getElementById('back').href = back;
  const [kase, res] = await Promise.all([
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}`),
    api('GET', `/api/v1/cases/${encodeURIComponent(caseId)}/allocation-candidates?limit=50`),
  ]);
  if (kase.status !== 200 || res.status !== 200) {
    showErrors([{ field: null, message: res.status === 403 ? 'Only a supervisor allocates cases.' : 'There is no such case, or it is not one you can see.' }]);
  } else {
    document.getElementById('who').textContent = `${kase.body.reference}: ${kase.body.title}`;
    document.getElementById('current').textContent = kase.body.lead
      ? `Led now by ${kase.body.lead.user.name}, allocated ${kase.body.lead.allocated_at.slice(0, 10)}.`
      : 'No one leads this case yet.';
    const needs = res.body.needs;
    const parts = [];
    if (needs.child_victim) parts.push('a victim is a child, so the lead needs current child criminal exploitation training');
    if (needs.interpreter_languages.length) parts.push(`victims need interpreters for: ${needs.interpreter_languages.join(', ')}`);
    document.getElementById('needs').textContent = parts.length ? `This case: ${parts.join('; ')}.` : '';
    const body = document.getElementById('candidates');
    for (const c of res.body.items) {
      const row = document.createElement('tr');
      row.className = 'govuk-table__row';
      const name = cell(row, c.name);
      name.append(' ', c.meets_requirements ? tag('Meets requirements', 'green') : tag('Fails a requirement', 'red'));
      cell(row, c.team || '');
      cell(row, String(c.score), { numeric: true });
      const why = cell(row, '');
      const ul = document.createElement('ul');
      ul.className = 'govuk-list govuk-body-s';
      for (const r of c.reasons) ul.append(Object.assign(document.createElement('li'), { textContent: r }));
      why.append(ul);
      const act = cell(row, '');
      const b = Object.assign(document.createElement('button'), { type: 'button', className: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', textContent: 'Allocate' });
      b.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` ${c.name}` }));
      b.addEventListener('click', async () => {
        if (!c.meets_requirements) {
          chosen = c;
          document.getElementById('override-who').textContent = c.name;
          const fails = document.getElementById('override-fails');
          fails.replaceChildren(...c.reasons.filter((r) => r.startsWith('Fails')).map((r) => Object.assign(document.createElement('li'), { textContent: r })));
          showDialogErrors([]);
          dialog.showModal();
          document.getElementById('override_reason').focus();
          return;
        }
        const errors = await allocate(c);
        if (errors) showErrors(errors);
      });
      act.append(b);
      body.append(row);
    }
    document.getElementById('override-cancel').addEventListener('click', () => dialog.close());
    document.getElementById('override-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const reason = document.getElementById('override_reason').value.trim();
      if (!reason) {
        showDialogErrors([{ field: 'override_reason', message: 'Say why you are allocating them anyway' }]);
        return;
      }
      const errors = await allocate(chosen, reason);
      if (errors) showDialogErrors(errors.some((x) => x.field) ? errors : [{ field: 'override_reason', message: errors[0].message }]);
    });
    document.getElementById('allocate-body').hidden = false;
  }
}
