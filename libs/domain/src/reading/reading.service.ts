import type { OrganizationTerms } from '../organizations/index';
import { Injectable } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '#platform';
import { allPeopleNames, livePeopleNamed } from '../people/index';
import type { WorkType } from '../scholarly/index';
import { authorsOfWorks, PersonWork, resolveWorkId, WorkSourceRecord, worksOfPeople, WorkView } from '../works/index';
import { toBibtex } from './reading-bibtex';
import { ReadingEntry, ReadingStatus } from './reading-entry.entity';
import { DEFAULT_COVERAGE_TARGET } from './reading-goal.entity';
import { ReadingRepository } from './reading.repository';
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

/** How much of an interview's checklist is read, and the best-ranked paper still unread. */
export interface InterviewCoverage extends Coverage {
  perInterviewer: (ChecklistInterviewer & Coverage)[];
  nextUnread: { workId: string; title: string } | null;
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
  constructor(private readonly repository: ReadingRepository) {}

  async personChecklist(userId: string, personId: string, applicationId?: string, now = new Date()): Promise<Checklist & { person: ChecklistInterviewer }> {
    const person = await this.person(userId, personId);
    const context = applicationId ? await this.applicationContext(userId, applicationId) : null;
    const settings = await this.settings(userId, { personId });
    const checklist = await this.build(userId, [person], settings, context, now);
    return { person, ...checklist };
  }

  /**
   * `works`: the interviewers' works with abstracts, most cited first (worksOfPeople), when the
   * caller has read them already (a briefing lists them too): they are then not read again.
   */
  async interviewChecklist(
    userId: string,
    interviewId: string,
    now = new Date(),
    options: { works?: Map<string, PersonWork[]> } = {},
  ): Promise<Checklist & { interview: { id: string; applicationId: string }; interviewers: ChecklistInterviewer[] }> {
    const interview = await this.repository.interviewPanel(userId, interviewId);
    if (!interview) throw new NotFoundError('interview', interviewId);
    // People in the trash are off the checklist; by name.
    const interviewers = await livePeopleNamed(this.repository.db, userId, interview.personIds);
    const [context, settings] = await Promise.all([this.applicationContext(userId, interview.applicationId), this.settings(userId, { interviewId })]);
    const checklist = await this.build(userId, interviewers, settings, context, now, options.works);
    return { interview: { id: interview.id, applicationId: interview.applicationId }, interviewers, ...checklist };
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
    if (!(await this.repository.interviewExists(userId, interviewId))) throw new NotFoundError('interview', interviewId);
    return this.saveSettings(userId, { personId: null, interviewId }, input);
  }

  async getGoal(userId: string): Promise<ReadingGoalView> {
    const row = await this.repository.goal(userId);
    return row ? { coverageTarget: row.coverageTarget, updatedAt: row.updatedAt } : { coverageTarget: DEFAULT_COVERAGE_TARGET, updatedAt: null };
  }

  async putGoal(userId: string, input: { coverageTarget: number }): Promise<ReadingGoalView> {
    const target = input.coverageTarget;
    if (!Number.isInteger(target) || target < 1 || target > 100) throw new InvalidInputError('Invalid reading goal', [{ field: 'coverageTarget', problem: 'must be a whole number from 1 to 100 (percent)' }]);
    await this.repository.putGoal(userId, target);
    return this.getGoal(userId);
  }

  /** The user's reading of a shared work; a work the user never touched reads as "to read". */
  async getReading(userId: string, id: string): Promise<ReadingState & { workId: string }> {
    const workId = await this.assertWork(id);
    const entry = await this.repository.entry(userId, workId);
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
    await this.repository.putEntry(userId, workId, patch);
    return this.getReading(userId, workId);
  }

  /**
   * The reading coverage of several interviews' checklists at once (what readiness shows for a
   * Today of many interviews): the panels, their people, works, settings, terms and the user's
   * readings are one read each, however many interviews; ranking is done in memory. Interviews not
   * the user's are left out.
   */
  async interviewCoverages(userId: string, interviewIds: string[], now = new Date()): Promise<Map<string, InterviewCoverage>> {
    const out = new Map<string, InterviewCoverage>();
    const panels = await this.repository.interviewPanels(userId, [...new Set(interviewIds)]);
    if (!panels.length) return out;
    const personIds = [...new Set(panels.flatMap((p) => p.personIds))];
    const applicationIds = [...new Set(panels.map((p) => p.applicationId))];
    const [people, works, settingRows, terms, names] = await Promise.all([
      livePeopleNamed(this.repository.db, userId, personIds),
      personIds.length ? worksOfPeople(this.repository.db, userId, personIds, { withAbstract: true }) : Promise.resolve(new Map<string, PersonWork[]>()),
      this.repository.interviewSettings(userId, panels.map((p) => p.id)),
      this.repository.applicationTermsMany(userId, applicationIds),
      allPeopleNames(this.repository.db, userId),
    ]);
    const ranked = panels.map((panel) => {
      const members = new Set(panel.personIds);
      const interviewers = people.filter((p) => members.has(p.id));
      const row = settingRows.get(panel.id);
      const settings: ChecklistSettingsView = row ? { size: row.size, weights: { ...DEFAULT_WEIGHTS, ...row.weights }, updatedAt: row.updatedAt } : { size: DEFAULT_SIZE, weights: { ...DEFAULT_WEIGHTS }, updatedAt: null };
      const termRow = terms.get(panel.applicationId);
      const context = termRow ? { applicationId: panel.applicationId, terms: contextTerms(relevanceOf(termRow), nameWords(names)) } : null;
      return { panel, ...rankPanel(interviewers, settings, context, now, (id) => works.get(id) ?? []) };
    });
    const readings = await this.readings(userId, [...new Set(ranked.flatMap((r) => [...r.byWork.keys()]))]);
    const isRead = (id: string): boolean => readings.get(id)?.status === 'read';
    for (const { panel, byWork, perInterviewer } of ranked) {
      const ids = [...byWork.keys()];
      const firstUnread = [...byWork.values()].filter((e) => !isRead(e.pw.work.id)).sort((a, b) => b.score - a.score || a.pw.work.id.localeCompare(b.pw.work.id))[0];
      out.set(panel.id, {
        nextUnread: firstUnread ? { workId: firstUnread.pw.work.id, title: firstUnread.pw.work.title } : null,
        read: ids.filter(isRead).length,
        total: ids.length,
        perInterviewer: perInterviewer.map(({ workIds, worksTotal: _, ...rest }) => ({ ...rest, read: workIds.filter(isRead).length, total: workIds.length })),
      });
    }
    return out;
  }

  private async build(userId: string, interviewers: ChecklistInterviewer[], settings: ChecklistSettingsView, context: ChecklistContext | null, now: Date, given?: Map<string, PersonWork[]>): Promise<Checklist> {
    // The people's works, by the one rule of whose works are whose, read for all of them at once.
    const missing = interviewers.filter((i) => !given?.has(i.id)).map((i) => i.id);
    const read = missing.length ? await worksOfPeople(this.repository.db, userId, missing, { withAbstract: true }) : new Map<string, PersonWork[]>();
    const { byWork, perInterviewer } = rankPanel(interviewers, settings, context, now, (id) => given?.get(id) ?? read.get(id) ?? []);
    const workIds = [...byWork.keys()];
    const [readings, authors] = await Promise.all([this.readings(userId, workIds), authorsOfWorks(this.repository.db, workIds)]);
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
    const [person] = await livePeopleNamed(this.repository.db, userId, [personId]);
    if (!person) throw new NotFoundError('person', personId);
    return person;
  }

  /** The work's live id: an id of a version since merged into another answers for the merged work. */
  private async assertWork(workId: string): Promise<string> {
    const found = await resolveWorkId(this.repository.db, workId);
    if (!found) throw new NotFoundError('work', workId);
    return found;
  }

  /** The terms an application's reading is relevant to: its own, its team's and its organization's. */
  private async applicationContext(userId: string, applicationId: string): Promise<ChecklistContext> {
    const row = await this.repository.applicationTerms(userId, applicationId);
    if (!row) throw new NotFoundError('application', applicationId);
    // The user's contacts' names are not topics: "Petar" in the team's notes says who, not what.
    return { applicationId, terms: contextTerms(relevanceOf(row), nameWords(await allPeopleNames(this.repository.db, userId))) };
  }

  private async settings(userId: string, where: { personId: string } | { interviewId: string }): Promise<ChecklistSettingsView> {
    const row = await this.repository.settings(userId, where);
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
    await this.repository.putSettings(userId, target, size, weights);
    return this.settings(userId, target.personId ? { personId: target.personId } : { interviewId: target.interviewId! });
  }

  private async readings(userId: string, workIds: string[]): Promise<Map<string, ReadingState>> {
    if (workIds.length === 0) return new Map();
    const rows = await this.repository.entries(userId, workIds);
    return new Map(rows.map((r) => [r.workId, stateOf(r)]));
  }

}

type RankedEntry = { pw: PersonWork; score: number; reasons: RankingReason[]; interviewers: ChecklistItem['interviewers'] };

/** Each interviewer's works ranked into one checklist: a paper two of them wrote is one item, explained by the interviewer it ranks best for. */
function rankPanel(
  interviewers: ChecklistInterviewer[],
  settings: ChecklistSettingsView,
  context: ChecklistContext | null,
  now: Date,
  worksOf: (personId: string) => PersonWork[],
): { byWork: Map<string, RankedEntry>; perInterviewer: (ChecklistInterviewer & { workIds: string[]; worksTotal: number })[] } {
  const byWork = new Map<string, RankedEntry>();
  const perInterviewer: (ChecklistInterviewer & { workIds: string[]; worksTotal: number })[] = [];
  for (const interviewer of interviewers) {
    const items = worksOf(interviewer.id);
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
      if (r.score > entry.score) Object.assign(entry, { score: r.score, reasons: r.reasons });
      byWork.set(r.work.id, entry);
    });
    perInterviewer.push({ ...interviewer, workIds: ranked.map((r) => r.work.id), worksTotal: items.length });
  }
  return { byWork, perInterviewer };
}

/** An application's terms (its keywords, its organization's and team's) as the ranking's relevance context. */
function relevanceOf(row: { keywords: string[]; organization: OrganizationTerms }): RelevanceContext {
  return {
    application: { keywords: row.keywords },
    team: row.organization.team,
    organization: { tags: row.organization.tags, researchNotes: row.organization.researchNotes },
  };
}

function stateOf(entry: ReadingEntry): ReadingState {
  return { status: entry.status, notes: entry.notes, summary: entry.summary, questions: entry.questions, updatedAt: entry.updatedAt };
}

function blankToNull(text: string | null): string | null {
  return text === null || text.trim() === '' ? null : text;
}
