import type { components } from '@/lib/api/schema';

type RelationshipStage = components['schemas']['RelationshipStage'];
type ReferralStatus = components['schemas']['ReferralStatus'];

/** The profile links a person can carry, as the API's `links` map names them, with the words people read. */
export const LINK_LABELS: [kind: string, label: string][] = [
  ['linkedin', 'LinkedIn'],
  ['x', 'X'],
  ['github', 'GitHub'],
  ['homepage', 'Homepage'],
  ['googleScholar', 'Google Scholar'],
  ['orcid', 'ORCID iD'],
  ['openalex', 'OpenAlex'],
  ['semanticScholar', 'Semantic Scholar'],
  ['dblp', 'DBLP'],
];
export const LINK_LABEL: Record<string, string> = Object.fromEntries(LINK_LABELS);

export const STAGE_LABEL: Record<RelationshipStage, string> = { stranger: 'Stranger', acquainted: 'Acquainted', engaged: 'Engaged', advocate: 'Advocate' };

export const REFERRAL_LABEL: Record<ReferralStatus, string> = {
  discussed: 'Asked (discussed)',
  offered: 'Offered',
  submitted: 'Given (submitted)',
  recruiter_contacted: 'Recruiter contacted',
  acknowledged: 'Acknowledged',
  declined: 'Declined',
};

/** What a button that moves a referral to a status says. */
export const REFERRAL_ACTION: Record<ReferralStatus, string> = {
  discussed: 'Mark discussed',
  offered: 'Mark offered',
  submitted: 'Mark given',
  recruiter_contacted: 'Mark recruiter contacted',
  acknowledged: 'Mark acknowledged',
  declined: 'Mark declined',
};

/** Record kinds as erase and merge count them, in words: one, many. */
export const KIND_LABEL: Record<string, [string, string]> = {
  people: ['person', 'people'],
  interactions: ['interaction', 'interactions'],
  tasks: ['task', 'tasks'],
  referralsMade: ['referral they made', 'referrals they made'],
  referralsRecruited: ['referral they received as recruiter', 'referrals they received as recruiter'],
  applicationsRecruited: ['application they recruit for', 'applications they recruit for'],
  interviews: ['interview', 'interviews'],
  interviewerNotes: ['interviewer note', 'interviewer notes'],
  scholarlyIdentities: ['scholarly identity', 'scholarly identities'],
  syncRuns: ['sync run', 'sync runs'],
  syncSettings: ['sync schedule', 'sync schedules'],
  readingChecklistSettings: ['reading checklist setting', 'reading checklist settings'],
  workAttributions: ['work found by name (with its decision)', 'works found by name (with their decisions)'],
  mockInterviews: ['mock interview', 'mock interviews'],
  importReports: ['import report rewritten', 'import reports rewritten'],
  briefingVersions: ['briefing version', 'briefing versions'],
  webhookDeliveries: ['webhook delivery in the log', 'webhook deliveries in the log'],
  idempotencyAnswers: ['stored API answer', 'stored API answers'],
  jobs: ['queued job', 'queued jobs'],
};

/** "3 interactions, 1 task" from a map of kind to count; kinds with none are left out. */
export function countsInWords(counts: Record<string, number>, skip: string[] = []): string {
  return Object.entries(counts)
    .filter(([kind, n]) => n > 0 && !skip.includes(kind))
    .map(([kind, n]) => `${n} ${KIND_LABEL[kind]?.[n === 1 ? 0 : 1] ?? kind}`)
    .join(', ');
}
