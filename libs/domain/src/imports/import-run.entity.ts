import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { OwnedRecord } from '../accounts/owned-record.entity';

export const IMPORT_FORMATS = ['linkedin-csv', 'vcard', 'dossier-json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ImportReport {
  created: number;
  updated: number;
  skipped: number;
  /** `personId`: the person the row matched (already up to date), so that erasing them can rewrite the row. */
  skips: { line?: number; item?: string; reason: string; personId?: string }[];
  /** Rows imported with something left out (an invalid link or email); `personId`: the person it made or updated. */
  warnings: { line: number; problem: string; personId?: string }[];
}

/** One import of a file into a user's account; large ones run as a BullMQ job and report progress here. */
@Entity('import_runs')
@Index(['userId', 'createdAt'])
export class ImportRun extends OwnedRecord {
  @Column({ type: 'text' })
  format: ImportFormat;

  @Column({ type: 'text' })
  status: ImportStatus;

  @Column({ name: 'total_items', type: 'integer', default: 0 })
  totalItems: number;

  @Column({ name: 'processed_items', type: 'integer', default: 0 })
  processedItems: number;

  /** The uploaded file, kept until the job has run so that job data holds only this row's id. */
  @Column({ type: 'text', nullable: true })
  payload: string | null;

  @Column({ type: 'jsonb', nullable: true })
  report: ImportReport | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
