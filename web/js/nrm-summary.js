// The prepared NRM referral summary: what the Home Office's online form asks,
// laid out to print. Immigration status never appears (it is sealed).
import { api, showProblem } from '/js/api.js';
import { longDate, signedInPage, summaryList, typeNames } from '/js/shell.js';
import { countryNames, genderName, languageName, languageNames } from '/js/names.js';
import { serviceName, statusWords } from '/js/services.js';
import { personName, showCase } from '/js/subject.js';

const me = await signedInPage();
const id = new URLSearchParams(window.location.search).get('id') || '';

// Whether they need an interpreter, from their record; consent given
// through an interpreter says they do, whatever the record says.
function interpreter(v, consent) {
  if (v.interpreter_needed) return `Yes${v.interpreter_language ? ` (${languageName(v.interpreter_language)})` : ''}`;
  if (consent && consent.interpreter) {
    return `Yes: consent was given through an interpreter (${consent.interpreter}${consent.language ? `, in ${languageName(consent.language)}` : ''})`;
  }
  return 'No';
}

function items(list, values, empty) {
  const ul = document.getElementById(list);
  for (const v of values) ul.append(Object.assign(document.createElement('li'), { textContent: v }));
  if (!values.length) ul.append(Object.assign(document.createElement('li'), { textContent: empty }));
}

if (me) {
  const [res, vocab] = await Promise.all([
    api('GET', `/api/v1/nrm-referrals/${encodeURIComponent(id)}/summary`, undefined, { 'X-Purpose': 'Preparing the NRM referral form' }),
    api('GET', '/api/v1/vocabularies'),
  ]);
  if (res.status !== 200) {
    await showProblem(res.status);
  } else {
    const s = res.body;
    const r = s.referral;
    const v = s.potential_victim;
    const label = (list, code) => ((vocab.body && vocab.body[list]) || []).find((e) => e.code === code)?.label || code;
    document.getElementById('reference').textContent = personName(v);
    showCase(document.getElementById('about-case'), { id: r.case_id, reference: s.case.reference, title: s.case.title }, true);
    document.getElementById('back').href = `/nrm-referral?id=${encodeURIComponent(r.id)}`;
    document.getElementById('print').addEventListener('click', () => window.print());
    summaryList(document.getElementById('referral'), [
      ['Date of referral', longDate(r.referred_on)],
      ['Competent Authority', r.competent_authority === 'single' ? 'Single Competent Authority' : 'Immigration Enforcement Competent Authority'],
      ['Referred as a child', r.child ? 'Yes: no consent needed' : 'No'],
      ['Informed consent', r.consent ? `Given: ${r.consent.method}; language ${languageName(r.consent.language)}${r.consent.interpreter ? `; interpreter ${r.consent.interpreter}` : ''}` : 'Not needed'],
    ]);
    summaryList(document.getElementById('first-responder'), [
      ['Name', r.first_responder.name], ['Organisation', r.first_responder.organisation], ['Team', s.case.team],
      ['Police case reference', s.case.reference],
    ]);
    const age = v.date_of_birth ? `Born ${longDate(v.date_of_birth)}` : v.age !== null ? `About ${v.age}` : null;
    summaryList(document.getElementById('victim'), [
      ['Given names', v.given_names], ['Family name', v.family_name], ['Other names used', (v.aliases || []).join(', ')],
      ['Age', age && v.age_disputed ? `${age} (age disputed)` : age], ['Gender', genderName(v.gender)],
      ['Nationality', countryNames(v.nationalities)], ['Languages', languageNames(v.languages)],
      ['Interpreter needed', interpreter(v, r.consent)],
      ['Safe way to contact them', v.safe_contact ? [v.safe_contact.method, v.safe_contact.times, v.safe_contact.notes].filter(Boolean).join('; ') + (v.safe_contact.phone_may_be_monitored ? ' (phone may be monitored)' : '') : null],
      ['Immigration status', s.immigration_status],
    ]);
    const c = s.victim_context || {};
    summaryList(document.getElementById('exploitation'), [
      ['Types of exploitation (case)', s.case.exploitation_types.map((t) => typeNames[t] || t).join(', ')],
      ['County lines', s.case.county_lines ? 'Yes' : 'No'],
      ['Their exploitation', (c.types_of_exploitation || []).map((x) => label('types_of_exploitation', x)).join(', ')],
      ['Recruited by', c.method_of_recruitment ? label('method_of_recruitment', c.method_of_recruitment) : null],
      ['Relationship to the exploiter', c.relationship_to_trafficker ? label('relationship_to_trafficker', c.relationship_to_trafficker) : null],
      ['Methods of control', (c.methods_of_control || []).map((x) => label('methods_of_control', x)).join(', ')],
      ['What happened', s.case.summary],
    ]);
    items('indicators', s.indicators.map((i) => `${i.label || i.code}${i.note ? `: ${i.note}` : ''}`), 'None recorded');
    items('places', s.places.map((p) => `${p.kind}: ${[p.address, p.postcode, p.country].filter(Boolean).join(', ')}${p.date_from ? ` (from ${longDate(p.date_from)}${p.date_to ? ` to ${longDate(p.date_to)}` : ''})` : ''}`), 'None recorded');
    const care = s.named_contact || {};
    summaryList(document.getElementById('support'), [
      ['Named single point of contact', care.spoc_name ? `${care.spoc_name} (${care.spoc_kind === 'navigator' ? 'independent victim navigator' : 'officer'})` : null],
      // Referrals to services from the directory, and any support referral recorded before it.
      ['Referred for support', [
        ...(s.service_referrals || []).map((x) => `${serviceName(x)}, ${statusWords(x.status).toLowerCase()}${x.overdue ? ', overdue' : ''}`),
      ].join('; ')],
    ]);
    document.getElementById('summary-body').hidden = false;
  }
}
