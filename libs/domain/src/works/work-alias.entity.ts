import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Work } from './work.entity';

/**
 * The id of a work that was merged into another (a record showed two stored works are one paper).
 * Users may hold the old id in a link or a bookmark: `GET /works/:id` and `/works/:id/reading`
 * follow it to the work that was kept. A merge of the kept work later points its aliases onward,
 * so an alias always names a live work in one step.
 */
@Entity('work_aliases')
export class WorkAlias {
  @PrimaryColumn({ name: 'old_id', type: 'uuid' })
  oldId: string;

  @Index()
  @Column({ name: 'work_id', type: 'uuid' })
  workId: string;

  @ManyToOne(() => Work, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_id' })
  work?: Relation<Work>;

  @CreateDateColumn({ name: 'merged_at', type: 'timestamptz' })
  mergedAt: Date;
}
