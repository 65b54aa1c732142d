import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Work } from './work.entity';

/**
 * Another folded title a work's records carry besides its canonical `title_key` (a preprint and its
 * publication may be titled apart), so a record matched by title finds the work whichever
 * version's title it has. Most works have one title and no row here, which keeps the ingest's
 * writes where they were.
 */
@Entity('work_titles')
@Index(['titleKey'])
export class WorkTitle {
  @PrimaryColumn({ name: 'work_id', type: 'uuid' })
  workId: string;

  @ManyToOne(() => Work, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_id' })
  work?: Relation<Work>;

  @PrimaryColumn({ name: 'title_key', type: 'text' })
  titleKey: string;
}
