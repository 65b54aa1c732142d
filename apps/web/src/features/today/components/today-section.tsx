import type { ReactNode } from 'react';
import { QueryStates } from '@/components/status';

interface ListQuery<T> {
  isPending: boolean;
  error: unknown;
  data?: T;
  refetch: () => unknown;
}

/**
 * One card of Today: a region named by its heading (controls beside it), the list's loading, error
 * and empty states, then one row per item; `footer` goes under the list (actions, a mutation's error).
 */
export function TodayListSection<T, I>({
  title,
  query,
  items,
  empty,
  tools,
  footer,
  children,
}: {
  title: string;
  query: ListQuery<T>;
  items: (data: T) => I[];
  empty: ReactNode;
  tools?: ReactNode;
  footer?: ReactNode;
  children: (item: I) => ReactNode;
}) {
  const id = `today-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card today-section" aria-labelledby={id}>
      <div className="today-head">
        <h2 id={id}>{title}</h2>
        {tools}
      </div>
      <QueryStates query={query} isEmpty={(data) => items(data).length === 0} empty={empty}>
        {(data) => (
          <ul className="list" aria-label={title}>
            {items(data).map(children)}
          </ul>
        )}
      </QueryStates>
      {footer}
    </section>
  );
}

/** One line of a Today list: what it is, a muted line of detail, its actions at the end, and anything to open under it. */
export function TodayRow({ title, meta, children, below }: { title: ReactNode; meta?: ReactNode; children?: ReactNode; below?: ReactNode }) {
  return (
    <li className="row today-row">
      <div>
        <p>{title}</p>
        {meta && <p className="muted small">{meta}</p>}
      </div>
      {children && <div className="row-end">{children}</div>}
      {below && <div className="today-below">{below}</div>}
    </li>
  );
}

/** A row's Done button: disabled while that item's mutation runs. */
export function DoneButton({ label, busy, onClick, primary }: { label: string; busy: boolean; onClick: () => void; primary?: boolean }) {
  return (
    <button type="button" className={primary ? undefined : 'secondary'} disabled={busy} onClick={onClick} aria-label={label}>
      Done
    </button>
  );
}

/** Overdue is said in words and marked, not only coloured. */
export function Due({ days }: { days: number }) {
  if (days > 0) return <span className="tag today-overdue">{`${days} day${days === 1 ? '' : 's'} overdue`}</span>;
  return <span className="tag">{days === 0 ? 'due today' : `due in ${-days} day${days === -1 ? '' : 's'}`}</span>;
}

/** yyyy-mm-dd plus some days, on the calendar (no time zone involved). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
