import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager, IsNull, Not, QueryFailedError, Repository } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { userRowsReference } from '#platform';
import { INTERACTIONS } from '../interactions/repository/interactions.relations';
import { listStatements, PERSON_BY_ID, PERSON_BY_ID_WITH_DELETED, PERSON_DETAIL, PersonDetail, personDetailFromRows, personFromRow } from './people.queries';
import type { PeopleQuery } from './people.types';
import { PersonCard, personCards } from './repository/people.read-model';
import { Person } from './person.entity';
import type { OrganizationReference, TeamReference } from '../organizations/index';

export type DuplicateReason = 'email' | 'linkedin' | 'name';

/**
 * Every statement on people. The two hottest reads (list and page) run the hand-written SQL of
 * people.queries.ts on the pool; the rest goes through TypeORM. Methods that take an EntityManager
 * run inside the caller's transaction.
 */
@Injectable()
export class PeopleRepository {
  /** A person's organization and team follow a merge of organizations (registered in PeopleModule). */
  readonly organizationReferences: OrganizationReference[] = [{ kind: 'people', ...userRowsReference({ table: 'people', column: 'organization_id' }) }];
  readonly teamReferences: TeamReference[] = [userRowsReference({ table: 'people', column: 'team_id' })];

  constructor(
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Runs `work` in one transaction; the methods given its EntityManager take part in it. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  build(fields: Partial<Person>): Person {
    return this.people.create(fields);
  }

  async insert(person: Person): Promise<void> {
    await this.people.insert(person);
  }

  /** GET /people: the page with its total in one statement; the total alone only for a page past the end. */
  async listPage(userId: string, query: PeopleQuery, limit: number, offset: number): Promise<{ items: Person[]; total: number }> {
    const sql = listStatements(userId, query, limit, offset);
    const rows = await this.read(sql.page, sql.pageParams);
    let total = rows.length > 0 ? (rows[0].total as number) : 0;
    // A page past the end has no row to carry the total: only then is it counted apart.
    if (rows.length === 0 && offset > 0) [{ total }] = (await this.read(sql.count, sql.countParams)) as { total: number }[];
    return { items: rows.map((row) => personFromRow(row)), total };
  }

  async findById(userId: string, id: string, withDeleted = false): Promise<Person | null> {
    const [row] = await this.read(withDeleted ? PERSON_BY_ID_WITH_DELETED : PERSON_BY_ID, [id, userId]);
    return row ? personFromRow(row) : null;
  }

  async findDetail(userId: string, id: string): Promise<PersonDetail | null> {
    const rows = await this.read(PERSON_DETAIL, [id, userId]);
    return rows.length === 0 ? null : personDetailFromRows(rows);
  }

  /** The user's people among `ids` not in the trash, as cards (name, headline, role, organization), in one read. */
  async liveCards(userId: string, ids: string[]): Promise<Map<string, PersonCard & { organizationId: string | null }>> {
    if (!ids.length) return new Map();
    const cards = await personCards(this.dataSource, userId, ids);
    const rows = (await this.dataSource.query('SELECT id, organization_id FROM people WHERE user_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL', [userId, ids])) as { id: string; organization_id: string | null }[];
    return new Map(rows.flatMap((r) => (cards.has(r.id) ? [[r.id, { ...cards.get(r.id)!, organizationId: r.organization_id }]] : [])));
  }

  findAll(userId: string): Promise<Person[]> {
    return this.people.find({ where: { userId }, relations: { organization: true, team: true }, order: { nameFolded: 'ASC', id: 'ASC' } });
  }

  /** The given people of the user (not deleted), with organization and team, in no order. */
  findByIds(userId: string, ids: string[]): Promise<Person[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.people.find({ where: ids.map((id) => ({ id, userId })), relations: { organization: true, team: true } });
  }

  async update(userId: string, id: string, columns: Partial<Person>, em: EntityManager = this.dataSource.manager): Promise<void> {
    await em.update(Person, { id, userId }, columns);
  }

  async softDelete(userId: string, id: string): Promise<boolean> {
    return !!(await this.people.softDelete({ id, userId })).affected;
  }

  async restore(userId: string, id: string): Promise<boolean> {
    return !!(await this.people.restore({ id, userId })).affected;
  }

  async exists(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<boolean> {
    return em.existsBy(Person, { id, userId });
  }

  /** The person's row (not deleted), locked for the rest of the transaction. */
  lock(em: EntityManager, userId: string, id: string): Promise<Person | null> {
    return em.findOne(Person, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The person's row, deleted or not, locked (people only) for the rest of the transaction. */
  lockWithDeleted(em: EntityManager, userId: string, id: string): Promise<Person | null> {
    return em.findOne(Person, { where: { id, userId }, withDeleted: true, lock: { mode: 'pessimistic_write', tables: ['people'] } });
  }

  findOne(userId: string, id: string, em: EntityManager = this.dataSource.manager): Promise<Person | null> {
    return em.findOne(Person, { where: { id, userId } });
  }

  findWithDeleted(em: EntityManager, userId: string, id: string): Promise<Person | null> {
    return em.findOne(Person, { where: { id, userId }, withDeleted: true });
  }

  /** With organization and team, inside the transaction that locked it. */
  findWithRelations(em: EntityManager, id: string): Promise<Person> {
    return em.findOneOrFail(Person, { where: { id }, relations: { organization: true, team: true } });
  }

  async delete(em: EntityManager, userId: string, id: string): Promise<void> {
    await em.delete(Person, { id, userId });
  }

  /** People with a next follow-up on or before `by`: oldest due first, then by name. */
  findDue(userId: string, by: string, limit: number, offset: number): Promise<[Person[], number]> {
    return this.people
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.organization', 'o')
      .leftJoinAndSelect('p.team', 't')
      .where('p.user_id = :userId AND p.next_follow_up_at <= :by', { userId, by })
      .orderBy('p.next_follow_up_at', 'ASC')
      .addOrderBy('p.name_folded', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .offset(offset)
      .getManyAndCount();
  }

  /** Every person with a follow-up date, soonest first, with their organization (for the calendar feed). */
  findWithFollowUps(userId: string, em: EntityManager = this.dataSource.manager): Promise<Person[]> {
    return em.find(Person, { where: { userId, nextFollowUpAt: Not(IsNull()) }, relations: { organization: true }, order: { nextFollowUpAt: 'ASC', id: 'ASC' } });
  }

  /** Records that the user was in touch: keeps the last-interaction date and advances the cadence. */
  async touch(em: EntityManager, userId: string, personId: string): Promise<void> {
    await em.query(
      `UPDATE people p SET
         last_interaction_at = latest.at,
         next_follow_up_at = CASE WHEN p.follow_up_cadence_days IS NULL OR latest.at IS NULL THEN p.next_follow_up_at
                                  ELSE (latest.at AT TIME ZONE 'UTC')::date + p.follow_up_cadence_days END
       FROM (SELECT max(i.occurred_at) AS at FROM ${INTERACTIONS} i WHERE i.person_id = $1) latest
       WHERE p.id = $1 AND p.user_id = $2`,
      [personId, userId],
    );
  }

  async clearFollowUpReason(em: EntityManager, userId: string, personId: string): Promise<void> {
    await em.query('UPDATE people SET next_follow_up_reason = NULL WHERE id = $1 AND user_id = $2 AND next_follow_up_reason IS NOT NULL', [personId, userId]);
  }

  /** A follow-up on `on` with its reason, unless one is due sooner. */
  async suggestFollowUp(em: EntityManager, userId: string, personId: string, on: string, reason: string): Promise<void> {
    await em.query(
      `UPDATE people SET next_follow_up_at = CASE WHEN next_follow_up_at IS NOT NULL AND next_follow_up_at <= $3::date THEN next_follow_up_at ELSE $3::date END,
                         next_follow_up_reason = $4, updated_at = now()
        WHERE id = $1 AND user_id = $2`,
      [personId, userId, on, reason],
    );
  }

  /** Likely duplicates as id groups: the same email, LinkedIn profile or folded name. */
  duplicateGroups(userId: string): Promise<{ reason: DuplicateReason; value: string; ids: string[] }[]> {
    return this.dataSource.query(
      `SELECT 'email' AS reason, e.email AS value, array_agg(p.id ORDER BY p.created_at, p.id) AS ids
         FROM people p CROSS JOIN LATERAL unnest(p.emails) AS e(email)
        WHERE p.user_id = $1 AND p.deleted_at IS NULL GROUP BY e.email HAVING count(DISTINCT p.id) > 1
       UNION ALL
       SELECT 'linkedin', p.links->>'linkedin', array_agg(p.id ORDER BY p.created_at, p.id)
         FROM people p WHERE p.user_id = $1 AND p.deleted_at IS NULL AND p.links ? 'linkedin' GROUP BY p.links->>'linkedin' HAVING count(*) > 1
       UNION ALL
       SELECT 'name', p.name_folded, array_agg(p.id ORDER BY p.created_at, p.id)
         FROM people p WHERE p.user_id = $1 AND p.deleted_at IS NULL GROUP BY p.name_folded HAVING count(*) > 1
       ORDER BY 1, 2`,
      [userId],
    );
  }

  /**
   * The statements of people.queries.ts, on the DataSource's own pg pool. DataSource.query checks a
   * connection out through a QueryRunner, then queries it: under load (`npm run bench:api`) each
   * request's objects then outlived young-generation GCs, ~0.1 ms more CPU per request than the
   * pool's query(). Errors are wrapped as DataSource.query wraps them, so the exception filter
   * answers alike (e.g. 400 for a malformed value). TypeORM's query logging does not see these.
   */
  private async read(sql: string, params: unknown[]): Promise<Record<string, any>[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    try {
      return (await pool.query(sql, params)).rows;
    } catch (e) {
      throw new QueryFailedError(sql, params, e as Error);
    }
  }
}
