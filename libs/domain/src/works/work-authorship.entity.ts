import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { ScholarlySource } from '../scholarly/index';
import { WorkRecord } from './work-record.entity';

/**
 * One author position on one source record. A person's works are the works whose records list one
 * of the person's linked identities (source + source author id) as an author.
 */
@Entity('work_authorships')
// Only authorships with an author id, or with an iD: many have none, and lookups are by equality.
@Index(['source', 'sourceAuthorId'], { where: 'source_author_id IS NOT NULL' })
@Index(['orcid'], { where: 'orcid IS NOT NULL' })
export class WorkAuthorship {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @ManyToOne(() => WorkRecord, (record) => record.authorships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: Relation<WorkRecord>;

  /** 1-based, in the source's order. */
  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ name: 'work_id', type: 'uuid' })
  workId: string;

  @Column({ type: 'text' })
  source: ScholarlySource;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'source_author_id', type: 'text', nullable: true })
  sourceAuthorId: string | null;

  @Column({ type: 'text', nullable: true })
  orcid: string | null;

  /** How many authors the record lists: with `position`, tells first and last authors apart. */
  @Column({ name: 'author_count', type: 'integer' })
  authorCount: number;
}
