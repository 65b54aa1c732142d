import { titleKey } from '../shared/text/index';
import type { BriefingContent, BriefingMeeting, BriefingReadiness, BriefingWork } from './briefing-content';

/**
 * What changed between two generations of a briefing, in sentences a user reads at the top of the
 * new one: the interview moved, interviewers came or went, new works, reading progress, notes,
 * prep tasks done, the application's stage. Empty when nothing they would notice changed.
 */
export function briefingChanges(before: BriefingContent, after: BriefingContent): string[] {
  const changes: string[] = [];
  const b = before.interview;
  const a = after.interview;
  if (b.startsAt !== a.startsAt || b.durationMinutes !== a.durationMinutes) changes.push('The interview was moved.');
  if (b.format !== a.format || b.meetingUrl !== a.meetingUrl || b.location !== a.location) changes.push('The interview format, link or location changed.');

  const beforeNames = new Map(before.interviewers.map((p) => [p.id, p.fullName]));
  const afterNames = new Map(after.interviewers.map((p) => [p.id, p.fullName]));
  for (const [id, name] of afterNames) if (!beforeNames.has(id)) changes.push(`${name} joined the interviewers.`);
  for (const [id, name] of beforeNames) if (!afterNames.has(id)) changes.push(`${name} is no longer an interviewer.`);

  for (const person of after.interviewers) {
    const previous = before.interviewers.find((p) => p.id === person.id);
    if (!previous) continue;
    const known = new WorkSet(previous.publishedSince.concat(previous.topWorks));
    const fresh = person.publishedSince.filter((w) => !known.has(w));
    if (person.totals.works > previous.totals.works) {
      changes.push(`${person.fullName}: ${plural(person.totals.works - previous.totals.works, 'new work')} synced${fresh.length ? `, among them ${titles(fresh)}` : ''}.`);
    }
    if (person.warmPaths.direct.length + person.warmPaths.viaCoauthor.length !== previous.warmPaths.direct.length + previous.warmPaths.viaCoauthor.length) {
      changes.push(`${person.fullName}: warm paths changed.`);
    }
    // Versions made before meetings were in briefings have no list: nothing to compare with.
    if (previous.earlierMeetings) {
      const met = new Map(previous.earlierMeetings.map((m) => [m.interviewId, m]));
      for (const m of person.earlierMeetings ?? []) {
        const where = `${m.stage.name}, ${m.application.role} at ${m.application.organization}`;
        const prior = met.get(m.interviewId);
        if (!prior) changes.push(`${person.fullName}: a new earlier meeting (${where}).`);
        else if (notesKey(prior.notes) !== notesKey(m.notes)) changes.push(`${person.fullName}: new notes on your meeting at the ${m.stage.name} (${m.application.role} at ${m.application.organization}).`);
      }
    }
  }

  const beforeItems = new WorkSet((before.reading?.items ?? []).map((i) => i.work), before.reading?.items ?? []);
  const afterItems = after.reading?.items ?? [];
  const added = afterItems.filter((i) => !beforeItems.has(i.work));
  if (added.length) changes.push(`Reading checklist: ${plural(added.length, 'new item')} (${titles(added.map((i) => i.work))}).`);
  const read = afterItems.filter((i) => i.status === 'read' && beforeItems.has(i.work) && beforeItems.get(i.work)?.status !== 'read');
  if (read.length) changes.push(`You read ${titles(read.map((i) => i.work))}.`);
  const noted = afterItems.filter((i) => {
    const prior = beforeItems.get(i.work);
    return prior && (prior.notes !== i.notes || prior.summary !== i.summary || prior.questions.join('\n') !== i.questions.join('\n'));
  });
  if (noted.length) changes.push(`New notes, summaries or questions on ${titles(noted.map((i) => i.work))}.`);

  const doneBefore = new Set(before.prep.tasks.filter((t) => t.done).map((t) => t.id));
  const done = after.prep.tasks.filter((t) => t.done && !doneBefore.has(t.id));
  if (done.length) changes.push(`Prep tasks done: ${done.map((t) => t.title).join('; ')}.`);
  const newTasks = after.prep.tasks.filter((t) => !before.prep.tasks.some((p) => p.id === t.id));
  if (newTasks.length) changes.push(`New prep tasks: ${newTasks.map((t) => t.title).join('; ')}.`);

  if (before.application.status !== after.application.status || before.application.history.length !== after.application.history.length) {
    changes.push(`The application moved: now ${after.application.status}${after.interview.stage.name ? `, at ${after.interview.stage.name}` : ''}.`);
  }
  if (before.application.notes !== after.application.notes || before.interview.prepNotes !== after.interview.prepNotes) changes.push('Your application or interview notes changed.');
  if (before.organization?.researchNotes !== after.organization?.researchNotes || before.organization?.team?.researchNotes !== after.organization?.team?.researchNotes) {
    changes.push('The research notes changed.');
  }
  // Versions made before retrospectives were in briefings have none: nothing to compare with.
  if (before.retrospectives) {
    const known = new Map(before.retrospectives.map((r) => [r.id, JSON.stringify([r.wentWell, r.wentBadly, r.doDifferently])]));
    for (const r of after.retrospectives ?? []) {
      const prior = known.get(r.id);
      if (prior !== JSON.stringify([r.wentWell, r.wentBadly, r.doDifferently])) {
        changes.push(`${prior === undefined ? 'New' : 'Changed'} lessons from an earlier stage: ${r.stage.name} (${r.application.role} at ${r.application.organization}).`);
      }
    }
  }
  // Versions made before readiness was in briefings have none: nothing to compare with.
  if (before.readiness && after.readiness) changes.push(...progressChanges(before.readiness, after.readiness));
  // The earlier content came back from jsonb, which reorders object keys: compare in a fixed order.
  const projects = (c: BriefingContent) => JSON.stringify(c.resumeProjects.map((p) => [p.id, p.title, p.summary, p.role, p.technologies, p.talkingPoints, p.links]));
  if (projects(before) !== projects(after)) changes.push('Your résumé projects changed.');
  return changes;
}

/** Readiness then and now, and what the user did in between: papers read, study logged, questions drilled, mocks, stories. */
function progressChanges(before: BriefingReadiness, after: BriefingReadiness): string[] {
  const out: string[] = [];
  if (before.figure !== after.figure) out.push(`Readiness: ${before.figure ?? '–'} → ${after.figure ?? '–'} of 100.`);
  const b = before.progress;
  const a = after.progress;
  const done: string[] = [];
  if (a.papersRead > b.papersRead) done.push(`${plural(a.papersRead - b.papersRead, 'paper')} read`);
  if (a.studyMinutes > b.studyMinutes || a.studySessions > b.studySessions) {
    const minutes = a.studyMinutes - b.studyMinutes;
    done.push(`${minutes > 0 ? `${Math.round(minutes / 6) / 10} h of study logged` : 'study logged'} (${plural(a.studySessions - b.studySessions, 'session')})`);
  }
  if (a.questionsDrilled > b.questionsDrilled) done.push(`${plural(a.questionsDrilled - b.questionsDrilled, 'question')} drilled`);
  if (a.mocks > b.mocks) done.push(`${plural(a.mocks - b.mocks, 'mock interview')}`);
  if (a.stories > b.stories) done.push(`${plural(a.stories - b.stories, 'story', 'stories')} added`);
  if (done.length) out.push(`Progress: ${done.join(', ')}.`);
  return out;
}

/**
 * Works of an earlier version, found again by id or, when the id changed (two records of one paper
 * merged by a later sync, or the briefing imported from another server), by the folded title and year.
 */
class WorkSet<T = BriefingWork> {
  private readonly byKey = new Map<string, T>();

  constructor(works: BriefingWork[], values: T[] = works as unknown as T[]) {
    works.forEach((w, i) => {
      for (const key of workKeys(w)) if (!this.byKey.has(key)) this.byKey.set(key, values[i]);
    });
  }

  has(work: BriefingWork): boolean {
    return this.get(work) !== undefined;
  }

  get(work: BriefingWork): T | undefined {
    for (const key of workKeys(work)) {
      const found = this.byKey.get(key);
      if (found !== undefined) return found;
    }
    return undefined;
  }
}

function workKeys(work: Pick<BriefingWork, 'id' | 'title' | 'year'>): string[] {
  const title = titleKey(work.title);
  return title ? [`id:${work.id}`, `title:${title}:${work.year ?? ''}`] : [`id:${work.id}`];
}

function notesKey(notes: BriefingMeeting['notes']): string {
  return notes ? JSON.stringify([notes.asked, notes.howItWent, notes.followUp]) : '';
}

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

function titles(works: Pick<BriefingWork, 'title'>[]): string {
  const shown = works.slice(0, 3).map((w) => `“${w.title}”`);
  return works.length > 3 ? `${shown.join(', ')} and ${works.length - 3} more` : shown.join(', ');
}
