import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';
import { StudyResource } from './study-resource.entity';

/** One sitting with a resource: when, how much (in the resource's unit), how long, and notes. */
@Entity('study_sessions')
@Index(['resourceId', 'studiedAt'])
@Index(['userId', 'studiedAt'])
export class StudySession extends OwnedRecord {
  @Column({ name: 'resource_id', type: 'uuid' })
  resourceId: string;

  @ManyToOne(() => StudyResource, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'resource_id' })
  resource?: Relation<StudyResource>;

  @Column({ name: 'studied_at', type: 'timestamptz' })
  studiedAt: Date;

  /** Pages, problems, chapters or minutes done, in the resource's unit. */
  @Column({ type: 'integer' })
  amount: number;

  /** How long it took; sessions with a duration teach the plan the user's pace. */
  @Column({ type: 'integer', nullable: true })
  minutes: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
