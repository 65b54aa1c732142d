import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { FieldProblem, NotFoundError } from '#platform';
import { Application } from '../applications/application.entity';
import { addDays, dateIn } from '../shared/dates';
import type { Page } from '../people/index';
import { lockPerson, Person } from '../people/index';
import { becomesSubmitted, nextReferralStatuses, previousStep } from './referral-path';
import { Referral, REFERRAL_STATUSES, ReferralStatus } from './referral.entity';
import { DuplicateReferralError, IllegalReferralStatusError, InvalidReferralError } from './referrals.errors';

export interface NewReferral {
  applicationId: string;
  referrerId: string;
  recruiterId?: string | null;
  /** Default: discussed. */
  status?: ReferralStatus;
  /** The date of that status (yyyy-mm-dd); default: today in the user's time zone. */
  on?: string;
  notes?: string | null;
}

export interface ReferralUpdate {
  /** Forward along the path, or declined before acknowledged; the same status with `on` corrects its date. */
  status?: ReferralStatus;
  on?: string;
  notes?: string | null;
  recruiterId?: string | null;
}

export interface ReferralsQuery {
  applicationId?: string;
  /** Referrals this person made or, as a recruiter, received. */
  personId?: string;
  status?: ReferralStatus;
  limit?: number;
  offset?: number;
}

/** A person vouching for the user on an application, moving along discussed → … → acknowledged. */
@Injectable()
export class ReferralsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(userId: string, input: NewReferral): Promise<Referral> {
    const status = input.status ?? 'discussed';
    assertStatus(status);
    const id = await this.dataSource.transaction(async (em) => {
      const application = await em.findOne(Application, { where: { id: input.applicationId, userId }, relations: { organization: true } });
      if (!application) throw new NotFoundError('application', input.applicationId);
      const referrer = await lockPerson(em, userId, input.referrerId);
      if (input.recruiterId) await assertPerson(em, userId, input.recruiterId);
      const today = await this.today(em, userId);
      const on = input.on ?? today;
      if (on > today) throw new InvalidReferralError([{ field: 'on', problem: `must not be in the future (today is ${today})` }]);
      const existing = await em.findOneBy(Referral, { applicationId: application.id, referrerId: referrer.id });
      if (existing) throw new DuplicateReferralError(referrer.fullName, existing.id);
      const referral = em.create(Referral, {
        userId,
        applicationId: application.id,
        referrerId: referrer.id,
        recruiterId: input.recruiterId ?? null,
        status,
        statusDates: { [status]: on },
        notes: text(input.notes),
      });
      try {
        await em.insert(Referral, referral);
      } catch (e) {
        // A concurrent request for the same pair won the race.
        if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') throw new DuplicateReferralError(referrer.fullName);
        throw e;
      }
      if (becomesSubmitted(null, status)) await this.suggestThankYou(em, userId, referrer, application, today);
      return referral.id;
    });
    return this.get(userId, id);
  }

  async list(userId: string, query: ReferralsQuery = {}): Promise<Page<Referral>> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const qb = this.withRelations(this.dataSource.manager).where('r.user_id = :userId', { userId });
    if (query.applicationId) qb.andWhere('r.application_id = :applicationId', { applicationId: query.applicationId });
    if (query.personId) qb.andWhere('(r.referrer_id = :personId OR r.recruiter_id = :personId)', { personId: query.personId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    // take/skip, not limit/offset: the carried-to join gives a referral several rows.
    const [items, total] = await qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'ASC').take(limit).skip(offset).getManyAndCount();
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Referral> {
    const referral = await this.withRelations(this.dataSource.manager).where('r.id = :id AND r.user_id = :userId', { id, userId }).getOne();
    if (!referral) throw new NotFoundError('referral', id);
    return referral;
  }

  /** An application's referrals, oldest first: for the application's page. */
  forApplication(userId: string, applicationId: string): Promise<Referral[]> {
    return this.withRelations(this.dataSource.manager)
      .where('r.user_id = :userId AND r.application_id = :applicationId', { userId, applicationId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  async update(userId: string, id: string, input: ReferralUpdate): Promise<Referral> {
    if (input.status !== undefined) assertStatus(input.status);
    await this.dataSource.transaction(async (em) => {
      const referral = await em.findOne(Referral, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
      if (!referral) throw new NotFoundError('referral', id);
      const patch: Partial<Referral> = {};
      if (input.notes !== undefined) patch.notes = text(input.notes);
      if (input.recruiterId !== undefined) {
        if (input.recruiterId) await assertPerson(em, userId, input.recruiterId);
        patch.recruiterId = input.recruiterId;
      }
      const target = input.status ?? referral.status;
      if (target !== referral.status || input.on !== undefined) {
        if (target !== referral.status) {
          const allowed = nextReferralStatuses(referral.status);
          if (!allowed.includes(target)) throw new IllegalReferralStatusError(referral.status, target, allowed);
        }
        const today = await this.today(em, userId);
        const on = input.on ?? today;
        const problems: FieldProblem[] = [];
        if (on > today) problems.push({ field: 'on', problem: `must not be in the future (today is ${today})` });
        const previous = previousStep(target, referral.statusDates);
        if (previous && on < previous.on) problems.push({ field: 'on', problem: `must not be before the date it was ${previous.status} (${previous.on})` });
        if (problems.length) throw new InvalidReferralError(problems);
        patch.status = target;
        patch.statusDates = { ...referral.statusDates, [target]: on };
        if (becomesSubmitted(referral.status, target)) {
          const application = await em.findOneOrFail(Application, { where: { id: referral.applicationId }, relations: { organization: true } });
          const referrer = await em.findOne(Person, { where: { id: referral.referrerId, userId } });
          if (referrer) await this.suggestThankYou(em, userId, referrer, application, today);
        }
      }
      if (Object.keys(patch).length) await em.update(Referral, { id, userId }, patch);
    });
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    const result = await this.dataSource.getRepository(Referral).delete({ id, userId });
    if (!result.affected) throw new NotFoundError('referral', id);
  }

  /**
   * Once a referral is submitted, Dossier suggests thanking the referrer: their next follow-up
   * becomes tomorrow (unless one is due sooner), with the reason shown in the due list.
   */
  private async suggestThankYou(em: EntityManager, userId: string, referrer: Person, application: Application, today: string): Promise<void> {
    const reason = `Thank ${referrer.fullName} for referring you to ${application.organization?.name ?? 'the organization'}`;
    await em.query(
      `UPDATE people SET next_follow_up_at = CASE WHEN next_follow_up_at IS NOT NULL AND next_follow_up_at <= $3::date THEN next_follow_up_at ELSE $3::date END,
                         next_follow_up_reason = $4, updated_at = now()
        WHERE id = $1 AND user_id = $2`,
      [referrer.id, userId, addDays(today, 1), reason],
    );
  }

  private withRelations(em: EntityManager) {
    // A soft-deleted referrer still shows on their referrals: they can be restored.
    return em
      .createQueryBuilder(Referral, 'r')
      .withDeleted()
      .innerJoinAndSelect('r.referrer', 'referrer')
      .leftJoinAndSelect('r.recruiter', 'recruiter')
      .innerJoinAndSelect('r.application', 'a')
      .leftJoinAndSelect('a.organization', 'o')
      .leftJoinAndSelect('a.team', 't')
      // Reroutes: where it was carried over from, and to.
      .leftJoinAndSelect('r.carriedFrom', 'cf')
      .leftJoinAndSelect('cf.application', 'cfa')
      .leftJoinAndSelect('cfa.organization', 'cfo')
      .leftJoinAndSelect('cfa.team', 'cft')
      .leftJoinAndSelect('r.carriedTo', 'ct')
      .leftJoinAndSelect('ct.application', 'cta')
      .leftJoinAndSelect('cta.organization', 'cto')
      .leftJoinAndSelect('cta.team', 'ctt');
  }

  private async today(em: EntityManager, userId: string): Promise<string> {
    const [row] = (await em.query('SELECT time_zone FROM users WHERE id = $1', [userId])) as { time_zone: string }[];
    return dateIn(row?.time_zone ?? 'UTC', new Date());
  }
}

async function assertPerson(em: EntityManager, userId: string, personId: string): Promise<void> {
  if (!(await em.existsBy(Person, { id: personId, userId }))) throw new NotFoundError('person', personId);
}

function assertStatus(status: ReferralStatus): void {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(status)) throw new InvalidReferralError([{ field: 'status', problem: `must be one of ${REFERRAL_STATUSES.join(', ')}` }]);
}

function text(value: string | null | undefined): string | null {
  return typeof value === 'string' ? value.normalize('NFC').trim() || null : null;
}
