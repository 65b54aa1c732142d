import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import { ApplicationStage } from '../applications/application-stage.entity';
import { StudyPlan } from './study-plan.entity';
import { StudyResource } from './study-resource.entity';

/** One resource picked for one stage of a plan's application; a resource serves one stage per plan. */
@Entity('study_plan_items')
@Index(['planId', 'resourceId'], { unique: true })
@Index(['resourceId'])
export class StudyPlanItem extends OwnedRecord {
  @Column({ name: 'plan_id', type: 'uuid' })
  planId: string;

  @ManyToOne(() => StudyPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan?: Relation<StudyPlan>;

  @Column({ name: 'stage_id', type: 'uuid' })
  stageId: string;

  @ManyToOne(() => ApplicationStage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'stage_id' })
  stage?: Relation<ApplicationStage>;

  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @ManyToOne(() => StudyResource, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id' })
  resource?: Relation<StudyResource>;

  /** Order within its stage: what to study first. */
  @Column({ type: 'integer', default: 0 })
  position: number;
}
