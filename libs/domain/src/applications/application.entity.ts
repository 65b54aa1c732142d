import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Organization } from '../organizations/organization.entity';
import { Team } from '../organizations/team.entity';
import { Person } from '../people/person.entity';
import { StageTemplate } from '../stage-templates/stage-template.entity';
import { ApplicationStage } from './application-stage.entity';

export const APPLICATION_SOURCES = ['referral', 'direct', 'recruiter_outreach', 'other'] as const;
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];

/** `active` while in the loop; the others are where a loop can end. */
export const APPLICATION_STATUSES = ['active', 'offer', 'accepted', 'declined', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The user's candidacy for one role on one team of one organization. */
@Entity('applications')
@Index(['userId', 'status'])
@Index(['userId', 'organizationId'])
export class Application extends TimestampedOwnedRecord {
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team> | null;

  @Column({ type: 'text' })
  role: string;

  @Column({ type: 'text', default: 'direct' })
  source: ApplicationSource;

  @Column({ type: 'text', default: 'active' })
  status: ApplicationStatus;

  @Column({ name: 'applied_on', type: 'date' })
  appliedOn: string;

  /** When the loop ended (offer accepted or declined, rejection, withdrawal). */
  @Column({ name: 'closed_on', type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The role's topics (e.g. "reinforcement learning"): what the reading checklist calls relevant. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ name: 'recruiter_id', type: 'uuid', nullable: true })
  recruiterId: string | null;

  @ManyToOne(() => Person, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'recruiter_id' })
  recruiter?: Relation<Person> | null;

  /** The template the stages were copied from (null once it is deleted, or for the built-in one). */
  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId: string | null;

  @ManyToOne(() => StageTemplate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'template_id' })
  template?: Relation<StageTemplate> | null;

  @Column({ name: 'template_name', type: 'text' })
  templateName: string;

  /** The stage the candidate is in (or ended in). */
  @Column({ name: 'current_stage_id', type: 'uuid', nullable: true })
  currentStageId: string | null;

  /** The failed application this one was rerouted from. */
  @Column({ name: 'rerouted_from_id', type: 'uuid', nullable: true })
  reroutedFromId: string | null;

  @ManyToOne(() => Application, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'rerouted_from_id' })
  reroutedFrom?: Relation<Application> | null;

  @OneToMany(() => ApplicationStage, (stage) => stage.application)
  stages?: Relation<ApplicationStage>[];
}
