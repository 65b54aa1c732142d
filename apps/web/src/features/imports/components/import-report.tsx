import { useEffect, useRef, useState } from 'react';
import { Pager } from '@/components/pager';
import { ErrorMessage, Loading } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { useImportRun, type ImportRun } from '../api/imports';
import { FORMAT_LABELS, STATUS_LABELS } from './labels';

const ROWS_PER_PAGE = 20;

/** One import: its progress while the worker runs it, then what was created, updated and skipped, row by row. */
export function ImportReport({ id, onClose }: { id: string; onClose: () => void }) {
  const run = useImportRun(id);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from an upload or the list: keyboard and screen-reader users land on the report.
  useEffect(() => heading.current?.focus(), [id]);
  return (
    <section className="card" aria-labelledby="report-heading">
      <div className="imports-title">
        <h2 id="report-heading" ref={heading} tabIndex={-1}>
          Import report
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          Close the report
        </button>
      </div>
      {run.isPending ? <Loading /> : run.isError ? <ErrorMessage error={run.error} retry={() => void run.refetch()} /> : <RunView run={run.data} />}
    </section>
  );
}

function RunView({ run }: { run: ImportRun }) {
  const report = run.report;
  return (
    <div className="stack">
      <p>
        <strong>{FORMAT_LABELS[run.format]}</strong> <span className={`tag imports-status-${run.status}`}>{STATUS_LABELS[run.status]}</span>{' '}
        <span className="muted small">
          started {formatDateTime(run.createdAt)}
          {run.finishedAt && ` · finished ${formatDateTime(run.finishedAt)}`}
        </span>
      </p>
      {(run.status === 'queued' || run.status === 'running') && <Progress run={run} />}
      {run.status === 'failed' && (
        <div className="error" role="alert">
          <p>The import stopped: {run.error ?? 'no reason was given'}.</p>
          <p className="small">Nothing after the rows counted below was imported; fix the file and upload it again (people already imported are matched, not doubled).</p>
        </div>
      )}
      {report && (
        <>
          <dl className="facts imports-counts" aria-label="Totals">
            <dt>Created</dt>
            <dd>{report.created}</dd>
            <dt>Updated</dt>
            <dd>{report.updated}</dd>
            <dt>Skipped</dt>
            <dd>{report.skipped}</dd>
            <dt>Imported with a warning</dt>
            <dd>{report.warnings.length}</dd>
          </dl>
          <RowList
            title="Skipped rows"
            empty="No row was skipped."
            rows={report.skips.map((s) => ({ where: s.line !== undefined ? `Line ${s.line}` : (s.item ?? 'Item'), what: s.reason }))}
          />
          {report.warnings.length > 0 && <RowList title="Warnings" empty="" rows={report.warnings.map((w) => ({ where: `Line ${w.line}`, what: w.problem }))} />}
        </>
      )}
    </div>
  );
}

function Progress({ run }: { run: ImportRun }) {
  const { processed, total, percent } = run.progress;
  return (
    <div className="stack imports-progress">
      <progress max={total || 1} value={processed} aria-label="Import progress" aria-valuetext={`${percent}%`} />
      <p className="muted small" aria-live="polite">
        {run.status === 'queued' ? `Waiting for its turn: ${total.toLocaleString()} rows to import.` : `${processed.toLocaleString()} of ${total.toLocaleString()} rows (${percent}%).`} This page follows it;
        you may leave and come back.
      </p>
    </div>
  );
}

/** A report's rows, a page at a time (a large file may skip thousands). */
function RowList({ title, empty, rows }: { title: string; empty: string; rows: { where: string; what: string }[] }) {
  const [offset, setOffset] = useState(0);
  const headingId = `imports-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <div>
      <h3 id={headingId} className="imports-subheading">
        {title} {rows.length > 0 && <span className="muted small">({rows.length})</span>}
      </h3>
      {rows.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <>
          <ul className="list" aria-labelledby={headingId}>
            {rows.slice(offset, offset + ROWS_PER_PAGE).map((row, i) => (
              <li key={offset + i} className="row imports-row">
                <div>
                  <strong>{row.where}</strong>: {row.what}
                </div>
              </li>
            ))}
          </ul>
          <Pager total={rows.length} limit={ROWS_PER_PAGE} offset={offset} onOffset={setOffset} />
        </>
      )}
    </div>
  );
}
