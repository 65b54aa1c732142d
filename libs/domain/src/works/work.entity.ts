import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import type { WorkType } from '../scholarly/index';
import { WorkRecord } from './work-record.entity';

/**
 * One publication, the same for every user (publications are public data, cached once): the
 * canonical work that every source's record of it, and every version of it, points to.
 * Its fields are merged from those records; `work_records` keeps each source's own.
 */
@Entity('works')
@Index(['titleKey', 'year'])
export class Work {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  /** The title folded for matching: case, accents, punctuation and LaTeX removed. */
  @Column({ name: 'title_key', type: 'text' })
  titleKey: string;

  @Column({ type: 'integer', nullable: true })
  year: number | null;

  @Column({ name: 'publication_date', type: 'text', nullable: true })
  publicationDate: string | null;

  @Column({ type: 'text', nullable: true })
  venue: string | null;

  @Column({ type: 'text' })
  type: WorkType;

  @Index({ unique: true, where: 'doi IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  doi: string | null;

  /** The preprint's arXiv id (v1 and v2 are one work). */
  @Index({ unique: true, where: 'arxiv_id IS NOT NULL' })
  @Column({ name: 'arxiv_id', type: 'text', nullable: true })
  arxivId: string | null;

  /**
   * The title's key with a leading name ("Toolname: …") or a trailing subtitle dropped, when it has
   * either: how a preprint finds its publication under a renamed title (see work-matching.ts).
   */
  @Index({ where: 'title_core_key IS NOT NULL' })
  @Column({ name: 'title_core_key', type: 'text', nullable: true })
  titleCoreKey: string | null;

  /** The first author's surname, folded: with title and year, how works without ids match. */
  @Column({ name: 'first_author_key', type: 'text', nullable: true })
  firstAuthorKey: string | null;

  /** The highest count any source reports. */
  @Column({ name: 'citation_count', type: 'integer', nullable: true })
  citationCount: number | null;

  @Column({ type: 'text', nullable: true })
  abstract: string | null;

  @Column({ name: 'open_access_url', type: 'text', nullable: true })
  openAccessUrl: string | null;

  @Column({ name: 'pdf_url', type: 'text', nullable: true })
  pdfUrl: string | null;

  @OneToMany(() => WorkRecord, (record) => record.work)
  records?: Relation<WorkRecord>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
