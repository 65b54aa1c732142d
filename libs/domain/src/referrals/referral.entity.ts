import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Application } from '../applications/application.entity';
import { Person } from '../people/person.entity';

/** The path of a referral; `declined` may end it at any step before `acknowledged`. */
export const REFERRAL_STATUSES = ['discussed', 'offered', 'submitted', 'recruiter_contacted', 'acknowledged', 'declined'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** A person vouching for the user on an application. */
@Entity('referrals')
@Index(['applicationId', 'referrerId'], { unique: true })
@Index(['userId', 'referrerId'])
export class Referral extends TimestampedOwnedRecord {
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Column({ name: 'referrer_id', type: 'uuid' })
  referrerId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referrer_id' })
  referrer?: Relation<Person>;

  @Column({ name: 'recruiter_id', type: 'uuid', nullable: true })
  recruiterId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recruiter_id' })
  recruiter?: Relation<Person> | null;

  @Column({ type: 'text', default: 'discussed' })
  status: ReferralStatus;

  /** The date each status was reached (yyyy-mm-dd), e.g. { discussed: '2026-03-02', submitted: '2026-03-09' }. */
  @Column({ name: 'status_dates', type: 'jsonb', default: () => "'{}'" })
  statusDates: Partial<Record<ReferralStatus, string>>;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The referral on the failed application this one was carried over from by a reroute. */
  @Column({ name: 'carried_from_id', type: 'uuid', nullable: true })
  carriedFromId: string | null;

  @ManyToOne(() => Referral, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'carried_from_id' })
  carriedFrom?: Relation<Referral> | null;

  /** The referrals later reroutes carried this one over to. */
  @OneToMany(() => Referral, (r) => r.carriedFrom)
  carriedTo?: Relation<Referral>[];
}
