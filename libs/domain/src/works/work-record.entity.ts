import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Relation } from 'typeorm';
import type { NormalizedWork, ScholarlySource } from '../scholarly/index';
import { WorkAuthorship } from './work-authorship.entity';
import { Work } from './work.entity';

/** Provenance: one source's record of a work, as that source last reported it. */
@Entity('work_records')
@Index(['source', 'sourceId'], { unique: true })
@Index(['workId'])
export class WorkRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'work_id', type: 'uuid' })
  workId: string;

  @ManyToOne(() => Work, (work) => work.records, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'work_id' })
  work?: Relation<Work>;

  @Column({ type: 'text' })
  source: ScholarlySource;

  @Column({ name: 'source_id', type: 'text' })
  sourceId: string;

  @Column({ name: 'source_url', type: 'text' })
  sourceUrl: string;

  /** The normalized record as the source gave it, so the canonical work can be rebuilt. */
  @Column({ type: 'jsonb' })
  record: NormalizedWork;

  /** Hash of `record`: a sync that brings the same record again writes nothing. */
  @Column({ name: 'content_hash', type: 'text' })
  contentHash: string;

  @Column({ name: 'citation_count', type: 'integer', nullable: true })
  citationCount: number | null;

  @Column({ name: 'fetched_at', type: 'timestamptz' })
  fetchedAt: Date;

  @OneToMany(() => WorkAuthorship, (a) => a.record)
  authorships?: Relation<WorkAuthorship>[];
}
