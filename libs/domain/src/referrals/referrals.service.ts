import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { FieldProblem, NotFoundError } from '#platform';
import { TimeZonesService } from '../accounts/index';
import type { Page } from '../people/index';
import { PeopleService, Person } from '../people/index';
import { becomesSubmitted, nextReferralStatuses, previousStep } from './referral-path';
import { Referral, REFERRAL_STATUSES, ReferralStatus } from './referral.entity';
import { DuplicateReferralError, IllegalReferralStatusError, InvalidReferralError } from './referrals.errors';
import { ReferralsRepository, ReferredApplication } from './referrals.repository';

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
  constructor(
    private readonly referrals: ReferralsRepository,
    private readonly people: PeopleService,
    private readonly timeZones: TimeZonesService,
  ) {}

  async create(userId: string, input: NewReferral): Promise<Referral> {
    const status = input.status ?? 'discussed';
    assertStatus(status);
    const id = await this.referrals.transaction(async (em) => {
      const application = await this.referrals.findApplication(em, userId, input.applicationId);
      if (!application) throw new NotFoundError('application', input.applicationId);
      const referrer = await this.people.lock(em, userId, input.referrerId);
      if (input.recruiterId) await this.assertPerson(em, userId, input.recruiterId);
      const today = await this.timeZones.today(userId, em);
      const on = input.on ?? today;
      if (on > today) throw new InvalidReferralError([{ field: 'on', problem: `must not be in the future (today is ${today})` }]);
      const existing = await this.referrals.findByPair(em, application.id, referrer.id);
      if (existing) throw new DuplicateReferralError(referrer.fullName, existing.id);
      let referral: Referral;
      const fields: Partial<Referral> = {
        userId,
        applicationId: application.id,
        referrerId: referrer.id,
        recruiterId: input.recruiterId ?? null,
        status,
        statusDates: { [status]: on },
        notes: text(input.notes),
      };
      try {
        referral = await this.referrals.insert(em, fields);
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
    const [items, total] = await this.referrals.page(userId, { applicationId: query.applicationId, personId: query.personId, status: query.status }, limit, offset);
    return { items, total, limit, offset };
  }

  async get(userId: string, id: string): Promise<Referral> {
    const referral = await this.referrals.findOne(userId, id);
    if (!referral) throw new NotFoundError('referral', id);
    return referral;
  }

  /** An application's referrals, oldest first: for the application's page. */
  forApplication(userId: string, applicationId: string): Promise<Referral[]> {
    return this.referrals.forApplication(userId, applicationId);
  }

  async update(userId: string, id: string, input: ReferralUpdate): Promise<Referral> {
    if (input.status !== undefined) assertStatus(input.status);
    await this.referrals.transaction(async (em) => {
      const referral = await this.referrals.lock(em, userId, id);
      if (!referral) throw new NotFoundError('referral', id);
      const patch: Partial<Referral> = {};
      if (input.notes !== undefined) patch.notes = text(input.notes);
      if (input.recruiterId !== undefined) {
        if (input.recruiterId) await this.assertPerson(em, userId, input.recruiterId);
        patch.recruiterId = input.recruiterId;
      }
      const target = input.status ?? referral.status;
      if (target !== referral.status || input.on !== undefined) {
        if (target !== referral.status) {
          const allowed = nextReferralStatuses(referral.status);
          if (!allowed.includes(target)) throw new IllegalReferralStatusError(referral.status, target, allowed);
        }
        const today = await this.timeZones.today(userId, em);
        const on = input.on ?? today;
        const problems: FieldProblem[] = [];
        if (on > today) problems.push({ field: 'on', problem: `must not be in the future (today is ${today})` });
        const previous = previousStep(target, referral.statusDates);
        if (previous && on < previous.on) problems.push({ field: 'on', problem: `must not be before the date it was ${previous.status} (${previous.on})` });
        if (problems.length) throw new InvalidReferralError(problems);
        patch.status = target;
        patch.statusDates = { ...referral.statusDates, [target]: on };
        if (becomesSubmitted(referral.status, target)) {
          const application = (await this.referrals.findApplication(em, userId, referral.applicationId))!;
          const referrer = await this.people.find(userId, referral.referrerId, em);
          if (referrer) await this.suggestThankYou(em, userId, referrer, application, today);
        }
      }
      if (Object.keys(patch).length) await this.referrals.update(em, userId, id, patch);
    });
    return this.get(userId, id);
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.referrals.delete(userId, id))) throw new NotFoundError('referral', id);
  }

  /**
   * Once a referral is submitted, Dossier suggests thanking the referrer: their next follow-up
   * becomes tomorrow (unless one is due sooner), with the reason shown in the due list.
   */
  private async suggestThankYou(em: EntityManager, userId: string, referrer: Person, application: ReferredApplication, today: string): Promise<void> {
    const reason = `Thank ${referrer.fullName} for referring you to ${application.organizationName ?? 'the organization'}`;
    await this.people.suggestFollowUp(em, userId, referrer.id, today, reason);
  }

  private async assertPerson(em: EntityManager, userId: string, personId: string): Promise<void> {
    if (!(await this.people.exists(userId, personId, em))) throw new NotFoundError('person', personId);
  }
}

function assertStatus(status: ReferralStatus): void {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(status)) throw new InvalidReferralError([{ field: 'status', problem: `must be one of ${REFERRAL_STATUSES.join(', ')}` }]);
}

function text(value: string | null | undefined): string | null {
  return typeof value === 'string' ? value.normalize('NFC').trim() || null : null;
}
