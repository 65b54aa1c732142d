import { useState } from 'react';
import { Link } from 'react-router';
import { Pager } from '@/components/pager';
import { QueryStates } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { PAGE_SIZE, useImports } from '../api/imports';
import { FORMAT_LABELS, STATUS_LABELS, summary } from './labels';

/** Every import of this account, newest first, each opening its report. */
export function ImportHistory({ current }: { current?: string }) {
  const [offset, setOffset] = useState(0);
  const imports = useImports(offset);
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">Past imports</h2>
      <QueryStates query={imports} isEmpty={(data) => data.items.length === 0} empty="No import yet: upload a file above.">
        {(data) => (
          <>
            <ul className="list imports-history" aria-label="Your imports">
              {data.items.map((run) => (
                <li key={run.id} className="row" aria-current={run.id === current ? 'true' : undefined}>
                  <div>
                    <p>
                      <strong>{FORMAT_LABELS[run.format]}</strong> <span className={`tag imports-status-${run.status}`}>{STATUS_LABELS[run.status]}</span>
                    </p>
                    <p className="muted small">
                      {formatDateTime(run.createdAt)} · {summary(run)}
                    </p>
                  </div>
                  <div className="row-end">
                    <Link to={`?run=${run.id}`} aria-label={`Report of the ${FORMAT_LABELS[run.format]} import of ${formatDateTime(run.createdAt)}`}>
                      Report
                    </Link>
                  </div>
                </li>
              ))}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}
