import type { ImportRun } from '../api/imports';

export const FORMAT_LABELS: Record<ImportRun['format'], string> = {
  'linkedin-csv': 'LinkedIn connections',
  vcard: 'vCard contacts',
  'dossier-json': 'Dossier export',
};

export const STATUS_LABELS: Record<ImportRun['status'], string> = {
  queued: 'waiting',
  running: 'running',
  completed: 'done',
  failed: 'failed',
};

/** "3 created, 1 updated, 2 skipped", or the progress of one still running. */
export function summary(run: ImportRun): string {
  if (run.status === 'queued' || run.status === 'running') return `${run.progress.percent}% of ${run.progress.total.toLocaleString()} rows`;
  if (!run.report) return run.error ?? '';
  const { created, updated, skipped } = run.report;
  return `${created} created, ${updated} updated, ${skipped} skipped`;
}
