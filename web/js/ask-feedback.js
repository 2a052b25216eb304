// Asking a victim for feedback: in which of the questionnaire's languages,
// and whether it is given in person (a QR code to scan, or the link and a
// short code) or sent to their safe contact, never to a phone that may be
// monitored. The invitation works once, for 30 days; their answers are kept
// apart from their record.
import { api, showErrors } from '/js/api.js';
import { partAddress, partOrRefuse } from '/js/case-part.js';
import { addFields, readField, writeField } from '/js/form.js';
import { languageName } from '/js/names.js';
import { el, feedbackLanguages } from '/js/services.js';
import { fullName } from '/js/sharing.js';
import { longDate, signedInPage, successBanner, summaryList } from '/js/shell.js';

const me = await signedInPage();
const { caseId, linkId, back } = partAddress();

// "K7PX 4RMW": a code read out or typed, in groups of four.
const spaced = (code) => code.replace(/[^A-Za-z0-9]/g, '').replace(/(.{4})(?=.)/g, '$1 ');

if (me) {
  const link = await partOrRefuse(caseId, linkId, 'potential_victim', 'potential victim');
  const person = link ? await api('GET', `/api/v1/people/${encodeURIComponent(link.person.id)}`) : null;
  if (link && person.status !== 200) {
    showErrors([{ field: null, message: 'Their record could not be read just now. Try again.' }]);
  } else if (link) {
    const p = person.body;
    const name = fullName(p);
    document.title = `Ask for feedback: ${name} – Waymark`;
    document.getElementById('back-to-case').href = back;
    const safe = p.safe_contact || {};
    const monitored = safe.phone_may_be_monitored === true;
    const theirs = (p.languages || []).map((t) => t.split('-')[0].toLowerCase());
    const delivery = [{ value: 'in_person', label: 'In person', hint: 'Show them a QR code to scan, or give them the link and the code.' }];
    if (!monitored && safe.method) {
      delivery.push({ value: 'safe_contact', label: 'Through their safe contact', hint: `Send them the link and the code. Their safe contact: ${safe.method}${safe.times ? `, ${safe.times}` : ''}.` });
    }
    const fields = [
      { id: 'language', label: 'Which language should the questions be in?', kind: 'radios',
        hint: theirs.length ? `They speak ${theirs.map(languageName).join(', ')}.` : 'The questionnaire is written in these languages.',
        options: feedbackLanguages.map((value) => ({ value, label: languageName(value) })) },
      { id: 'delivery', label: 'How will you give it to them?', kind: 'radios', options: delivery,
        hint: safe.method || monitored ? '' : 'No safe way to contact them is recorded, so give it in person.' },
    ];
    document.getElementById('monitored').hidden = !monitored;
    const form = document.getElementById('ask-form');
    addFields(document.getElementById('ask-fields'), fields);
    writeField(fields[0], theirs.find((l) => feedbackLanguages.includes(l)) || '');
    writeField(fields[1], 'in_person');
    form.hidden = false;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const language = readField(fields[0]);
      const how = readField(fields[1]);
      const errors = [];
      if (!language) errors.push({ field: 'language', message: 'Select the language of the questions' });
      if (!how) errors.push({ field: 'delivery', message: 'Select how you will give it to them' });
      showErrors(errors);
      if (errors.length) return;
      const res = await api('POST', `/api/v1/cases/${encodeURIComponent(caseId)}/people/${encodeURIComponent(linkId)}/feedback-invitations`, { language, delivery: how });
      if (res.status === 201) {
        showInvitation(res.body, name, language, how, safe);
        return;
      }
      if (res.status === 409) {
        writeField(fields[1], 'in_person');
        document.getElementById('monitored').hidden = false;
        showErrors([{ field: 'delivery', message: 'Their phone may be monitored and a trafficker may read it: give it in person' }]);
        return;
      }
      const errs = (res.status === 422 && res.body && res.body.errors) || [];
      if (errs.some((x) => x.field === 'delivery')) {
        showErrors([{ field: 'delivery', message: 'No safe way to contact them is recorded: give it in person, or record their safe contact first' }]);
        return;
      }
      showErrors([{ field: errs.some((x) => x.field === 'language') ? 'language' : null,
        message: errs.length ? 'The questionnaire is not written in that language yet' : res.status === 403 || res.status === 404 ? 'You cannot ask for feedback in this case.' : 'The invitation could not be made just now. Try again.' }]);
    });
  }
}

// The invitation as the victim is given it: the QR code to scan in person,
// the link, the code to type in instead, and until when it works.
function showInvitation(inv, name, language, how, safe) {
  const url = new URL(inv.url, window.location.origin).href;
  document.getElementById('ask').hidden = true;
  showErrors([]);
  successBanner(`Feedback invitation for ${name} made`, `In ${languageName(language)}. It works once, until ${longDate(inv.expires_at)}.`);
  const heading = document.getElementById('invitation-heading');
  heading.textContent = how === 'in_person' ? 'Show them this QR code' : 'Send them the link and the code';
  document.getElementById('invitation-how').textContent = how === 'in_person'
    ? 'They scan it with their phone’s camera to open the questions. Or give them the link, or the code to type in at the address below.'
    : `Send them both through their safe contact, and no other way. Their safe contact: ${safe.method}${safe.times ? `, ${safe.times}` : ''}.`;
  const qr = document.getElementById('qr');
  qr.src = inv.qr_code;
  qr.alt = `QR code that opens the feedback questions for ${name}`;
  qr.hidden = how !== 'in_person' || !inv.qr_code;
  const codeAt = new URL('/feedback', window.location.origin).href;
  const link = el('a', 'govuk-link waymark-secret', { href: url, textContent: url });
  const code = el('span', 'waymark-secret waymark-code', { textContent: spaced(inv.code) });
  summaryList(document.getElementById('invitation-details'), [
    ['Link', link],
    ['Code', code],
    ['Where to type the code', codeAt],
    ['Works until', `${longDate(inv.expires_at)}, once`],
  ]);
  document.getElementById('invitation').hidden = false;
  heading.focus();
}
