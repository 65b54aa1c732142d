import ical, { ICalCalendar, ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { InterviewView } from '../interviews/index';
import { localDateTime } from '../interviews/index';
import type { Person } from '../people/index';
import { addDays } from '../shared/dates';
import type { Task } from '../tasks/index';
import { Vtimezones } from './vtimezones';
import { WallClockTime } from './wall-clock-time';

export interface FeedContent {
  interviews: InterviewView[];
  /** Open tasks with a due date. */
  tasks: Task[];
  /** People (not deleted) with a next follow-up date, organization loaded. */
  followUps: Person[];
}

/**
 * UIDs are derived from ids, so an edited record updates the event it was (with a higher
 * SEQUENCE) instead of adding another.
 */
export const feedUid = {
  interview: (id: string) => `interview-${id}@dossier`,
  task: (id: string) => `task-${id}@dossier`,
  followUp: (personId: string) => `follow-up-${personId}@dossier`,
};

/** The user's calendar: interviews as timed events in their own zone, tasks and follow-ups as all-day events. */
export function renderCalendar(content: FeedContent): string {
  const zones = new Vtimezones();
  const calendar = ical({ prodId: { company: 'Dossier', product: 'Dossier', language: 'EN' }, name: 'Dossier', ttl: 60 * 60 });
  // No calendar-wide zone: each interview names its own, all-day events have none.
  calendar.timezone({ name: null, generator: zones.component });
  for (const view of content.interviews) addInterview(calendar, zones, view);
  for (const task of content.tasks) addTask(calendar, task);
  for (const person of content.followUps) addFollowUp(calendar, person);
  return calendar.toString();
}

export function interviewTitle(view: InterviewView): string {
  const { application, stage } = view.interview;
  return `${stage?.name ?? 'Interview'} — ${application?.organization?.name ?? ''} (${application?.role ?? ''})`;
}

function addInterview(calendar: ICalCalendar, zones: Vtimezones, view: InterviewView): void {
  const i = view.interview;
  const endsAt = new Date(i.startsAt.getTime() + i.durationMinutes * 60_000);
  const zone = zones.zoneFor(i.timeZone, [i.startsAt, endsAt]);
  const cancelled = i.outcome === 'cancelled';
  calendar.createEvent({
    id: feedUid.interview(i.id),
    sequence: i.sequence,
    start: zone ? new WallClockTime(i.startsAt, zone) : i.startsAt,
    end: zone ? new WallClockTime(endsAt, zone) : endsAt,
    timezone: zone,
    stamp: i.updatedAt,
    created: i.createdAt,
    lastModified: i.updatedAt,
    // STATUS alone is not shown by every client (some subscribed calendars ignore it), so the title says it too.
    summary: `${cancelled ? 'Cancelled: ' : ''}${interviewTitle(view)}`,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    location: i.location ?? i.meetingUrl ?? undefined,
    url: i.meetingUrl,
    description: lines([
      view.interviewers.length ? `Interviewers: ${view.interviewers.map((p) => (p.headline ? `${p.fullName} (${p.headline})` : p.fullName)).join(', ')}` : null,
      `Format: ${i.format}`,
      i.meetingUrl ? `Join: ${i.meetingUrl}` : null,
      i.location ? `Location: ${i.location}` : null,
      i.application?.team ? `Team: ${i.application.team.name}` : null,
      `Local time: ${localDateTime(i.startsAt, i.timeZone)} (${i.timeZone})`,
      i.prepNotes ? `\nPrep notes:\n${i.prepNotes}` : null,
    ]),
  });
}

function addTask(calendar: ICalCalendar, task: Task): void {
  const about = task.application ? `${task.application.role} — ${task.application.organization?.name ?? ''}` : null;
  calendar.createEvent({
    id: feedUid.task(task.id),
    sequence: task.sequence,
    allDay: true,
    start: task.dueOn!,
    end: addDays(task.dueOn!, 1),
    stamp: task.updatedAt,
    created: task.createdAt,
    lastModified: task.updatedAt,
    summary: `To do: ${task.title}`,
    // A reminder, not a meeting: it does not make the user look busy.
    transparency: ICalEventTransparency.TRANSPARENT,
    description: lines([
      task.stage ? `Prep for: ${task.stage.name}` : null,
      task.person ? `About: ${task.person.fullName}` : null,
      about ? `Application: ${about}` : null,
      task.notes ? `\n${task.notes}` : null,
    ]),
  });
}

function addFollowUp(calendar: ICalCalendar, person: Person): void {
  calendar.createEvent({
    id: feedUid.followUp(person.id),
    // People have no SEQUENCE column; a subscribed feed is read whole, so a moved date still shows.
    allDay: true,
    start: person.nextFollowUpAt!,
    end: addDays(person.nextFollowUpAt!, 1),
    stamp: person.updatedAt,
    lastModified: person.updatedAt,
    summary: `Follow up with ${person.fullName}`,
    transparency: ICalEventTransparency.TRANSPARENT,
    description: lines([
      person.headline,
      person.organization ? `Organization: ${person.organization.name}` : null,
      person.nextFollowUpReason ? `Why: ${person.nextFollowUpReason}` : null,
      person.lastInteractionAt ? `Last interaction: ${person.lastInteractionAt.toISOString().slice(0, 10)}` : null,
    ]),
  });
}

function lines(parts: (string | null | undefined)[]): string | null {
  const text = parts.filter((p): p is string => !!p).join('\n');
  return text || null;
}
