// The study planner: a pure function from what is picked, what is done, the interview dates, the
// hours a week and the pace, to a day-by-day schedule, whether the user is on track, and what to drop
// or skim to make it. No I/O here: the service reads the rows and the clock, this decides.
import { addDays, daysBetween } from '../shared/dates';
import type { ResourceEmphasis, StudyEmphasis, StudyPart, StudyUnit } from './study.types';

/** Skimming a part takes this share of the time reading it in full takes. */
export const SKIM_FACTOR = 0.25;
/** Work for a stage without an interview date is scheduled at most this far ahead. */
export const UNDATED_HORIZON_DAYS = 730;
const EPSILON = 1e-9;

export interface PlanStageInput {
  stageId: string;
  name: string;
  type: string;
  position: number;
  /** yyyy-mm-dd of the stage's first interview in the user's zone; null: not scheduled yet. */
  interviewOn: string | null;
}

export interface PlanItemInput {
  itemId: string;
  resourceId: string;
  title: string;
  stageId: string;
  position: number;
  unit: StudyUnit;
  emphasis: ResourceEmphasis;
  /** Empty: the resource is one piece of `totalAmount`. */
  parts: StudyPart[];
  totalAmount: number;
  /** Done so far (from the log), counted through the planned parts in order. */
  doneAmount: number;
}

export interface PlanScheduleInput {
  /** yyyy-mm-dd in the user's zone. */
  today: string;
  hoursPerWeek: number;
  /** Units an hour for each unit. */
  paces: Record<StudyUnit, number>;
  stages: PlanStageInput[];
  items: PlanItemInput[];
  /** How many calendar days of the day-by-day list to return (the computation covers them all). */
  dayLimit?: number;
}

export interface ScheduledChunk {
  itemId: string;
  resourceId: string;
  title: string;
  /** The part's title; null when the resource has no parts. */
  part: string | null;
  unit: StudyUnit;
  /** Position within the part (or resource), in its unit: from `from` to `to`. */
  from: number;
  to: number;
  hours: number;
  skim: boolean;
}

export interface ScheduledDay {
  date: string;
  hours: number;
  chunks: ScheduledChunk[];
}

export type StageStatus = 'on_track' | 'behind' | 'no_date' | 'past';

export interface StagePlan {
  stageId: string;
  name: string;
  type: string;
  interviewOn: string | null;
  /** The last day to study for it: the day before the interview. */
  workUntil: string | null;
  status: StageStatus;
  /** Hours of work left for the stage, as planned (skims counted at their share). */
  hoursLeft: number;
  /** Hours that do not fit before the interview at this pace and these hours a week. */
  behindHours: number;
  /** The day its last planned work falls on; null when nothing is left or nothing fits. */
  finishesOn: string | null;
}

export type AdviceAction = 'drop' | 'skim';

export interface PlanAdvice {
  action: AdviceAction;
  itemId: string;
  resourceId: string;
  title: string;
  stageId: string;
  /** The parts concerned, in order; empty when the resource has no parts. */
  parts: string[];
  savesHours: number;
}

export interface PlanSchedule {
  today: string;
  status: 'on_track' | 'behind' | 'no_dates';
  behindHours: number;
  /** The fewest hours a week that would make every dated stage in time (null when none is dated or none could be). */
  neededHoursPerWeek: number | null;
  stages: StagePlan[];
  days: ScheduledDay[];
  /** What to drop, then skim, to make it: optional work first, then what is marked skimmable, then core work, last first. */
  advice: PlanAdvice[];
  /** What would still not fit after following all the advice. */
  behindHoursAfterAdvice: number;
}

interface Task {
  key: string;
  item: PlanItemInput;
  stageIndex: number;
  part: string | null;
  partIndex: number;
  /** Where the remaining work starts within the part, and how much is left, in units. */
  start: number;
  remaining: number;
  emphasis: Exclude<StudyEmphasis, 'skip'>;
  hoursPerUnit: number;
}

type Adjustments = ReadonlyMap<string, AdviceAction>;

interface Run {
  /** Hours that did not fit, per stage index. */
  shortfall: number[];
  hoursLeft: number[];
  finishesOn: (string | null)[];
  days: ScheduledDay[];
}

export function planSchedule(input: PlanScheduleInput): PlanSchedule {
  const stages = input.stages.map((s) => {
    const past = s.interviewOn !== null && s.interviewOn < input.today;
    const workUntil = s.interviewOn === null ? null : addDays(s.interviewOn, -1);
    // Days from today to the last day of work: simulations compare numbers, not dates.
    return { ...s, past, workUntil, untilOffset: workUntil === null ? null : daysBetween(input.today, workUntil) };
  });
  const stageIndex = new Map(stages.map((s, i) => [s.stageId, i]));
  const tasks = expandTasks(input, stageIndex).filter((t) => !stages[t.stageIndex].past);
  // Earliest deadline first, undated stages last: what is due soonest is studied first.
  const deadline = (t: Task): string => stages[t.stageIndex].workUntil ?? '9999-12-31';
  tasks.sort((a, b) => deadline(a).localeCompare(deadline(b)) || stages[a.stageIndex].position - stages[b.stageIndex].position || a.item.position - b.item.position || a.partIndex - b.partIndex);

  // What-if runs (advice, hours needed) only ask what is short: they stop at the last interview.
  const shortfallAt = (hoursPerWeek: number, adjustments: Adjustments): number => sum(simulate(input.today, hoursPerWeek, stages, tasks, adjustments, 0, true).shortfall);
  const none: Adjustments = new Map();
  const base = simulate(input.today, input.hoursPerWeek, stages, tasks, none, input.dayLimit ?? 28, false);
  const behindHours = sum(base.shortfall);

  const advice: PlanAdvice[] = [];
  let behindAfterAdvice = behindHours;
  if (behindHours > EPSILON) {
    const adjustments = new Map<string, AdviceAction>();
    for (const candidate of adviceCandidates(tasks, stages, base.shortfall)) {
      if (behindAfterAdvice <= EPSILON) break;
      adjustments.set(candidate.task.key, candidate.action);
      const after = shortfallAt(input.hoursPerWeek, adjustments);
      if (after < behindAfterAdvice - EPSILON) {
        addAdvice(advice, candidate.task, candidate.action, stages[candidate.task.stageIndex].stageId);
        behindAfterAdvice = after;
      } else {
        adjustments.delete(candidate.task.key);
      }
    }
  }

  const dated = stages.some((s) => s.workUntil !== null && !s.past);
  return {
    today: input.today,
    status: !dated ? 'no_dates' : behindHours > EPSILON ? 'behind' : 'on_track',
    behindHours: round2(behindHours),
    neededHoursPerWeek: dated ? neededHoursPerWeek((h) => shortfallAt(h, none), input.hoursPerWeek, behindHours) : null,
    stages: stages.map((s, i) => ({
      stageId: s.stageId,
      name: s.name,
      type: s.type,
      interviewOn: s.interviewOn,
      workUntil: s.workUntil,
      status: s.past ? 'past' : s.workUntil === null ? 'no_date' : base.shortfall[i] > EPSILON ? 'behind' : 'on_track',
      hoursLeft: round2(base.hoursLeft[i]),
      behindHours: round2(base.shortfall[i]),
      finishesOn: base.finishesOn[i],
    })),
    days: base.days,
    advice: advice.map((a) => ({ ...a, savesHours: round2(a.savesHours) })),
    behindHoursAfterAdvice: round2(behindAfterAdvice),
  };
}

/** The planned parts of every item, minus what the log already covers (counted through the parts in order). */
function expandTasks(input: PlanScheduleInput, stageIndex: Map<string, number>): Task[] {
  const tasks: Task[] = [];
  for (const item of input.items) {
    const index = stageIndex.get(item.stageId);
    if (index === undefined) continue;
    const pace = input.paces[item.unit];
    const parts: StudyPart[] = item.parts.length ? item.parts : [{ title: '', amount: item.totalAmount, emphasis: 'core' }];
    let done = item.doneAmount;
    parts.forEach((part, partIndex) => {
      if (part.emphasis === 'skip') return;
      const covered = Math.min(done, part.amount);
      done -= covered;
      const remaining = part.amount - covered;
      if (remaining <= EPSILON) return;
      tasks.push({
        key: `${item.itemId}#${partIndex}`,
        item,
        stageIndex: index,
        part: item.parts.length ? part.title : null,
        partIndex,
        start: covered,
        remaining,
        emphasis: weaker(item.emphasis, part.emphasis),
        hoursPerUnit: 1 / pace,
      });
    });
  }
  return tasks;
}

/** Optional wins over skimmable, skimmable over core: a part is no more important than its resource. */
function weaker(a: ResourceEmphasis, b: Exclude<StudyEmphasis, 'skip'>): Exclude<StudyEmphasis, 'skip'> {
  if (a === 'optional' || b === 'optional') return 'optional';
  if (a === 'skim' || b === 'skim') return 'skim';
  return 'core';
}

function taskHours(task: Task, adjustment: AdviceAction | undefined): number {
  if (adjustment === 'drop') return 0;
  return task.remaining * task.hoursPerUnit * (adjustment === 'skim' ? SKIM_FACTOR : 1);
}

/**
 * Fills each day with the hours a week spread evenly (a seventh a day), earliest deadline first.
 * Work that reaches a stage's interview unfinished is that stage's shortfall. Days are recorded only
 * within `dayLimit` days of today. `datedOnly` leaves undated work out and stops after the last interview.
 */
function simulate(today: string, hoursPerWeek: number, stages: { untilOffset: number | null }[], tasks: Task[], adjustments: Adjustments, dayLimit: number, datedOnly: boolean): Run {
  const shortfall = stages.map(() => 0);
  const hoursLeft = stages.map(() => 0);
  const lastDay: (number | null)[] = stages.map(() => null);
  const days: ScheduledDay[] = [];
  const perDay = hoursPerWeek / 7;
  // Hours left per task, in one typed array: what-if runs repeat this hundreds of times, so nothing is allocated per task.
  const left = new Float64Array(tasks.length);
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i];
    if (datedOnly && stages[task.stageIndex].untilOffset === null) continue;
    left[i] = taskHours(task, adjustments.get(task.key));
    hoursLeft[task.stageIndex] += left[i];
  }
  const skip = (i: number): number => {
    while (i < tasks.length && left[i] <= EPSILON) i++;
    return i;
  };

  let next = skip(0);
  let dayOffset = 0;
  let lastDeadlineOffset = 0;
  for (const s of stages) if (s.untilOffset !== null) lastDeadlineOffset = Math.max(lastDeadlineOffset, s.untilOffset);
  const horizon = lastDeadlineOffset + (datedOnly ? 0 : UNDATED_HORIZON_DAYS);
  while (next < tasks.length && dayOffset <= horizon && perDay > EPSILON) {
    let capacity = perDay;
    const day: ScheduledDay | null = dayOffset < dayLimit ? { date: addDays(today, dayOffset), hours: 0, chunks: [] } : null;
    while (capacity > EPSILON && next < tasks.length) {
      const task = tasks[next];
      const until = stages[task.stageIndex].untilOffset;
      if (until !== null && dayOffset > until) {
        // The interview came first: what is left of this task did not fit.
        shortfall[task.stageIndex] += left[next];
        next = skip(next + 1);
        continue;
      }
      const hours = Math.min(capacity, left[next]);
      if (day) {
        const adjustment = adjustments.get(task.key);
        const total = taskHours(task, adjustment);
        const doneHours = total - left[next];
        day.chunks.push({
          itemId: task.item.itemId,
          resourceId: task.item.resourceId,
          title: task.item.title,
          part: task.part,
          unit: task.item.unit,
          from: Math.round(task.start + (task.remaining * doneHours) / total),
          to: Math.round(task.start + (task.remaining * (doneHours + hours)) / total),
          hours: round2(hours),
          skim: adjustment === 'skim',
        });
        day.hours += hours;
      }
      capacity -= hours;
      left[next] -= hours;
      lastDay[task.stageIndex] = dayOffset;
      if (left[next] <= EPSILON) next = skip(next + 1);
    }
    if (day && day.chunks.length) days.push({ ...day, hours: round2(day.hours) });
    dayOffset++;
  }
  // Dated work that never got a day (no hours a week, or beyond the horizon) is short too.
  for (; next < tasks.length; next++) if (stages[tasks[next].stageIndex].untilOffset !== null) shortfall[tasks[next].stageIndex] += left[next];
  const finishesOn = lastDay.map((offset, i) => (offset === null || (shortfall[i] > EPSILON && stages[i].untilOffset !== null) ? null : addDays(today, offset)));
  return { shortfall, hoursLeft, finishesOn, days };
}

/**
 * What could go, in the order the user would give it up: optional parts dropped, then skimmable
 * parts skimmed, then core parts skimmed; within each, the stages due last among those that matter
 * and the last parts of the last resources first. Only stages due no later than the last stage
 * that is behind can help.
 */
function adviceCandidates(tasks: Task[], stages: { workUntil: string | null }[], shortfall: number[]): { task: Task; action: AdviceAction }[] {
  let latestBehind = '';
  shortfall.forEach((hours, i) => {
    const until = stages[i].workUntil;
    if (hours > EPSILON && until && until > latestBehind) latestBehind = until;
  });
  const eligible = tasks.filter((t) => {
    const until = stages[t.stageIndex].workUntil;
    return until !== null && until <= latestBehind;
  });
  const lastFirst = [...eligible].reverse();
  return [
    ...lastFirst.filter((t) => t.emphasis === 'optional').map((task) => ({ task, action: 'drop' as const })),
    ...lastFirst.filter((t) => t.emphasis === 'skim').map((task) => ({ task, action: 'skim' as const })),
    ...lastFirst.filter((t) => t.emphasis === 'core').map((task) => ({ task, action: 'skim' as const })),
  ];
}

/** One entry per resource and action: its parts listed in book order. */
function addAdvice(advice: PlanAdvice[], task: Task, action: AdviceAction, stageId: string): void {
  const saves = taskHours(task, undefined) - taskHours(task, action);
  let entry = advice.find((a) => a.itemId === task.item.itemId && a.action === action);
  if (!entry) {
    entry = { action, itemId: task.item.itemId, resourceId: task.item.resourceId, title: task.item.title, stageId, parts: [], savesHours: 0 };
    advice.push(entry);
  }
  entry.savesHours += saves;
  if (task.part !== null) {
    entry.parts.push(task.part);
    const order = new Map(task.item.parts.map((p, i) => [p.title, i]));
    entry.parts.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  }
}

/** The fewest hours a week (to a tenth) with no shortfall: bisection, since more hours never hurt. */
function neededHoursPerWeek(shortfallAt: (hoursPerWeek: number) => number, current: number, behind: number): number | null {
  if (behind <= EPSILON) return round1(current);
  let low = current;
  let high = Math.max(current, 1) * 2;
  while (shortfallAt(high) > EPSILON) {
    low = high;
    high *= 2;
    if (high > 24 * 7) return shortfallAt(24 * 7) > EPSILON ? null : 24 * 7;
  }
  // Bisection over tenths of an hour: the answer is a figure the user reads.
  let lowTenths = Math.floor(low * 10);
  let highTenths = Math.ceil(high * 10);
  while (highTenths - lowTenths > 1) {
    const mid = Math.floor((lowTenths + highTenths) / 2);
    if (shortfallAt(mid / 10) > EPSILON) lowTenths = mid;
    else highTenths = mid;
  }
  return highTenths / 10;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
