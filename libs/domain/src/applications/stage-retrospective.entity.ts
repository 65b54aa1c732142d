import { Column, Entity, Index, JoinColumn, OneToOne, Relation } from 'typeorm';
import { TimestampedOwnedRecord } from '../accounts/owned-record.entity';
import { ApplicationStage } from './application-stage.entity';

/**
 * What the user learned from one stage of one application: what went well, what did not, what to do
 * differently. Briefings of later interviews of the same kind of stage, in any application, show it.
 */
@Entity('stage_retrospectives')
@Index(['userId', 'createdAt'])
export class StageRetrospective extends TimestampedOwnedRecord {
  /** One retrospective per stage. */
  @Column({ name: 'stage_id', type: 'uuid', unique: true })
  stageId: string;

  @OneToOne(() => ApplicationStage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stage_id' })
  stage?: Relation<ApplicationStage>;

  @Column({ name: 'went_well', type: 'text', nullable: true })
  wentWell: string | null;

  @Column({ name: 'went_badly', type: 'text', nullable: true })
  wentBadly: string | null;

  @Column({ name: 'do_differently', type: 'text', nullable: true })
  doDifferently: string | null;
}
