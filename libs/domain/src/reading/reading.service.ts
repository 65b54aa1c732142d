import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidInputError, NotFoundError } from '#platform';
import type { WorkType } from '../scholarly/index';
import { PersonWork, resolveWorkId, sourceOrder, WorkSourceRecord, WorksQueryService, WorkView } from '../works/index';
import { ChecklistSettings } from './checklist-settings.entity';
import { toBibtex } from './reading-bibtex';
import { ReadingEntry, ReadingStatus } from './reading-entry.entity';
import { DEFAULT_COVERAGE_TARGET, ReadingGoal } from './reading-goal.entity';
import { DEFAULT_SIZE, DEFAULT_WEIGHTS, MAX_SIZE, rankWorks, RankingReason, RankingWeights, WEIGHT_KEYS } from './reading-ranking';
import { ContextTerm, contextTerms, nameWords, RelevanceContext } from './reading-terms';

export interface ReadingState {
  status: ReadingStatus;
  notes: string | null;
  summary: string | null;
  questions: string[];
  /** Null until the user first saves something for this work. */
  updatedAt: Date | null;
}

export interface ReadingInput {
  status?: ReadingStatus;
  notes?: string | null;
  summary?: string | null;
  questions?: string[];
}

export interface ChecklistSettingsView {
  size: number;
  weights: RankingWeights;
  /** Null while the defaults apply. */
  updatedAt: Date | null;
}

export interface ChecklistSettingsInput {
  size?: number;
  weights?: Partial<RankingWeights>;
}

export interface ReadingGoalView {
  /** Percent of a checklist read that completes its reading prep task. */
  coverageTarget: number;
  /** Null while the default applies. */
  updatedAt: Date | null;
}

export interface ChecklistContext {
  applicationId: string;
  terms: ContextTerm[];
}

export interface ChecklistInterviewer {
  id: string;
  fullName: string;
}

export interface ChecklistItem {
  work: WorkView;
  authors: string[];
  /** Every source's record: a preprint and its published version are one work with both. */
  records: WorkSourceRecord[];
  links: { doi: string | null; arxiv: string | null };
  score: number;
  reasons: RankingReason[];
  /** The interviewers the item is on the checklist for, with their place and score there. */
  interviewers: (ChecklistInterviewer & { rank: number; score: number; authorship: { position: number; authorCount: number; first: boolean; last: boolean }; reasons: RankingReason[] })[];
  reading: ReadingState;
}

export interface Coverage {
  read: number;
  total: number;
}

export interface Checklist {
  settings: ChecklistSettingsView;
  context: ChecklistContext | null;
  items: ChecklistItem[];
  coverage: Coverage;
  perInterviewer: (ChecklistInterviewer & Coverage & { worksTotal: number })[];
}

const NO_READING: Omit<ReadingState, 'updatedAt'> = { status: 'to_read', notes: null, summary: null, questions: [] };

/**
 * Reading checklists: an interviewer's works ranked for the user to read, and an interview's (the
 * union over its interviewers). Computed on every read from the shared works and the user's own
 * reading entries, so a sync's new works show at once and the user's statuses and notes stay.
 */
@Injectable()
export class ReadingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly works: WorksQueryService,
  ) {}

  async personChecklist(userId: string, personId: string, applicationId?: string, now = new Date()): Promise<Checklist & { person: ChecklistInterviewer }> {
    const person = await this.person(userId, personId);
    const context = applicationId ? await this.applicationContext(userId, applicationId) : null;
    const settings = await this.settings(userId, { personId });
    const checklist = await this.build(userId, [person], settings, context, now);
    return { person, ...checklist };
  }

  async interviewChecklist(userId: string, interviewId: string, now = new Date()): Promise<Checklist & { interview: { id: string; applicationId: string }; interviewers: ChecklistInterviewer[] }> {
    const [interview] = (await this.dataSource.query('SELECT id, application_id FROM interviews WHERE id = $1 AND user_id = $2', [interviewId, userId])) as { id: string; application_id: string }[];
    if (!interview) throw new NotFoundError('interview', interviewId);
    const interviewers = (await this.dataSource.query(
      `SELECT p.id, p.full_name AS "fullName" FROM interview_interviewers ii JOIN people p ON p.id = ii.person_id
        WHERE ii.interview_id = $1 AND p.user_id = $2 AND p.deleted_at IS NULL ORDER BY p.full_name, p.id`,
      [interviewId, userId],
    )) as ChecklistInterviewer[];
    const context = await this.applicationContext(userId, interview.application_id);
    const settings = await this.settings(userId, { interviewId });
    const checklist = await this.build(userId, interviewers, settings, context, now);
    return { interview: { id: interview.id, applicationId: interview.application_id }, interviewers, ...checklist };
  }

  async personChecklistBibtex(userId: string, personId: string, applicationId?: string): Promise<string> {
    return this.bibtex((await this.personChecklist(userId, personId, applicationId)).items);
  }

  async interviewChecklistBibtex(userId: string, interviewId: string): Promise<string> {
    return this.bibtex((await this.interviewChecklist(userId, interviewId)).items);
  }

  async getPersonSettings(userId: string, personId: string): Promise<ChecklistSettingsView> {
    await this.person(userId, personId);
    return this.settings(userId, { personId });
  }

  async putPersonSettings(userId: string, personId: string, input: ChecklistSettingsInput): Promise<ChecklistSettingsView> {
    await this.person(userId, personId);
    return this.saveSettings(userId, { personId, interviewId: null }, input);
  }

  async putInterviewSettings(userId: string, interviewId: string, input: ChecklistSettingsInput): Promise<ChecklistSettingsView> {
    const [found] = (await this.dataSource.query('SELECT 1 FROM interviews WHERE id = $1 AND user_id = $2', [interviewId, userId])) as unknown[];
    if (!found) throw new NotFoundError('interview', interviewId);
    return this.saveSettings(userId, { personId: null, interviewId }, input);
  }

  async getGoal(userId: string): Promise<ReadingGoalView> {
    const row = await this.dataSource.getRepository(ReadingGoal).findOneBy({ userId });
    return row ? { coverageTarget: row.coverageTarget, updatedAt: row.updatedAt } : { coverageTarget: DEFAULT_COVERAGE_TARGET, updatedAt: null };
  }

  async putGoal(userId: string, input: { coverageTarget: number }): Promise<ReadingGoalView> {
    const target = input.coverageTarget;
    if (!Number.isInteger(target) || target < 1 || target > 100) throw new InvalidInputError('Invalid reading goal', [{ field: 'coverageTarget', problem: 'must be a whole number from 1 to 100 (percent)' }]);
    await this.dataSource.query(
      `INSERT INTO reading_goals (user_id, coverage_target) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET coverage_target = EXCLUDED.coverage_target, updated_at = now()`,
      [userId, target],
    );
    return this.getGoal(userId);
  }

  /** The user's reading of a shared work; a work the user never touched reads as "to read". */
  async getReading(userId: string, id: string): Promise<ReadingState & { workId: string }> {
    const workId = await this.assertWork(id);
    const entry = await this.dataSource.getRepository(ReadingEntry).findOneBy({ userId, workId });
    return { workId, ...(entry ? stateOf(entry) : { ...NO_READING, updatedAt: null }) };
  }

  /** Sets the fields given; the others keep their value (null clears a text). */
  async putReading(userId: string, id: string, input: ReadingInput): Promise<ReadingState & { workId: string }> {
    const workId = await this.assertWork(id);
    const patch: Record<string, unknown> = {};
    if (input.status !== undefined) patch.status = input.status;
    if (input.notes !== undefined) patch.notes = blankToNull(input.notes);
    if (input.summary !== undefined) patch.summary = blankToNull(input.summary);
    if (input.questions !== undefined) patch.questions = input.questions.map((q) => q.trim()).filter(Boolean);
    const columns = Object.keys(patch);
    const snake = (c: string): string => c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`);
    await this.dataSource.query(
      `INSERT INTO reading_entries (user_id, work_id${columns.map((c) => `, ${snake(c)}`).join('')})
       VALUES ($1, $2${columns.map((_, i) => `, $${i + 3}`).join('')})
       ON CONFLICT (user_id, work_id) DO UPDATE SET updated_at = now()${columns.map((c) => `, ${snake(c)} = EXCLUDED.${snake(c)}`).join('')}`,
      [userId, workId, ...columns.map((c) => patch[c])],
    );
    return this.getReading(userId, workId);
  }

  private async build(userId: string, interviewers: ChecklistInterviewer[], settings: ChecklistSettingsView, context: ChecklistContext | null, now: Date): Promise<Checklist> {
    const byWork = new Map<string, { pw: PersonWork; score: number; reasons: RankingReason[]; interviewers: ChecklistItem['interviewers'] }>();
    const perInterviewer: (ChecklistInterviewer & { workIds: string[]; worksTotal: number })[] = [];
    for (const interviewer of interviewers) {
      // The person's works, by the one rule of whose works are whose (WorksQueryService.forPerson).
      const { items } = await this.works.forPerson(userId, interviewer.id, { withAbstract: true, limit: 1_000_000, sort: 'citations' });
      const ranked = rankWorks(
        items.map((pw) => ({ ...pw.work, authorship: pw.authorship, pw })),
        settings.weights,
        context?.terms ?? null,
        now,
        settings.size,
      );
      ranked.forEach((r, i) => {
        const entry = byWork.get(r.work.id) ?? { pw: r.work.pw, score: r.score, reasons: r.reasons, interviewers: [] };
        entry.interviewers.push({ ...interviewer, rank: i + 1, score: r.score, authorship: r.work.pw.authorship, reasons: r.reasons });
        // A paper two interviewers wrote is one item, explained by the interviewer it ranks best for.
        if (r.score > entry.score) Object.assign(entry, { score: r.score, reasons: r.reasons });
        byWork.set(r.work.id, entry);
      });
      perInterviewer.push({ ...interviewer, workIds: ranked.map((r) => r.work.id), worksTotal: items.length });
    }

    const workIds = [...byWork.keys()];
    const readings = await this.readings(userId, workIds);
    const authors = await this.authors(workIds);
    const items = [...byWork.values()]
      .sort((a, b) => b.score - a.score || Math.min(...a.interviewers.map((i) => i.rank)) - Math.min(...b.interviewers.map((i) => i.rank)) || a.pw.work.id.localeCompare(b.pw.work.id))
      .map(
        (e): ChecklistItem => ({
          work: e.pw.work,
          authors: authors.get(e.pw.work.id) ?? [],
          records: e.pw.records,
          links: { doi: e.pw.work.doi ? `https://doi.org/${e.pw.work.doi}` : null, arxiv: e.pw.work.arxivId ? `https://arxiv.org/abs/${e.pw.work.arxivId}` : null },
          score: e.score,
          reasons: e.reasons,
          interviewers: e.interviewers,
          reading: readings.get(e.pw.work.id) ?? { ...NO_READING, updatedAt: null },
        }),
      );
    const isRead = (id: string): boolean => readings.get(id)?.status === 'read';
    return {
      settings,
      context,
      items,
      coverage: { read: workIds.filter(isRead).length, total: workIds.length },
      perInterviewer: perInterviewer.map(({ workIds: ids, ...rest }) => ({ ...rest, read: ids.filter(isRead).length, total: ids.length })),
    };
  }

  private bibtex(items: ChecklistItem[]): string {
    return toBibtex(
      items.map((i) => ({
        id: i.work.id,
        title: i.work.title,
        authors: i.authors,
        year: i.work.year,
        publicationDate: i.work.publicationDate,
        venue: i.work.venue,
        type: i.work.type as WorkType,
        doi: i.work.doi,
        arxivId: i.work.arxivId,
      })),
    );
  }

  private async person(userId: string, personId: string): Promise<ChecklistInterviewer> {
    const [person] = (await this.dataSource.query('SELECT id, full_name AS "fullName" FROM people WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL', [personId, userId])) as ChecklistInterviewer[];
    if (!person) throw new NotFoundError('person', personId);
    return person;
  }

  /** The work's live id: an id of a version since merged into another answers for the merged work. */
  private async assertWork(workId: string): Promise<string> {
    const found = await resolveWorkId(this.dataSource, workId);
    if (!found) throw new NotFoundError('work', workId);
    return found;
  }

  /** The terms an application's reading is relevant to: its own, its team's and its organization's. */
  private async applicationContext(userId: string, applicationId: string): Promise<ChecklistContext> {
    const [row] = (await this.dataSource.query(
      `SELECT a.keywords, o.tags, o.research_notes AS org_notes, t.name AS team_name, t.description AS team_description, t.research_notes AS team_notes
         FROM applications a JOIN organizations o ON o.id = a.organization_id LEFT JOIN teams t ON t.id = a.team_id
        WHERE a.id = $1 AND a.user_id = $2`,
      [applicationId, userId],
    )) as Record<string, any>[];
    if (!row) throw new NotFoundError('application', applicationId);
    const context: RelevanceContext = {
      application: { keywords: row.keywords ?? [] },
      team: row.team_name ? { name: row.team_name, description: row.team_description, researchNotes: row.team_notes } : null,
      organization: { tags: row.tags ?? [], researchNotes: row.org_notes },
    };
    // The user's contacts' names are not topics: "Petar" in the team's notes says who, not what.
    const people = (await this.dataSource.query('SELECT full_name FROM people WHERE user_id = $1', [userId])) as { full_name: string }[];
    return { applicationId, terms: contextTerms(context, nameWords(people.map((p) => p.full_name))) };
  }

  private async settings(userId: string, where: { personId: string } | { interviewId: string }): Promise<ChecklistSettingsView> {
    const row = await this.dataSource.getRepository(ChecklistSettings).findOneBy({ userId, ...where });
    if (!row) return { size: DEFAULT_SIZE, weights: { ...DEFAULT_WEIGHTS }, updatedAt: null };
    return { size: row.size, weights: { ...DEFAULT_WEIGHTS, ...row.weights }, updatedAt: row.updatedAt };
  }

  /** A PUT: what is not given returns to its default. */
  private async saveSettings(userId: string, target: { personId: string | null; interviewId: string | null }, input: ChecklistSettingsInput): Promise<ChecklistSettingsView> {
    const size = input.size ?? DEFAULT_SIZE;
    const weights = { ...DEFAULT_WEIGHTS };
    for (const key of WEIGHT_KEYS) if (input.weights?.[key] !== undefined) weights[key] = input.weights[key]!;
    const problems: { field: string; problem: string }[] = [];
    if (!Number.isInteger(size) || size < 1 || size > MAX_SIZE) problems.push({ field: 'size', problem: `must be a whole number from 1 to ${MAX_SIZE}` });
    for (const key of WEIGHT_KEYS) if (!Number.isFinite(weights[key]) || weights[key] < 0) problems.push({ field: `weights.${key}`, problem: 'must be a non-negative number' });
    if (problems.length === 0 && WEIGHT_KEYS.every((k) => weights[k] === 0)) problems.push({ field: 'weights', problem: 'at least one weight must be above 0' });
    if (problems.length) throw new InvalidInputError('Invalid checklist settings', problems);
    const conflict = target.personId ? '(user_id, person_id) WHERE person_id IS NOT NULL' : '(user_id, interview_id) WHERE interview_id IS NOT NULL';
    await this.dataSource.query(
      `INSERT INTO reading_checklist_settings (user_id, person_id, interview_id, size, weights) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ${conflict} DO UPDATE SET size = EXCLUDED.size, weights = EXCLUDED.weights, updated_at = now()`,
      [userId, target.personId, target.interviewId, size, JSON.stringify(weights)],
    );
    return this.settings(userId, target.personId ? { personId: target.personId } : { interviewId: target.interviewId! });
  }

  private async readings(userId: string, workIds: string[]): Promise<Map<string, ReadingState>> {
    if (workIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(ReadingEntry).createQueryBuilder('e').where('e.user_id = :userId AND e.work_id = ANY(:workIds)', { userId, workIds }).getMany();
    return new Map(rows.map((r) => [r.workId, stateOf(r)]));
  }

  /** Each work's authors in order, from its most trusted record that lists any. */
  private async authors(workIds: string[]): Promise<Map<string, string[]>> {
    if (workIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (r.work_id) r.work_id, (SELECT array_agg(a.name ORDER BY a.position) FROM work_authorships a WHERE a.record_id = r.id) AS authors
         FROM work_records r WHERE r.work_id = ANY($1::uuid[]) AND EXISTS (SELECT 1 FROM work_authorships a WHERE a.record_id = r.id)
        ORDER BY r.work_id, array_position($2::text[], r.source), r.source_id`,
      [workIds, sourceOrder()],
    )) as { work_id: string; authors: string[] }[];
    return new Map(rows.map((r) => [r.work_id, r.authors]));
  }
}

function stateOf(entry: ReadingEntry): ReadingState {
  return { status: entry.status, notes: entry.notes, summary: entry.summary, questions: entry.questions, updatedAt: entry.updatedAt };
}

function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text;
}
