import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { columnReference } from '#platform';
import { APPLICATIONS } from '../applications/repository/applications.relations';
import { INTERVIEWS } from '../interviews/repository/interviews.relations';
import { organizationTerms, organizationTermsOf, type OrganizationTerms } from '../organizations/index';
import { ChecklistSettings } from './checklist-settings.entity';
import { ReadingEntry } from './reading-entry.entity';
import { ReadingGoal } from './reading-goal.entity';
import type { PersonReference } from '../people/index';

/**
 * The reading module's tables (reading_entries, reading_checklist_settings, reading_goals): every
 * statement on them.
 *
 * Two reads of interviews and applications stay here, over their published relations (an
 * interview's panel, an application's keywords and organization; the organization's terms come from
 * organizations): those modules sit above reading at run time (their prep tasks complete by reading
 * coverage: interviews → tasks → reading), so reading cannot call them without an import cycle.
 * People and works are read through their owners.
 */
@Injectable()
export class ReadingRepository {
  /** One checklist's settings per person and user: when both have some, the survivor's stay. People's merges and erasures run these (registered in ReadingModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'readingChecklistSettings', ...columnReference({ table: 'reading_checklist_settings', column: 'person_id', onErase: 'delete', uniqueWith: ['user_id'] }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get db(): DataSource {
    return this.dataSource;
  }

  /** The user's interview with the ids of the people on its panel (the people module names them). */
  async interviewPanel(userId: string, interviewId: string): Promise<{ id: string; applicationId: string; personIds: string[] } | null> {
    const [row] = (await this.dataSource.query(
      `SELECT i.id, i.application_id, i.person_ids FROM ${INTERVIEWS} i WHERE i.id = $1 AND i.user_id = $2`,
      [interviewId, userId],
    )) as { id: string; application_id: string; person_ids: string[] }[];
    return row ? { id: row.id, applicationId: row.application_id, personIds: row.person_ids } : null;
  }

  /** The panels of several of the user's interviews at once (interviews not theirs are left out). */
  async interviewPanels(userId: string, interviewIds: string[]): Promise<{ id: string; applicationId: string; personIds: string[] }[]> {
    if (!interviewIds.length) return [];
    const rows = (await this.dataSource.query(
      `SELECT i.id, i.application_id, i.person_ids FROM ${INTERVIEWS} i WHERE i.id = ANY($1::uuid[]) AND i.user_id = $2`,
      [interviewIds, userId],
    )) as { id: string; application_id: string; person_ids: string[] }[];
    return rows.map((row) => ({ id: row.id, applicationId: row.application_id, personIds: row.person_ids }));
  }

  async interviewExists(userId: string, interviewId: string): Promise<boolean> {
    const [found] = (await this.dataSource.query(`SELECT 1 FROM ${INTERVIEWS} i WHERE i.id = $1 AND i.user_id = $2`, [interviewId, userId])) as unknown[];
    return !!found;
  }

  /** What an application's reading is relevant to: its keywords, its organization's tags and notes, its team's. */
  async applicationTerms(userId: string, applicationId: string): Promise<{ keywords: string[]; organization: OrganizationTerms } | null> {
    const [row] = (await this.dataSource.query(`SELECT a.keywords, a.organization_id, a.team_id FROM ${APPLICATIONS} a WHERE a.id = $1 AND a.user_id = $2`, [applicationId, userId])) as {
      keywords: string[] | null;
      organization_id: string;
      team_id: string | null;
    }[];
    const organization = row ? await organizationTerms(this.dataSource, row.organization_id, row.team_id) : null;
    return row && organization ? { keywords: row.keywords ?? [], organization } : null;
  }

  /** applicationTerms for several applications at once, by application id (two statements however many). */
  async applicationTermsMany(userId: string, applicationIds: string[]): Promise<Map<string, { keywords: string[]; organization: OrganizationTerms }>> {
    if (!applicationIds.length) return new Map();
    const rows = (await this.dataSource.query(`SELECT a.id, a.keywords, a.organization_id, a.team_id FROM ${APPLICATIONS} a WHERE a.id = ANY($1::uuid[]) AND a.user_id = $2`, [applicationIds, userId])) as {
      id: string;
      keywords: string[] | null;
      organization_id: string;
      team_id: string | null;
    }[];
    const terms = await organizationTermsOf(this.dataSource, rows.map((r) => ({ organizationId: r.organization_id, teamId: r.team_id })));
    const out = new Map<string, { keywords: string[]; organization: OrganizationTerms }>();
    rows.forEach((row, i) => {
      const organization = terms[i];
      if (organization) out.set(row.id, { keywords: row.keywords ?? [], organization });
    });
    return out;
  }

  goal(userId: string): Promise<ReadingGoal | null> {
    return this.dataSource.getRepository(ReadingGoal).findOneBy({ userId });
  }

  async putGoal(userId: string, coverageTarget: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO reading_goals (user_id, coverage_target) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET coverage_target = EXCLUDED.coverage_target, updated_at = now()`,
      [userId, coverageTarget],
    );
  }

  entry(userId: string, workId: string): Promise<ReadingEntry | null> {
    return this.dataSource.getRepository(ReadingEntry).findOneBy({ userId, workId });
  }

  /** The user's entries on these works. */
  entries(userId: string, workIds: string[]): Promise<ReadingEntry[]> {
    return this.dataSource.getRepository(ReadingEntry).createQueryBuilder('e').where('e.user_id = :userId AND e.work_id = ANY(:workIds)', { userId, workIds }).getMany();
  }

  /** Sets the given columns of the user's entry on the work (created when missing); the others keep their value. */
  async putEntry(userId: string, workId: string, patch: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(patch);
    const snake = (c: string): string => c.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`);
    await this.dataSource.query(
      `INSERT INTO reading_entries (user_id, work_id${columns.map((c) => `, ${snake(c)}`).join('')})
       VALUES ($1, $2${columns.map((_, i) => `, $${i + 3}`).join('')})
       ON CONFLICT (user_id, work_id) DO UPDATE SET updated_at = now()${columns.map((c) => `, ${snake(c)} = EXCLUDED.${snake(c)}`).join('')}`,
      [userId, workId, ...columns.map((c) => patch[c])],
    );
  }

  settings(userId: string, where: { personId: string } | { interviewId: string }): Promise<ChecklistSettings | null> {
    return this.dataSource.getRepository(ChecklistSettings).findOneBy({ userId, ...where });
  }

  /** The checklist settings of several interviews, by interview id (those with none are absent). */
  async interviewSettings(userId: string, interviewIds: string[]): Promise<Map<string, ChecklistSettings>> {
    if (!interviewIds.length) return new Map();
    const rows = await this.dataSource.getRepository(ChecklistSettings).createQueryBuilder('s').where('s.user_id = :userId AND s.interview_id = ANY(:interviewIds)', { userId, interviewIds }).getMany();
    return new Map(rows.map((r) => [r.interviewId!, r]));
  }

  /** Writes a person's or an interview's checklist settings (one row per target). */
  async putSettings(userId: string, target: { personId: string | null; interviewId: string | null }, size: number, weights: object): Promise<void> {
    const conflict = target.personId ? '(user_id, person_id) WHERE person_id IS NOT NULL' : '(user_id, interview_id) WHERE interview_id IS NOT NULL';
    await this.dataSource.query(
      `INSERT INTO reading_checklist_settings (user_id, person_id, interview_id, size, weights) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ${conflict} DO UPDATE SET size = EXCLUDED.size, weights = EXCLUDED.weights, updated_at = now()`,
      [userId, target.personId, target.interviewId, size, JSON.stringify(weights)],
    );
  }

  /** The reading entries of users who have more than one among the works, by user, oldest touched first. */
  readingEntriesToFold(em: EntityManager, workIds: string[]): Promise<ReadingEntryRow[]> {
    return em.query(
      `SELECT id, user_id, status, notes, summary, questions, created_at, updated_at FROM reading_entries
        WHERE work_id = ANY($1::uuid[]) AND user_id IN (SELECT user_id FROM reading_entries WHERE work_id = ANY($1::uuid[]) GROUP BY user_id HAVING count(*) > 1)
        ORDER BY user_id, updated_at, id`,
      [workIds],
    ) as Promise<ReadingEntryRow[]>;
  }

  /** One user's entries become one: `gone` are deleted, `kept` takes their folded texts and moves to the kept work. */
  async foldReadingEntries(em: EntityManager, gone: string[], kept: FoldedReadingEntry): Promise<void> {
    await em.query('DELETE FROM reading_entries WHERE id = ANY($1::uuid[])', [gone]);
    await em.query('UPDATE reading_entries SET work_id = $2, notes = $3, summary = $4, questions = $5, created_at = $6, updated_at = $7 WHERE id = $1', [
      kept.id,
      kept.workId,
      kept.notes,
      kept.summary,
      kept.questions,
      kept.createdAt,
      kept.updatedAt,
    ]);
  }

  /** Every other reading entry of the dropped works moves to the kept one. */
  async moveReadingEntries(em: EntityManager, keep: string, drop: string[]): Promise<void> {
    await em.query('UPDATE reading_entries SET work_id = $1 WHERE work_id = ANY($2::uuid[])', [keep, drop]);
  }
}

/** One user's reading entry of a work, as a merge of works folds them. */
export interface ReadingEntryRow {
  id: string;
  user_id: string;
  notes: string | null;
  summary: string | null;
  questions: string[];
  created_at: Date;
  updated_at: Date;
}

/** The new state of a reading entry that absorbed a user's other entries of merged works. */
export interface FoldedReadingEntry {
  id: string;
  workId: string;
  notes: string | null;
  summary: string | null;
  questions: string[];
  createdAt: Date;
  updatedAt: Date;
}
