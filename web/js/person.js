import { api, showErrors, showProblem } from '/js/api.js';
import { finish, longDate, roleNames, signedInPage, summaryList } from '/js/shell.js';
import { showHistory } from '/js/history.js';
import { countryNames, genderName, languageName, languageNames } from '/js/names.js';
import { consentRows, fullName, shareRows, stateTag } from '/js/sharing.js';
import { currentlyMissingTag, episodeHref, gradingWords, missingFor, repeatWarning, timeEl, ukTime } from '/js/missing.js';

const me = await signedInPage();

// The records merged into this one, each with a button to separate it again
// when the user may; a refusal is shown beside the button it answers.
function showMerged(p, mayUnmerge) {
  const items = p.merged_from || [];
  document.getElementById('merged').hidden = !items.length;
  const list = document.getElementById('merged-list');
  items.forEach((m, i) => {
    const name = `${m.given_names} ${m.family_name}`.trim();
    const li = Object.assign(document.createElement('li'), { className: 'govuk-form-group', id: `unmerge-${i}-group` });
    li.append(Object.assign(document.createElement('p'), { className: 'govuk-body govuk-!-margin-bottom-1', textContent: name }));
    li.append(Object.assign(document.createElement('p'), { className: 'govuk-error-message', id: `unmerge-${i}-error`, hidden: true }));
    if (mayUnmerge) {
      const button = Object.assign(document.createElement('button'), { type: 'button', id: `unmerge-${i}`, className: 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0', textContent: 'Separate this record again' });
      button.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` (${name})` }));
      button.addEventListener('click', async () => {
        button.disabled = true;
        const res = await api('POST', `/api/v1/people/${encodeURIComponent(m.id)}/unmerge`);
        button.disabled = false;
        if (res.status === 200) {
          const n = res.body.links_moved_back;
          finish(`/person?id=${encodeURIComponent(p.id)}`, 'Records separated',
            `${name}'s record is its own again, with ${n} ${n === 1 ? 'part in a case' : 'parts in cases'} moved back to it.`);
          return;
        }
        showErrors([{ field: `unmerge-${i}`, message: res.status === 409 ? `${name}'s record has already been separated: reload the page`
          : res.status === 403 || res.status === 404 ? `You may not separate ${name}'s record: you must be a supervisor over it`
            : `${name}'s record could not be separated just now. Try again.` }]);
      });
      li.append(button);
    }
    list.append(li);
  });
}

// When a refusal took back consent given before, from the record's
// history: the latest change of consent, if it went from given to refused.
function consentWithdrawnAt(history) {
  const last = history.find((h) => h.field === 'consent');
  return last && last.new_value === 'refused' && (last.old_value || '').startsWith('given') ? last.at : null;
}

// One share as a summary card: the partner and the share's state, its
// details, who there looked, and a link to the share's page.
function shareCard(s) {
  const card = Object.assign(document.createElement('div'), { className: 'govuk-summary-card' });
  const head = Object.assign(document.createElement('div'), { className: 'govuk-summary-card__title-wrapper' });
  const title = Object.assign(document.createElement('h4'), { className: 'govuk-summary-card__title', textContent: `${s.organisation.name} ` });
  title.append(stateTag(s.state));
  const actions = Object.assign(document.createElement('ul'), { className: 'govuk-summary-card__actions' });
  const item = Object.assign(document.createElement('li'), { className: 'govuk-summary-card__action' });
  const a = Object.assign(document.createElement('a'), { className: 'govuk-link', href: `/share?id=${encodeURIComponent(s.id)}`, textContent: 'View the share' });
  a.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` with ${s.organisation.name} from ${longDate(s.created_at)}` }));
  item.append(a);
  actions.append(item);
  head.append(title, actions);
  const content = Object.assign(document.createElement('div'), { className: 'govuk-summary-card__content' });
  const dl = Object.assign(document.createElement('dl'), { className: 'govuk-summary-list' });
  const caseLink = Object.assign(document.createElement('a'), { className: 'govuk-link', href: `/case?id=${encodeURIComponent(s.case.id)}`, textContent: s.case.reference });
  summaryList(dl, [['Case', caseLink], ...shareRows(s, true).filter(([key]) => key !== 'Shared with')]);
  content.append(dl);
  card.append(head, content);
  return card;
}

// The consent as it stands and every share of the person, live or ended.
async function showSharing(p, path, history) {
  const res = await api('GET', `${path}/disclosures`);
  if (res.status !== 200) return;
  summaryList(document.getElementById('consent'), consentRows(res.body.consent, consentWithdrawnAt(history)));
  if (me.may.includes('person:write')) {
    const a = document.getElementById('record-consent');
    a.href = `/consent?person=${encodeURIComponent(p.id)}`;
    a.textContent = res.body.consent ? 'Record their consent again' : 'Record consent';
    a.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` for ${fullName(p)}` }));
    a.hidden = false;
  }
  document.getElementById('shares').replaceChildren(...res.body.items.map(shareCard));
  document.getElementById('shares-none').hidden = res.body.items.length > 0;
  document.getElementById('sharing').hidden = false;
}

// The person's missing episodes as an MOJ timeline, newest first, each
// leading to its page; a tag while they are missing now, the repeat
// warning, and the button to report them missing when they are not.
async function showMissing(p, path, name) {
  const m = p.missing;
  if (m && m.currently_missing) {
    const now = document.getElementById('missing-now');
    now.append(currentlyMissingTag(m), ' ', Object.assign(document.createElement('a'), {
      className: 'govuk-link', href: episodeHref(m.current_episode_id), textContent: 'See the missing episode',
    }));
    now.hidden = false;
  }
  const warning = repeatWarning(m, p.id, name, { mayScreen: me.may.includes('missing:write') });
  if (warning) document.getElementById('repeat').replaceChildren(warning);
  if (!me.may.includes('missing:read')) return;
  const res = await api('GET', `${path}/missing-episodes`);
  if (res.status !== 200) return;
  const items = res.body.items.map((ep) => {
    const item = document.createElement('div');
    item.className = 'moj-timeline__item';
    const header = Object.assign(document.createElement('div'), { className: 'moj-timeline__header' });
    const title = ep.status === 'missing' ? `Missing now: ${gradingWords(ep.risk)}` : `Missing for ${missingFor(ep)}`;
    header.append(Object.assign(document.createElement('h3'), { className: 'moj-timeline__title', textContent: title }), ' ',
      Object.assign(document.createElement('p'), { className: 'moj-timeline__byline', textContent: `reported by ${ep.reported_by.name}` }));
    const date = Object.assign(document.createElement('p'), { className: 'moj-timeline__date' });
    date.append('Last seen ', timeEl(ep.last_seen_at));
    const desc = Object.assign(document.createElement('div'), { className: 'moj-timeline__description' });
    const said = [`Last seen: ${ep.last_seen_place}.`];
    if (ep.returned_at) said.push(`Came back ${ukTime(ep.returned_at)}${ep.where_found ? ` (found: ${ep.where_found})` : ''}.`);
    else said.push(`Missing ${missingFor(ep)} so far.`);
    desc.append(Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: said.join(' ') }));
    const a = Object.assign(document.createElement('a'), { className: 'govuk-link', href: episodeHref(ep.id), textContent: 'View the episode' });
    a.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` last seen ${ukTime(ep.last_seen_at)}` }));
    desc.append(a);
    item.append(header, date, desc);
    return item;
  });
  document.getElementById('episodes').replaceChildren(...items);
  document.getElementById('episodes').hidden = !items.length;
  document.getElementById('no-episodes').hidden = items.length > 0;
  if (me.may.includes('missing:write') && !(m && m.currently_missing) && me.user.role !== 'partner') {
    const report = document.getElementById('report-missing');
    report.href = `/report-missing?person=${encodeURIComponent(p.id)}`;
    report.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` (${name})` }));
    report.hidden = false;
  }
  // A child's profile, kept ahead of any episode (the Philomena protocol).
  if (me.may.includes('missing:write') && p.presumed_child && me.user.role !== 'partner') {
    const profile = document.getElementById('missing-profile');
    profile.href = `/missing-profile?person=${encodeURIComponent(p.id)}`;
    profile.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` of ${name}` }));
    profile.hidden = false;
  }
  document.getElementById('missing').hidden = false;
}

// A restricted record (a subject's request) says so at the top: it may be
// stored but not used; corrections made at their request are listed.
function showRestriction(p) {
  if (p.restricted) {
    document.getElementById('restricted-text').textContent = `Restricted since ${longDate(p.restricted.since)}: ${p.restricted.reason}`;
    document.getElementById('restricted').hidden = false;
  }
  const rects = p.rectifications || [];
  document.getElementById('rectifications-list').replaceChildren(...rects.map((x) => Object.assign(document.createElement('li'), {
    textContent: `${rectifiedNames[x.field] || String(x.field || '').replace(/_/g, ' ')} corrected on ${longDate(x.at)}${x.note ? `: ${x.note}` : ''}`,
  })));
  document.getElementById('rectifications').hidden = !rects.length;
}
const rectifiedNames = {
  given_names: 'Given names', family_name: 'Family name', aliases: 'Other names', date_of_birth: 'Date of birth', estimated_age: 'Estimated age',
  gender: 'Gender', nationalities: 'Nationalities', languages: 'Languages', interpreter_language: 'Interpreter language',
};

if (me) {
  const id = new URLSearchParams(window.location.search).get('id') || '';
  const path = `/api/v1/people/${encodeURIComponent(id)}`;
  const res = await api('GET', path);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const p = res.body;
    const name = `${p.given_names} ${p.family_name}`.trim();
    document.title = `${name} – Waymark`;
    document.getElementById('name').textContent = name;
    if (p.presumed_child) {
      document.getElementById('child').hidden = false;
      document.getElementById('child-text').textContent = p.age_disputed
        ? 'Age disputed: treat as a child until the age is determined'
        : 'A child: referred to the NRM without consent; consider an Independent Child Trafficking Guardian';
    }
    document.getElementById('aliases').textContent = p.aliases.join(', ') || 'None recorded';
    document.getElementById('age').textContent = p.date_of_birth
      ? `${longDate(p.date_of_birth)} (${p.age})`
      : p.estimated_age !== null ? `About ${p.estimated_age}` : 'Not known';
    document.getElementById('gender').textContent = genderName(p.gender) || 'Not recorded';
    document.getElementById('nationalities').textContent = countryNames(p.nationalities) || 'Not known';
    document.getElementById('languages').textContent = languageNames(p.languages) || 'Not known';
    document.getElementById('interpreter').textContent = p.interpreter_needed ? `Needed: ${languageName(p.interpreter_language)}` : 'Not needed';
    const sc = p.safe_contact;
    const contact = document.getElementById('safe-contact');
    if (!sc) {
      contact.textContent = 'Not recorded';
    } else {
      for (const line of [sc.method, sc.times && `Times: ${sc.times}`, sc.notes].filter(Boolean)) {
        contact.append(Object.assign(document.createElement('p'), { className: 'govuk-body', textContent: line }));
      }
      if (sc.phone_may_be_monitored) {
        const w = document.createElement('strong');
        w.className = 'govuk-tag govuk-tag--red';
        w.textContent = 'Phone may be monitored';
        contact.append(w);
      }
    }
    document.getElementById('immigration').textContent = p.immigration_status_recorded
      ? 'Recorded and sealed: shown only with a stated reason'
      : 'Not recorded';
    if (p.immigration_status_recorded && me.may.includes('sealed:reveal')) {
      document.getElementById('reveal').hidden = false;
      document.getElementById('reveal-form').addEventListener('submit', async (e) => {
        e.preventDefault();
        const purpose = document.getElementById('purpose').value.trim();
        if (purpose.length < 10) {
          showErrors([{ field: 'purpose', message: 'Say why you need to see the immigration status, in at least 10 characters' }]);
          return;
        }
        const shown = await api('GET', `${path}?reveal=immigration_status`, undefined, { 'X-Purpose': purpose });
        if (shown.status !== 200) {
          showErrors([{ field: null, message: 'The immigration status could not be shown just now. Try again.' }]);
          return;
        }
        showErrors([]);
        document.getElementById('immigration').textContent = shown.body.immigration_status;
        document.getElementById('reveal').hidden = true;
      });
    }
    showRestriction(p);
    if (me.may.includes('person:write') && !p.restricted) {
      const a = document.getElementById('change');
      a.href = `/edit-person?id=${encodeURIComponent(p.id)}`;
      a.hidden = false;
    }
    if (me.may.includes('person:decide') && !p.restricted) {
      const a = document.getElementById('same-person');
      a.href = `/merge-person?id=${encodeURIComponent(p.id)}`;
      a.hidden = false;
    }
    showMerged(p, me.may.includes('person:decide'));
    const list = document.getElementById('cases');
    for (const c of p.cases) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.className = 'govuk-link';
      a.href = `/case?id=${encodeURIComponent(c.case_id)}`;
      a.textContent = c.reference;
      li.append(a, ` – ${roleNames[c.role] || c.role}`);
      list.append(li);
    }
    if (!p.cases.length) list.append(Object.assign(document.createElement('li'), { textContent: 'Not in any case you can see' }));
    await showMissing(p, path, name);
    const hist = await api('GET', `${path}/history`);
    const history = (hist.body && hist.body.items) || [];
    showHistory(document.getElementById('history'), history, 'No changes since the record was made.');
    if (me.may.includes('share:read')) await showSharing(p, path, history);
    document.getElementById('person-body').hidden = false;
  }
}
