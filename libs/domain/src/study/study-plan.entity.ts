import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { Application } from '../applications/application.entity';
import type { StudyPaces } from './study.types';

/**
 * How the user prepares for one application: the resources picked per stage (study_plan_items),
 * the hours a week they have and the pace they state. The schedule itself is computed on read from
 * the current interview dates, so moving an interview re-plans at once.
 */
@Entity('study_plans')
@Index(['applicationId'], { unique: true })
@Index(['userId', 'createdAt'])
export class StudyPlan extends TimestampedOwnedRecord {
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Column({ name: 'hours_per_week', type: 'double precision' })
  hoursPerWeek: number;

  /** Units an hour the user says they manage; their log overrides a unit once it has timed sessions. */
  @Column({ name: 'stated_pace', type: 'jsonb', default: () => "'{}'" })
  statedPace: StudyPaces;
}
