import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { WorkRecord } from './work-record.entity';

/**
 * An author query (arXiv's stand-in for an author id, `au:"Lukasz Kaiser"` or `au:kaiser_l`) that
 * matched one author position of a record. Records are shared by every user, and two users may
 * track one author with different queries: each query keeps its own row here, where a single
 * work_authorships.source_author_id could hold only the last sync's.
 */
@Entity('work_author_queries')
@Index(['query'])
export class WorkAuthorQuery {
  @PrimaryColumn({ name: 'record_id', type: 'uuid' })
  recordId: string;

  @ManyToOne(() => WorkRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'record_id' })
  record?: Relation<WorkRecord>;

  /** The matched position in work_authorships (1-based). */
  @PrimaryColumn({ type: 'integer' })
  position: number;

  /** Exactly as the identity stores it (scholarly_identities.source_author_id). */
  @PrimaryColumn({ type: 'text' })
  query: string;
}
