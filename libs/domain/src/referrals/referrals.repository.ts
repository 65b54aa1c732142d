import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { columnReference } from '#platform';
import { APPLICATIONS } from '../applications/repository/applications.relations';
import { organizationNames } from '../organizations/index';
import { Referral, ReferralStatus } from './referral.entity';
import type { PersonReference } from '../people/index';

/** What a referral needs of its application: that it is the user's, and its organization's name. */
export interface ReferredApplication {
  id: string;
  organizationName: string | null;
}

export interface ReferralFilter {
  applicationId?: string;
  personId?: string;
  status?: ReferralStatus;
}

/** Every statement on referrals. Methods that take an EntityManager run inside the caller's transaction. */
@Injectable()
export class ReferralsRepository {
  /** A referral a person made goes with them (when both referred one application, the survivor's stays); one they recruited for only loses the link. People's merges and erasures run these (registered in ReferralsModule). */
  readonly personReferences: PersonReference[] = [
    { label: 'referralsMade', ...columnReference({ table: 'referrals', column: 'referrer_id', onErase: 'delete', uniqueWith: ['application_id'] }) },
    { label: 'referralsRecruited', ...columnReference({ table: 'referrals', column: 'recruiter_id', onErase: 'nullify' }) },
  ];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * The application a referral is for, if it is the user's. Read through the applications'
   * published relation rather than ApplicationsService: applications carry referrals over on a
   * reroute, so they depend on this module, and the other way round would be an import cycle. The
   * organization's name comes from organizations.
   */
  async findApplication(em: EntityManager, userId: string, applicationId: string): Promise<ReferredApplication | null> {
    const [row] = (await em.query(`SELECT a.id, a.organization_id FROM ${APPLICATIONS} a WHERE a.id = $1 AND a.user_id = $2`, [applicationId, userId])) as { id: string; organization_id: string }[];
    if (!row) return null;
    const names = await organizationNames(em, [row.organization_id]);
    return { id: row.id, organizationName: names.organizations.get(row.organization_id) ?? null };
  }

  findByPair(em: EntityManager, applicationId: string, referrerId: string): Promise<Referral | null> {
    return em.findOneBy(Referral, { applicationId, referrerId });
  }

  /** Inserts a new referral; answers it with its generated id. */
  async insert(em: EntityManager, fields: Partial<Referral>): Promise<Referral> {
    const referral = em.create(Referral, fields);
    await em.insert(Referral, referral);
    return referral;
  }

  lock(em: EntityManager, userId: string, id: string): Promise<Referral | null> {
    return em.findOne(Referral, { where: { id, userId }, lock: { mode: 'pessimistic_write' } });
  }

  async update(em: EntityManager, userId: string, id: string, patch: Partial<Referral>): Promise<void> {
    await em.update(Referral, { id, userId }, patch);
  }

  async delete(userId: string, id: string): Promise<boolean> {
    return !!(await this.dataSource.getRepository(Referral).delete({ id, userId })).affected;
  }

  /** Newest first; take/skip, not limit/offset: the carried-to join gives a referral several rows. */
  page(userId: string, filter: ReferralFilter, limit: number, offset: number): Promise<[Referral[], number]> {
    const qb = this.withRelations().where('r.user_id = :userId', { userId });
    if (filter.applicationId) qb.andWhere('r.application_id = :applicationId', { applicationId: filter.applicationId });
    if (filter.personId) qb.andWhere('(r.referrer_id = :personId OR r.recruiter_id = :personId)', { personId: filter.personId });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    return qb.orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'ASC').take(limit).skip(offset).getManyAndCount();
  }

  findOne(userId: string, id: string): Promise<Referral | null> {
    return this.withRelations().where('r.id = :id AND r.user_id = :userId', { id, userId }).getOne();
  }

  /** An application's referrals, oldest first. */
  forApplication(userId: string, applicationId: string): Promise<Referral[]> {
    return this.withRelations()
      .where('r.user_id = :userId AND r.application_id = :applicationId', { userId, applicationId })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  private withRelations(): SelectQueryBuilder<Referral> {
    // A soft-deleted referrer still shows on their referrals: they can be restored.
    return this.dataSource.manager
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
}
