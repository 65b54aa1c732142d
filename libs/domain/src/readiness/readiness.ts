// Readiness per interview: one figure from 0 to 100 made of parts the user can act on. A pure
// function from the facts the owners' services give; no I/O here.
import type { StageType } from '../stage-templates/index';

export const READINESS_PARTS = ['reading', 'prep', 'plan', 'practice', 'mocks', 'stories'] as const;
export type ReadinessPartKey = (typeof READINESS_PARTS)[number];

/**
 * How much each part weighs when it applies. Reading the interviewers' work and keeping up with the
 * study plan are the slow, decisive parts of getting ready for a research lab; prep tasks, spaced
 * practice and mocks follow; stories matter only for the rounds that ask for them.
 */
export const READINESS_WEIGHTS: Readonly<Record<ReadinessPartKey, number>> = { reading: 25, plan: 20, prep: 15, practice: 15, mocks: 15, stories: 10 };

export const READINESS_LABELS: Readonly<Record<ReadinessPartKey, string>> = {
  reading: "Interviewers' papers read",
  prep: 'Prep tasks done',
  plan: 'Study plan on track',
  practice: 'Questions practised',
  mocks: 'Mock interviews',
  stories: 'Stories ready',
};

/** Mocks of the stage type that make the part full. */
export const MOCKS_WANTED = 2;

/** Stage types where questions are asked and practice is expected even before any is in the bank. */
const PRACTICE_TYPES: ReadonlySet<StageType> = new Set(['quiz', 'coding', 'system_design', 'research', 'team_lead', 'senior_lead', 'culture']);
/** Stage types worth rehearsing with someone. */
const MOCK_TYPES: ReadonlySet<StageType> = new Set(['quiz', 'coding', 'system_design', 'research', 'team_lead', 'senior_lead', 'culture']);
/** Behavioural rounds: they ask for stories. */
export const STORY_TYPES: ReadonlySet<StageType> = new Set(['team_lead', 'senior_lead', 'culture']);

export interface ReadinessFacts {
  stageType: StageType;
  reading: { read: number; total: number; target: number; nextUnread: string | null };
  prep: { done: number; total: number; nextOpen: string | null };
  /** The stage's part of the application's study plan; null: no plan, or nothing planned for the stage. */
  plan: { hoursLeft: number; behindHours: number; status: string; advice: string | null; nextStudy: string | null } | null;
  /** Questions of the interview's organization or stage type: how many, practised at least once, due by today's end. */
  practice: { total: number; practised: number; due: number };
  /** Mocks held for the stage type (any organization). */
  mocks: { held: number };
  /** Competencies with a story worth telling in this stage type, of all there are. */
  stories: { covered: string[]; missing: string[] };
}

export interface ReadinessPart {
  key: ReadinessPartKey;
  label: string;
  /** 0–100: how far this part is. */
  value: number;
  /** Its weight as configured (out of 100 over all six parts). */
  weight: number;
  /** Its share of the figure once the parts left out are taken away, in percent (they sum to 100). */
  share: number;
  done: number;
  total: number;
  /** What it counts, in words: "12 of 30 papers read". */
  counts: string;
  /** What to do next for it; null when there is nothing left. */
  nextStep: string | null;
}

export interface LeftOutPart {
  key: ReadinessPartKey;
  label: string;
  weight: number;
  reason: string;
}

export interface Readiness {
  /** 0–100, the parts' values weighted by their shares; null when no part applies. */
  figure: number | null;
  parts: ReadinessPart[];
  leftOut: LeftOutPart[];
  /** Whether parts were left out and the weights of the others scaled up to make 100. */
  renormalised: boolean;
  /** One sentence on how the figure is made. */
  explanation: string;
}

type Draft = { key: ReadinessPartKey; value: number; done: number; total: number; counts: string; nextStep: string | null } | { key: ReadinessPartKey; reason: string };

export function readiness(f: ReadinessFacts): Readiness {
  const type = f.stageType.replace('_', ' ');
  const drafts: Draft[] = [];

  const { read, total, target } = f.reading;
  if (total === 0) drafts.push({ key: 'reading', reason: "no papers on the interviewers' reading checklist (no interviewers, or none with works synced)" });
  else {
    // The user's reading goal is what "enough" means: reaching it fills the part.
    const wanted = Math.max(1, Math.ceil((target * total) / 100));
    drafts.push({ key: 'reading', value: pct(read, wanted), done: read, total, counts: `${read} of ${total} papers read (goal ${target}%: ${wanted})`, nextStep: read >= wanted ? null : f.reading.nextUnread ? `Read “${f.reading.nextUnread}”` : 'Read the next paper on the checklist' });
  }

  if (f.prep.total === 0) drafts.push({ key: 'prep', reason: 'no prep tasks for this stage' });
  else drafts.push({ key: 'prep', value: pct(f.prep.done, f.prep.total), done: f.prep.done, total: f.prep.total, counts: `${f.prep.done} of ${f.prep.total} prep tasks done`, nextStep: f.prep.nextOpen });

  if (!f.plan) drafts.push({ key: 'plan', reason: 'no study plan for this stage' });
  else {
    const { hoursLeft, behindHours } = f.plan;
    const fits = Math.max(0, hoursLeft - behindHours);
    const value = hoursLeft <= 0 ? 100 : pct(fits, hoursLeft);
    const counts = hoursLeft <= 0 ? 'Everything planned for this stage is studied' : behindHours > 0 ? `Behind: ${hours(behindHours)} of the ${hours(hoursLeft)} left do not fit before the interview` : `On track: the ${hours(hoursLeft)} left fit before the interview`;
    drafts.push({ key: 'plan', value, done: round1(fits), total: round1(hoursLeft), counts, nextStep: hoursLeft <= 0 ? null : (behindHours > 0 ? f.plan.advice : null) ?? f.plan.nextStudy });
  }

  const p = f.practice;
  if (p.total === 0 && !PRACTICE_TYPES.has(f.stageType)) drafts.push({ key: 'practice', reason: `no questions in the bank for this organization or ${type} interviews` });
  else {
    // Practised and not due again yet: a question due today counts once it is drilled.
    const ready = Math.max(0, Math.min(p.practised, p.total - p.due));
    drafts.push({
      key: 'practice',
      value: p.total ? pct(ready, p.total) : 0,
      done: ready,
      total: p.total,
      counts: p.total ? `${ready} of ${p.total} questions practised and not due${p.due ? `; ${p.due} due now` : ''}` : `No questions in the bank for this organization or ${type} interviews`,
      nextStep: p.due ? `Drill the ${p.due} question${p.due === 1 ? '' : 's'} due` : p.total ? null : `Add questions you expect in a ${type} interview and drill them`,
    });
  }

  if (!MOCK_TYPES.has(f.stageType) && f.mocks.held === 0) drafts.push({ key: 'mocks', reason: `mock interviews are not expected for ${type} stages` });
  else drafts.push({ key: 'mocks', value: pct(Math.min(f.mocks.held, MOCKS_WANTED), MOCKS_WANTED), done: f.mocks.held, total: MOCKS_WANTED, counts: `${f.mocks.held} of ${MOCKS_WANTED} mock ${type} interviews done`, nextStep: f.mocks.held >= MOCKS_WANTED ? null : `Hold a mock ${type} interview with someone who interviews for it` });

  if (!STORY_TYPES.has(f.stageType)) drafts.push({ key: 'stories', reason: `${type} stages do not ask for behavioural stories` });
  else {
    const { covered, missing } = f.stories;
    const all = covered.length + missing.length;
    drafts.push({ key: 'stories', value: pct(covered.length, all), done: covered.length, total: all, counts: `${covered.length} of ${all} competencies have a story`, nextStep: missing.length ? `Write a story showing ${missing.join(', ')}` : null });
  }

  const applied = drafts.filter((d): d is Extract<Draft, { value: number }> => 'value' in d);
  const leftOut = drafts.filter((d): d is Extract<Draft, { reason: string }> => 'reason' in d).map((d) => ({ key: d.key, label: READINESS_LABELS[d.key], weight: READINESS_WEIGHTS[d.key], reason: d.reason }));
  const weightSum = applied.reduce((s, d) => s + READINESS_WEIGHTS[d.key], 0);
  const parts: ReadinessPart[] = applied.map((d) => ({ ...d, label: READINESS_LABELS[d.key], weight: READINESS_WEIGHTS[d.key], share: round1((READINESS_WEIGHTS[d.key] * 100) / weightSum) }));
  const figure = weightSum ? Math.round(applied.reduce((s, d) => s + d.value * READINESS_WEIGHTS[d.key], 0) / weightSum) : null;
  const explanation = !applied.length
    ? 'Nothing to measure yet: no part applies to this interview.'
    : leftOut.length
      ? `Weighted over ${applied.length} of ${READINESS_PARTS.length} parts; left out: ${leftOut.map((l) => `${l.label.toLowerCase()} (${l.reason})`).join('; ')}. The other weights are scaled to make 100.`
      : `Weighted over all ${READINESS_PARTS.length} parts.`;
  return { figure, parts, leftOut, renormalised: leftOut.length > 0 && applied.length > 0, explanation };
}

function pct(n: number, of: number): number {
  return of <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((n * 100) / of)));
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function hours(n: number): string {
  const r = round1(n);
  return `${r} h`;
}
