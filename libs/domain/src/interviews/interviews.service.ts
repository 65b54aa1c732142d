import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotFoundError } from '#platform';
import { allowedMoves, ApplicationStage, ApplicationsService, UserMove } from '../applications/index';
import type { Page } from '../people/index';
import { livePeopleNamed, peopleInNameOrder, personCards } from '../people/index';
import { refreshPrepTaskDueDates } from '../tasks/index';
import { Interview, InterviewFormat, InterviewOutcome } from './interview.entity';
import { InterviewerHasNotesError, InvalidInterviewError, NotAnInterviewerError } from './interviews.errors';
import { InterviewDates, InterviewerRow, InterviewsRepository, NotesRow } from './interviews.repository';

export type { InterviewDates } from './interviews.repository';
import { canonicalTimeZone } from './zoned-time';

export interface InterviewInput {
  /** A stage of one of the user's applications; the interview belongs to that application. */
  stageId?: string;
  /** ISO 8601 with an offset. */
  startsAt?: string;
  /** IANA zone the interview was arranged in. */
  timeZone?: string;
  durationMinutes?: number;
  format?: InterviewFormat;
  location?: string | null;
  meetingUrl?: string | null;
  /** People of the user's network; replaces the list. */
  interviewerIds?: string[];
  prepNotes?: string | null;
  outcome?: InterviewOutcome;
  feedback?: string | null;
}

export interface CreateInterviewInput extends InterviewInput {
  stageId: string;
  startsAt: string;
  timeZone: string;
  durationMinutes: number;
  format: InterviewFormat;
}

export interface InterviewsQuery {
  /** `upcoming`: not yet over and starting within `days`; `past`: over. Default: every interview. */
  when?: 'upcoming' | 'past';
  days?: number;
  /** With `upcoming`: cancelled interviews too (they are left out unless asked for, here or by `outcome`). */
  includeCancelled?: boolean;
  applicationId?: string;
  stageId?: string;
  outcome?: InterviewOutcome[];
  limit?: number;
  offset?: number;
}

export interface InterviewerRef {
  id: string;
  fullName: string;
  headline: string | null;
  /** The user's notes on them at this interview, if any. */
  notes: InterviewerNotes | null;
}

/** What the user noted about one interviewer at one interview. */
export interface InterviewerNotes {
  asked: string | null;
  howItWent: string | null;
  followUp: string | null;
  updatedAt: Date;
}

/** A PUT replaces the notes: a field left out is cleared. */
export interface InterviewerNotesInput {
  asked?: string | null;
  howItWent?: string | null;
  followUp?: string | null;
}

/** One meeting with a person: an interview of any of the user's applications they were on. */
export interface Meeting {
  interviewId: string;
  personId: string;
  startsAt: Date;
  timeZone: string;
  durationMinutes: number;
  outcome: InterviewOutcome;
  application: { id: string; role: string; status: string; organization: { id: string; name: string }; team: { id: string; name: string } | null };
  stage: { id: string; name: string; type: string; status: string };
  notes: InterviewerNotes | null;
}

export interface MeetingsQuery {
  /** Only meetings that started before this instant. */
  before?: Date;
  /** Leave this interview out (the one being briefed). */
  exceptInterviewId?: string;
  /** Cancelled interviews are meetings that did not happen: left out unless asked for. */
  includeCancelled?: boolean;
}

/**
 * The move an interview's outcome points to, for the user to accept (POST /applications/:id/moves
 * with `move` and `fromStageId`): nothing moves by itself.
 */
export interface SuggestedMove {
  move: Extract<UserMove, 'advance' | 'pass' | 'fail'>;
  applicationId: string;
  /** The stage the suggestion is about: sent back as `fromStageId`, a move made after it changed is refused. */
  fromStageId: string;
  reason: string;
}

/** An interview with its application (organization, team), stage and interviewers loaded. */
export interface InterviewView {
  interview: Interview;
  interviewers: InterviewerRef[];
  /** Set by get and list (not for the calendar feed). */
  suggestedMove?: SuggestedMove | null;
}

export const DEFAULT_UPCOMING_DAYS = 14;

/** Changing these moves or changes the meeting: calendar clients must notice (SEQUENCE + 1). */
const SCHEDULE_FIELDS = ['stageId', 'startsAt', 'timeZone', 'durationMinutes', 'format', 'location', 'meetingUrl'] as const;

/** Fields an update may leave out but not clear. */
const REQUIRED_FIELDS = ['stageId', 'startsAt', 'timeZone', 'durationMinutes', 'format', 'interviewerIds', 'outcome'] as const;

/**
 * Interviews of the user's applications. Every write re-dates the stage's prep checklist in the
 * same transaction, so its tasks are always due the day before the stage's first interview.
 */
@Injectable()
export class InterviewsService {
  constructor(
    private readonly repository: InterviewsRepository,
    private readonly applications: ApplicationsService,
  ) {}

  async create(userId: string, input: CreateInterviewInput): Promise<InterviewView> {
    const timeZone = await this.zone(input.timeZone);
    const id = await this.repository.transaction(async (em) => {
      const stage = await this.stage(em, userId, input.stageId);
      const interviewerIds = await this.assertInterviewers(em, userId, input.interviewerIds ?? []);
      const interview = await this.repository.insert(
        em,
        {
        userId,
        applicationId: stage.applicationId,
        stageId: stage.id,
        startsAt: instant(input.startsAt),
        timeZone,
        durationMinutes: input.durationMinutes,
        format: input.format,
        location: blankToNull(input.location),
        meetingUrl: blankToNull(input.meetingUrl),
        prepNotes: input.prepNotes ?? null,
        outcome: input.outcome ?? 'pending',
        feedback: input.feedback ?? null,
        sequence: 0,
        },
        interviewerIds,
      );
      await refreshPrepTaskDueDates(em, stage.id);
      return interview.id;
    });
    return this.get(userId, id);
  }

  async get(userId: string, id: string): Promise<InterviewView> {
    const interview = await this.repository.findOne(userId, id);
    if (!interview) throw new NotFoundError('interview', id);
    const interviewers = await this.interviewersOf(this.repository.manager, [id]);
    return { interview, interviewers: interviewers.get(id) ?? [], suggestedMove: await this.suggestMove(this.repository.manager, interview) };
  }

  async list(userId: string, query: InterviewsQuery = {}): Promise<Page<InterviewView>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const now = new Date();
    const days = query.days ?? DEFAULT_UPCOMING_DAYS;
    const [items, total] = await this.repository.list(userId, {
      upcoming: query.when === 'upcoming' ? { now, until: new Date(now.getTime() + days * 86_400_000), withCancelled: !!query.includeCancelled || !!query.outcome?.includes('cancelled') } : undefined,
      past: query.when === 'past' ? { now } : undefined,
      applicationId: query.applicationId,
      stageId: query.stageId,
      outcome: query.outcome,
      direction: query.when === 'past' ? 'DESC' : 'ASC',
      limit,
      offset,
    });
    const interviewers = await this.interviewersOf(this.repository.manager, items.map((i) => i.id));
    const views: InterviewView[] = [];
    for (const interview of items) views.push({ interview, interviewers: interviewers.get(interview.id) ?? [], suggestedMove: await this.suggestMove(this.repository.manager, interview) });
    return { items: views, total, limit, offset };
  }

  /**
   * When the user's interviews meet, without their panels, relations or suggested moves: those of
   * `applicationIds`, or `interviewIds`, or the upcoming ones (next `days`, not cancelled), soonest
   * first. What the study planner and readiness read; one statement however many.
   */
  dates(userId: string, of: { applicationIds?: string[]; interviewIds?: string[]; upcomingDays?: number }): Promise<InterviewDates[]> {
    if ((of.applicationIds && !of.applicationIds.length) || (of.interviewIds && !of.interviewIds.length)) return Promise.resolve([]);
    const now = new Date();
    const upcoming = of.upcomingDays === undefined ? undefined : { now, until: new Date(now.getTime() + of.upcomingDays * 86_400_000) };
    return this.repository.dates(userId, { applicationIds: of.applicationIds, interviewIds: of.interviewIds, upcoming });
  }

  /** Every interview of the user, oldest first (for the calendar feed). */
  async all(userId: string, em: EntityManager = this.repository.manager): Promise<InterviewView[]> {
    const items = await this.repository.all(userId, em);
    const interviewers = await this.interviewersOf(em, items.map((i) => i.id));
    return items.map((interview) => ({ interview, interviewers: interviewers.get(interview.id) ?? [] }));
  }

  async update(userId: string, id: string, input: InterviewInput): Promise<InterviewView> {
    const nulls = REQUIRED_FIELDS.filter((f) => input[f] === null);
    if (nulls.length) throw new InvalidInterviewError(nulls.map((field) => ({ field, problem: 'must not be null' })));
    const timeZone = input.timeZone === undefined ? undefined : await this.zone(input.timeZone);
    await this.repository.transaction(async (em) => {
      const interview = await this.repository.locked(em, userId, id);
      if (!interview) throw new NotFoundError('interview', id);
      const next: Partial<Interview> = {};
      if (input.stageId !== undefined && input.stageId !== interview.stageId) {
        const stage = await this.stage(em, userId, input.stageId);
        Object.assign(next, { stageId: stage.id, applicationId: stage.applicationId });
      }
      if (input.startsAt !== undefined) next.startsAt = instant(input.startsAt);
      if (timeZone !== undefined) next.timeZone = timeZone;
      if (input.durationMinutes !== undefined) next.durationMinutes = input.durationMinutes;
      if (input.format !== undefined) next.format = input.format;
      if (input.location !== undefined) next.location = blankToNull(input.location);
      if (input.meetingUrl !== undefined) next.meetingUrl = blankToNull(input.meetingUrl);
      if (input.prepNotes !== undefined) next.prepNotes = input.prepNotes;
      if (input.outcome !== undefined) next.outcome = input.outcome;
      if (input.feedback !== undefined) next.feedback = input.feedback;

      const patch = changed(interview, next);
      let significant = SCHEDULE_FIELDS.some((f) => f in patch);
      // Cancelling or un-cancelling changes the event's STATUS in calendars.
      if ('outcome' in patch && (interview.outcome === 'cancelled') !== (patch.outcome === 'cancelled')) significant = true;
      if (input.interviewerIds !== undefined) {
        const wanted = await this.assertInterviewers(em, userId, input.interviewerIds);
        const have = new Set(await this.repository.panelIds(em, id));
        const add = wanted.filter((p) => !have.has(p));
        const remove = [...have].filter((p) => !wanted.includes(p));
        if (remove.length) {
          // Notes on an interviewer are the user's memory of the meeting: never dropped by a panel edit.
          const noted = await this.repository.notedAmong(em, id, remove);
          if (noted.length) throw new InterviewerHasNotesError(id, (await peopleInNameOrder(em, noted, { withDeleted: true })).map(({ id: pid, fullName }) => ({ id: pid, fullName })));
        }
        if (add.length || remove.length) {
          await this.repository.changePanel(em, id, add, remove);
          significant = true;
        }
      }
      if (significant) patch.sequence = interview.sequence + 1;
      // The timestamp moves for interviewer changes too, which touch only the join table.
      if (Object.keys(patch).length) await this.repository.update(em, id, { ...patch, updatedAt: new Date() });
      await refreshPrepTaskDueDates(em, interview.stageId);
      if (patch.stageId) await refreshPrepTaskDueDates(em, patch.stageId);
    });
    return this.get(userId, id);
  }

  /** Deletes the interview and the tasks linked to it; the stage's prep tasks move to its next interview. */
  async remove(userId: string, id: string): Promise<void> {
    await this.repository.transaction(async (em) => {
      const interview = await this.repository.locked(em, userId, id);
      if (!interview) throw new NotFoundError('interview', id);
      await this.repository.delete(em, id);
      await refreshPrepTaskDueDates(em, interview.stageId);
    });
  }

  /**
   * Records an interview as it stood (the example account's history: past outcomes, a panel), in
   * the caller's transaction; the caller re-dates the stage's prep. Answers its id.
   */
  async insertAsRecorded(em: EntityManager, userId: string, fields: Omit<Partial<Interview>, 'userId'>, interviewerIds: string[]): Promise<string> {
    return (await this.repository.insert(em, { ...fields, userId }, interviewerIds)).id;
  }

  /** Whether the interview is the user's. */
  exists(userId: string, id: string): Promise<boolean> {
    return this.repository.exists(userId, id);
  }

  /** Locks the user's interview row in the caller's transaction (what is numbered per interview, one at a time); false when not theirs. */
  lock(em: EntityManager, userId: string, id: string): Promise<boolean> {
    return this.repository.lockRow(em, userId, id);
  }

  /** Interviews of every user starting in (from, to], not cancelled, soonest first. */
  startingBetween(from: Date, to: Date): Promise<{ id: string; userId: string; startsAt: Date }[]> {
    return this.repository.startingBetween(from, to);
  }

  /** The interviewers of each interview, by name, with the user's notes on them; people in the trash are left out. */
  async interviewersOf(em: EntityManager, interviewIds: string[]): Promise<Map<string, InterviewerRef[]>> {
    const out = new Map<string, InterviewerRef[]>();
    if (!interviewIds.length) return out;
    const rows = await this.repository.interviewers(em, interviewIds);
    // Named by the people module, by name; people in the trash are left out.
    const people = await peopleInNameOrder(em, [...new Set(rows.map((r) => r.person_id))]);
    const byPerson = new Map<string, InterviewerRow[]>();
    for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r]);
    for (const p of people) {
      for (const r of byPerson.get(p.id) ?? []) {
        const list = out.get(r.interview_id) ?? [];
        list.push({ id: p.id, fullName: p.fullName, headline: p.headline, notes: notesOf(r) });
        out.set(r.interview_id, list);
      }
    }
    return out;
  }

  /**
   * An outcome on the last (not cancelled) interview of the stage the application is in suggests
   * the move: failed → fail; passed, with every interview of the stage passed → advance to the next
   * stage, or pass on the last one. Nothing once the application has moved on or the move is not allowed.
   */
  private async suggestMove(em: EntityManager, interview: Interview): Promise<SuggestedMove | null> {
    if (interview.outcome !== 'passed' && interview.outcome !== 'failed') return null;
    const application = interview.application;
    if (!application || application.status !== 'active' || application.currentStageId !== interview.stageId) return null;
    const stages = await this.applications.stagesOf(application.id, em);
    const index = stages.findIndex((st) => st.id === interview.stageId);
    const stage = stages[index];
    if (!stage || stage.status !== 'current') return null;
    const held = await this.repository.heldOnStage(em, stage.id);
    if (held[0]?.id !== interview.id) return null;
    const next = stages[index + 1];
    let move: SuggestedMove['move'];
    let reason: string;
    if (interview.outcome === 'failed') {
      move = 'fail';
      reason = `Failed the last interview of "${stage.name}": mark the stage failed`;
    } else {
      if (held.some((i) => i.outcome !== 'passed')) return null;
      move = next ? 'advance' : 'pass';
      reason = next ? `Passed the last interview of "${stage.name}": advance to "${next.name}"` : `Passed the last interview of "${stage.name}", the last stage: mark it passed`;
    }
    const allowed = allowedMoves({ status: application.status, stages: stages.map((st) => st.status), current: index });
    if (!allowed.includes(move)) return null;
    return { move, applicationId: application.id, fromStageId: stage.id, reason };
  }

  /**
   * Writes the user's notes on one interviewer of the interview (replacing earlier ones). The person
   * must be on the interview's panel: notes are about a meeting that took place with them.
   */
  async putNotes(userId: string, interviewId: string, personId: string, input: InterviewerNotesInput): Promise<InterviewView> {
    await this.repository.transaction(async (em) => {
      await this.panelMember(em, userId, interviewId, personId);
      await this.repository.putNotes(em, userId, interviewId, personId, { asked: blankToNull(input.asked), howItWent: blankToNull(input.howItWent), followUp: blankToNull(input.followUp) });
    });
    return this.get(userId, interviewId);
  }

  async removeNotes(userId: string, interviewId: string, personId: string): Promise<void> {
    await this.repository.transaction(async (em) => {
      await this.panelMember(em, userId, interviewId, personId);
      await this.repository.removeNotes(em, interviewId, personId);
    });
  }

  /** Every meeting with the person (most recent first): each interview of any application they were on, with the user's notes. */
  async meetingsWith(userId: string, personId: string): Promise<Meeting[]> {
    if (!(await personCards(this.repository.manager, userId, [personId])).has(personId)) throw new NotFoundError('person', personId);
    return (await this.meetings(this.repository.manager, userId, [personId], { includeCancelled: true })).get(personId) ?? [];
  }

  /** Meetings with each of `personIds`, most recent first. */
  async meetings(em: EntityManager, userId: string, personIds: string[], query: MeetingsQuery = {}): Promise<Map<string, Meeting[]>> {
    const out = new Map<string, Meeting[]>();
    if (!personIds.length) return out;
    const rows = await this.repository.meetings(em, userId, personIds, { before: query.before ?? null, exceptInterviewId: query.exceptInterviewId ?? null, includeCancelled: query.includeCancelled ?? false });
    // Their applications and stages from the applications module, one read each for all the meetings.
    const [applications, stages] = await Promise.all([
      this.applications.summaries(userId, [...new Set(rows.map((r) => r.application_id))]),
      this.applications.stagesByIds([...new Set(rows.map((r) => r.stage_id))]),
    ]);
    for (const r of rows) {
      const a = applications.get(r.application_id)!;
      const s = stages.get(r.stage_id)!;
      const list = out.get(r.person_id) ?? [];
      list.push({
        interviewId: r.id,
        personId: r.person_id,
        startsAt: r.starts_at,
        timeZone: r.time_zone,
        durationMinutes: r.duration_minutes,
        outcome: r.outcome,
        application: {
          id: a.id,
          role: a.role,
          status: a.status,
          organization: { id: a.organizationId, name: a.organization },
          team: a.teamId && a.team ? { id: a.teamId, name: a.team } : null,
        },
        stage: { id: s.id, name: s.name, type: s.type, status: s.status },
        notes: notesOf(r),
      });
      out.set(r.person_id, list);
    }
    return out;
  }

  /** The interview is the user's and the person is on its panel. */
  private async panelMember(em: EntityManager, userId: string, interviewId: string, personId: string): Promise<void> {
    const interview = await this.repository.locked(em, userId, interviewId, { id: true });
    if (!interview) throw new NotFoundError('interview', interviewId);
    const [person] = await livePeopleNamed(em, userId, [personId]);
    if (!person) throw new NotFoundError('person', personId);
    if (!(await this.repository.onPanel(em, interviewId, personId))) throw new NotAnInterviewerError(person.fullName, interviewId);
  }

  /**
   * The canonical name of a zone both the runtime and PostgreSQL know: prep-task dates are computed
   * in SQL, and a zone only the runtime knows would fail there (checked outside the transaction,
   * where a failed statement would abort it).
   */
  private async zone(value: string): Promise<string> {
    const canonical = canonicalTimeZone(value);
    // Unknown to PostgreSQL's time-zone database: refused as well.
    if (canonical && (await this.repository.zoneKnown(canonical))) return canonical;
    throw new InvalidInterviewError([{ field: 'timeZone', problem: 'must be an IANA time zone, e.g. Europe/London' }]);
  }

  private async stage(em: EntityManager, userId: string, stageId: string): Promise<ApplicationStage> {
    const stage = await this.applications.stage(userId, stageId, em);
    if (!stage) throw new NotFoundError('stage', stageId);
    return stage;
  }

  /** Interviewers must be people of the user's network, not in the trash; duplicates collapse. */
  private async assertInterviewers(em: EntityManager, userId: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return unique;
    const found = await livePeopleNamed(em, userId, unique);
    const known = new Set(found.map((p) => p.id));
    const missing = unique.find((id) => !known.has(id));
    if (missing) throw new NotFoundError('person', missing);
    return unique;
  }
}

function notesOf(r: NotesRow): InterviewerNotes | null {
  return r.notes_id ? { asked: r.asked, howItWent: r.how_it_went, followUp: r.follow_up, updatedAt: r.notes_updated_at as Date } : null;
}

function instant(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidInterviewError([{ field: 'startsAt', problem: 'must be an ISO 8601 date-time with a time zone' }]);
  return at;
}

function blankToNull(value: string | null | undefined): string | null {
  return value?.trim() ? value.trim() : null;
}

/** The fields of `next` whose value differs from the entity's (dates compared by instant). */
function changed(current: Interview, next: Partial<Interview>): Partial<Interview> {
  const out: Partial<Interview> = {};
  for (const [key, value] of Object.entries(next) as [keyof Interview, unknown][]) {
    const before = current[key];
    const same = before instanceof Date && value instanceof Date ? before.getTime() === value.getTime() : before === value;
    if (!same) Object.assign(out, { [key]: value });
  }
  return out;
}
