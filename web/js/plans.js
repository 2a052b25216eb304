// A victim's safeguarding plan in words, wherever Waymark shows one: risk
// levels, the states of actions, a child's protection steps and their
// outcomes, and how near a date is. One table of each, so that every page
// reads them alike and none shows the API's codes. Also the plan's place on
// the case page, what the force asks when it makes or changes one, and
// whom a plan is for as the force or a partner reads it.
import { api } from '/js/api.js';
import { longDate, tag } from '/js/shell.js';
import { personName } from '/js/subject.js';

// Risk levels as the College of Policing grades them, highest first, each
// with its GOV.UK tag colour and what it means.
export const riskLevels = {
  high: { name: 'High', colour: 'red', hint: 'Harm could happen at any time and would be serious.' },
  medium: { name: 'Medium', colour: 'orange', hint: 'There are signs of harm, unlikely unless circumstances change.' },
  low: { name: 'Low', colour: 'yellow', hint: 'Nothing now suggests serious harm is likely.' },
  no_apparent_risk: { name: 'No apparent risk', colour: 'grey', hint: 'No sign of a risk of harm.' },
};

// An action's states, in the order it moves through them.
export const actionStatuses = {
  open: { name: 'Open', colour: '' },
  in_progress: { name: 'In progress', colour: 'turquoise' },
  done: { name: 'Done', colour: 'green' },
  cancelled: { name: 'Cancelled', colour: 'grey' },
};

// Whether an action in this state is still to be done.
export const actionOpen = (status) => status === 'open' || status === 'in_progress';

// A child's protection steps in the order Working Together to Safeguard
// Children 2023 sets them. key: the API's step; recorded: where the plan
// keeps it (child_protection.steps); due: its clock (child_protection.due);
// what: the step as a sentence names it; when: its clock in words; date:
// what its date is; outcomes: what it may decide, asked as ask (pick: the
// error when none is chosen).
export const cpSteps = [
  { key: 'local_authority_told', recorded: 'local_authority_told', name: 'Local authority told', what: 'telling the local authority',
    when: 'Children’s social care are told of the child at once: this starts the clocks.', date: 'date the local authority was told' },
  { key: 'strategy_discussion', recorded: 'strategy_discussion', due: 'strategy_discussion', name: 'Strategy discussion', what: 'the strategy discussion',
    when: (cp) => `Within ${cp.strategy_within_working_days === 1 ? '1 working day' : `${cp.strategy_within_working_days} working days`} of the local authority being told.`,
    date: 'date of the strategy discussion', ask: 'What did the strategy discussion decide?', pick: 'Select what the strategy discussion decided',
    outcomes: { section_47: 'Section 47 enquiries to be made', no_further_action: 'No further action' } },
  { key: 'section_47_outcome', recorded: 'section_47_outcome', name: 'Section 47 enquiries', what: 'the outcome of the section 47 enquiries',
    when: 'Only when the strategy discussion calls for them.', date: 'date the section 47 enquiries concluded',
    ask: 'What did the section 47 enquiries find?', pick: 'Select what the section 47 enquiries found',
    outcomes: { significant_harm: 'At risk of significant harm', no_significant_harm: 'Not at risk of significant harm' } },
  { key: 'conference', recorded: 'conference', due: 'conference', name: 'Initial child protection conference', what: 'the initial child protection conference',
    when: 'Within 15 working days of the strategy discussion, when the enquiries find a risk of significant harm.',
    date: 'date of the conference', ask: 'What did the conference decide?', pick: 'Select what the conference decided',
    outcomes: { plan: 'Child protection plan made', no_plan: 'No child protection plan' } },
  { key: 'core_group', recorded: 'core_group', due: 'core_group', name: 'First core group meeting', what: 'the first core group meeting',
    when: 'Within 10 working days of a conference that made a plan.', date: 'date the core group first met' },
  { key: 'review', recorded: 'last_review', due: 'review', name: 'Review conference', what: 'the review conference',
    when: 'Within 3 months of the conference, then at least every 6 months while the plan lasts.',
    date: 'date of the review conference', ask: 'What did the review decide?', pick: 'Select what the review decided',
    outcomes: { plan_continues: 'Plan continues', plan_ends: 'Plan ends' } },
];

export const cpStep = (key) => cpSteps.find((s) => s.key === key);

// What a clock in the step's description says for this plan.
export const cpWhen = (step, cp) => (typeof step.when === 'function' ? step.when(cp) : step.when);

const outcomeOf = (cp, key) => (cp.steps[key] ? cp.steps[key].outcome : null);

// The steps the child's state calls for next, as the API's rule has it
// (domain/safeguarding.c): each only once the step before asks for it.
// The API decides; this only offers what it would accept.
export function cpStepsOpen(cp) {
  const s = cp.steps;
  const open = [];
  if (!s.local_authority_told) open.push('local_authority_told');
  else if (!s.strategy_discussion) open.push('strategy_discussion');
  if (outcomeOf(cp, 'strategy_discussion') === 'section_47' && !s.section_47_outcome) open.push('section_47_outcome');
  if (outcomeOf(cp, 'section_47_outcome') === 'significant_harm' && !s.conference) open.push('conference');
  if (outcomeOf(cp, 'conference') === 'plan') {
    if (!s.core_group) open.push('core_group');
    if (!s.plan_ended_on) open.push('review');
  }
  return open;
}

// Whether a step will never be needed: an earlier outcome ended the path.
function cpNotNeeded(cp, key) {
  const strategy = outcomeOf(cp, 'strategy_discussion');
  const s47 = outcomeOf(cp, 'section_47_outcome');
  const conference = outcomeOf(cp, 'conference');
  if (key === 'section_47_outcome') return strategy === 'no_further_action';
  if (key === 'conference') return strategy === 'no_further_action' || s47 === 'no_significant_harm';
  if (key === 'core_group' || key === 'review') {
    return strategy === 'no_further_action' || s47 === 'no_significant_harm' || conference === 'no_plan';
  }
  return false;
}

// A step as it stands: state done, due (its clock running), next (called
// for, no clock), not_needed or not_yet; with what was recorded in words.
export function cpStepState(cp, step) {
  const rec = cp.steps[step.recorded];
  const due = step.due ? cp.due[step.due] : null;
  const said = rec ? [`${longDate(rec.on)}`, rec.outcome && step.outcomes ? step.outcomes[rec.outcome] : ''].filter(Boolean).join(': ') : '';
  if (step.key === 'review') {
    if (cp.steps.plan_ended_on) return { state: 'done', said: `Plan ended ${longDate(cp.steps.plan_ended_on)}` };
    if (due) return { state: 'due', due, said: rec ? `Last reviewed ${longDate(rec.on)}` : '' };
  }
  if (step.key === 'local_authority_told' && rec) {
    return { state: 'done', said: `${longDate(rec.on)}${cp.local_authority ? `: ${cp.local_authority.name}` : ''}` };
  }
  if (rec && step.key !== 'review') return { state: 'done', said };
  if (cpNotNeeded(cp, step.key)) return { state: 'not_needed', said: '' };
  if (due) return { state: 'due', due, said };
  if (cpStepsOpen(cp).includes(step.key)) return { state: 'next', said };
  return { state: 'not_yet', said };
}

// Today as the server counts it (UTC), YYYY-MM-DD.
export const today = () => new Date().toISOString().slice(0, 10);

// How near a date is, as a GOV.UK tag: Overdue (red), Due today (yellow),
// or, with dueOn, "Due on 4 January 2027" (blue); '' otherwise.
export function dueTag(date, dueOn = false) {
  if (!date) return '';
  const now = today();
  if (date < now) return tag('Overdue', 'red');
  if (date === now) return tag('Due today', 'yellow');
  return dueOn ? tag(`Due on ${longDate(date)}`) : '';
}

export const riskTag = (level) => tag((riskLevels[level] || {}).name || level, (riskLevels[level] || {}).colour);
export const statusTag = (status) => tag((actionStatuses[status] || {}).name || status, (actionStatuses[status] || {}).colour);

// The radio options of a table above: each by name, with its hint if any.
export const optionsOf = (table) => Object.entries(table).map(([value, v]) => ({ value, label: typeof v === 'string' ? v : v.name, hint: v.hint }));

// What comes next for the child, in a sentence: the first step called
// for and, when its clock runs, the day it is due.
export function cpNext(cp) {
  const open = cpStepsOpen(cp).map(cpStep);
  if (!open.length) return 'No further child protection steps are called for.';
  return open.map((s) => {
    const due = s.due ? cp.due[s.due] : null;
    const what = s.what.charAt(0).toUpperCase() + s.what.slice(1);
    return due ? `${what} is due on ${longDate(due)}.` : `${what} is next.`;
  }).join(' ');
}

// The address of the page of a plan.
export const planHref = (id) => `/safeguarding-plan?id=${encodeURIComponent(id)}`;

// On the case page, beside a potential victim: their plan, or the way to
// make one for those who keep plans. Nothing for a role that reads none
// (the case then names no plan).
export function planLinks(cellEl, part, kase, may) {
  if (!('safeguarding_plan_id' in part)) return;
  const name = `${part.person.given_names} ${part.person.family_name}`.trim();
  let a;
  if (part.safeguarding_plan_id) {
    a = Object.assign(document.createElement('a'), { className: 'govuk-link', href: planHref(part.safeguarding_plan_id), textContent: 'Safeguarding plan' });
  } else if (may.includes('plan:write')) {
    a = Object.assign(document.createElement('a'), {
      className: 'govuk-link',
      href: `/new-safeguarding-plan?case=${encodeURIComponent(kase.id)}&link=${encodeURIComponent(part.id)}`,
      textContent: 'Make a safeguarding plan',
    });
  } else {
    return;
  }
  a.append(Object.assign(document.createElement('span'), { className: 'govuk-visually-hidden', textContent: ` for ${name}` }));
  const p = Object.assign(document.createElement('p'), { className: 'govuk-body-s govuk-!-margin-bottom-1' });
  p.append(a);
  cellEl.append(p);
}

// What the force says of a plan when it makes or changes one: when it is
// to be reviewed and the other agencies working with the person.
export const planFields = [
  { id: 'review_on', label: 'Review date', kind: 'date', hint: 'When the plan is next to be reviewed, for example 1 3 2027. Leave it blank to set it later.' },
  { id: 'agencies', label: 'Other agencies involved (optional)', kind: 'textarea', hint: 'One on each line, for example Haven Trust Victim Support.' },
];

// The agencies typed one on each line, as the API takes them.
export const agencyList = (text) => text.split('\n').map((a) => a.trim()).filter(Boolean);

// The errors of a plan's answers: a review date must be real, and not past.
export function planErrors(v) {
  if (v.review_on === 'invalid') return [{ field: 'review_on', message: 'Review date must be a real date' }];
  if (v.review_on && v.review_on < today()) return [{ field: 'review_on', message: 'Review date must be today or in the future' }];
  return [];
}

// Whom the plan is for and in which case: the force reads both from the
// case; a partner, from the share that names the plan to its organisation.
export async function planSubject(plan) {
  if (plan.case) {
    const res = await api('GET', `/api/v1/cases/${encodeURIComponent(plan.case.id)}`);
    if (res.status !== 200) return { name: '', kase: null };
    const part = res.body.people.find((p) => p.id === plan.link_id);
    return { name: part ? personName(part.person) : '', kase: res.body };
  }
  let cursor = '';
  for (let pages = 0; pages < 20; pages++) {
    const res = await api('GET', `/api/v1/shares?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) break;
    const share = res.body.items.find((s) => s.plan && s.plan.id === plan.id);
    if (share) return { name: share.person ? personName(share.person) : 'Name not shared with you', kase: share.case };
    if (!res.body.next_cursor) break;
    cursor = res.body.next_cursor;
  }
  return { name: '', kase: null };
}
