// What the Commissioner pays for, in words: the kinds of service, a
// referral's urgency, status and outcome as tags and sentences, Go bag kinds,
// and the questions victims are asked for feedback. One place for the words
// the directory, the referral pages, the case page, Go bags and feedback
// results share.
import { languageName } from '/js/names.js';
import { longTime, tag } from '/js/shell.js';

export const el = (t, className, props = {}) => Object.assign(document.createElement(t), className ? { className } : {}, props);

export const kindNames = {
  isva: 'Independent sexual violence adviser (ISVA)',
  advocacy: 'Advocacy',
  navigator: 'Independent victim navigator',
  housing: 'Housing and safe accommodation',
  mental_health: 'Mental health',
  legal_advice: 'Legal advice',
  immigration_advice: 'Immigration advice',
  interpreting: 'Interpreting',
  substance_misuse: 'Drug and alcohol support',
  other: 'Other support',
};

export const kindHints = {
  isva: 'Support through reporting and the criminal justice process after sexual violence.',
  advocacy: 'Someone to speak up for them with agencies and services.',
  navigator: 'A single point of contact who helps them through the police investigation and beyond.',
  housing: 'A safe place to stay, now or longer term.',
  mental_health: 'Counselling, therapy or crisis mental health care.',
  legal_advice: 'Advice on criminal, civil or employment law, compensation and debts.',
  immigration_advice: 'Regulated advice on their immigration status.',
  interpreting: 'An interpreter for meetings and interviews.',
  substance_misuse: 'Help with drugs or alcohol.',
  other: 'Any other commissioned service.',
};

export const urgencyNames = {
  immediate: 'Immediate',
  urgent: 'Urgent',
  routine: 'Routine',
};
export const urgencyHints = {
  immediate: 'They need help now: the service is asked to answer within the hour.',
  urgent: 'They need help soon: the service answers within its target time.',
  routine: 'Within the service’s usual target time.',
};
const urgencyColours = { immediate: 'red', urgent: 'orange', routine: 'grey' };
// A referral from before the directory has no urgency.
export const urgencyTag = (u) => (u ? tag(urgencyNames[u] || u, urgencyColours[u]) : 'Not recorded');

// A referral's status as a GOV.UK tag: what the provider has done with it.
const statuses = {
  referred: ['Referred', ''],
  accepted: ['Accepted', 'turquoise'],
  declined: ['Declined', 'orange'],
  in_progress: ['In progress', 'green'],
  closed: ['Closed', 'grey'],
  withdrawn: ['Withdrawn', 'grey'],
};
export const statusWords = (s) => (statuses[s] || [s])[0];
export function referralTag(status) {
  const [text, colour] = statuses[status] || [status, 'grey'];
  return tag(text, colour);
}
export const openStatuses = ['referred', 'accepted', 'in_progress'];

export const outcomeNames = {
  support_completed: 'Support completed',
  victim_declined: 'They declined the support',
  lost_contact: 'Contact was lost',
  moved_away: 'They moved away',
  other: 'Another outcome',
};

// "Within 48 hours", "Within 1 hour", "Within 5 days" for 120 hours.
export function responseWords(hours) {
  if (hours === null || hours === undefined) return 'No target';
  if (hours % 24 === 0 && hours >= 96) return `Within ${hours / 24} days`;
  return `Within ${hours} hour${hours === 1 ? '' : 's'}`;
}

// "18 to 120", "Up to 17", "Any age".
export function agesWords(ages) {
  if (!ages) return 'Any age';
  const { min, max } = ages;
  if ((min ?? 0) <= 0 && (max ?? 120) >= 120) return 'Any age';
  if ((min ?? 0) <= 0) return `Up to ${max}`;
  if ((max ?? 120) >= 120) return `${min} and over`;
  return `${min} to ${max}`;
}

export const languagesWords = (codes) => ((codes && codes.length) ? codes.map(languageName).join(', ') : 'English only');
export const capacityWords = (c) => (c === null || c === undefined ? 'No limit on places' : `Up to ${c} ${c === 1 ? 'person' : 'people'} at a time`);

// The answer due from the provider: the time, and Overdue once past it.
export function respondByNodes(r) {
  if (!r.respond_by) return ['No target time'];
  const out = [longTime(r.respond_by)];
  if (r.overdue || (r.status === 'referred' && Date.parse(r.respond_by) < Date.now())) out.push(' ', tag('Overdue', 'red'));
  return out;
}

// A referral's service: an object in a referral's own record and the shared
// list, a name in a case's or an NRM summary's list (for a referral from
// before the directory, the provider's name or the need).
export const serviceName = (r) => (typeof r.service === 'string' ? r.service : r.service && r.service.name)
  || r.provider_name || 'A service no longer in the directory';

export const referralHref = (id) => `/referral?id=${encodeURIComponent(id)}`;

// ---- Go bags ----

export const bagKindNames = {
  adult: 'Adult',
  adult_with_phone: 'Adult, with a phone',
  child: 'Child',
  child_with_phone: 'Child, with a phone',
};
export const bagKindHints = {
  adult: 'Toiletries, clothes, a charger and information cards.',
  adult_with_phone: 'The adult bag with a basic phone and credit.',
  child: 'Made up for a child, with information cards for children.',
  child_with_phone: 'The child bag with a basic phone and credit.',
};
const bagNouns = {
  adult: 'adult Go bag', adult_with_phone: 'adult Go bag with a phone',
  child: 'child’s Go bag', child_with_phone: 'child’s Go bag with a phone',
};
// "adult Go bag with a phone, Albanian cards".
export const bagNoun = (kind, language) => `${bagNouns[kind] || kind}, ${languageName(language || 'en')} cards`;
// "an adult Go bag with a phone, with Albanian cards".
export const bagPhrase = (kind, language) => `${kind.startsWith('adult') ? 'an' : 'a'} ${bagNouns[kind] || kind}, with ${languageName(language || 'en')} cards`;
// "Adult, with a phone, Albanian cards".
export const bagWords = (kind, language) => `${bagKindNames[kind] || kind}, ${languageName(language || 'en')} cards`;

// ---- feedback ----

export const feedbackLanguages = ['en', 'sq', 'vi', 'ro', 'pl'];

export const questionWords = {
  safe: 'Did you feel safe?',
  believed: 'Did you feel believed?',
  understood: 'Did you understand what was happening (with an interpreter when you needed one)?',
  told_support: 'Were you told about support you could get?',
  kept_updated: 'Were you kept updated?',
  contact_again: 'Would you contact the police again?',
};
