import type { ReactNode } from 'react';
import { Empty, ErrorMessage, Loading } from '@/components/status';

/** One card of Today: a region named by its heading, with optional controls beside the heading. */
export function TodaySection({ title, tools, children }: { title: string; tools?: ReactNode; children: ReactNode }) {
  const id = `today-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card today-section" aria-labelledby={id}>
      <div className="today-head">
        <h2 id={id}>{title}</h2>
        {tools}
      </div>
      {children}
    </section>
  );
}

interface ListQuery<T> {
  isPending: boolean;
  error: unknown;
  data?: T;
  refetch: () => unknown;
}

/** A list's loading, error (with retry) and empty states; the list itself once there is something in it. */
export function TodayList<T, I>({ query, items, empty, label, children }: { query: ListQuery<T>; items: (data: T) => I[]; empty: ReactNode; label: string; children: (item: I) => ReactNode }) {
  if (query.error) return <ErrorMessage error={query.error} retry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Loading />;
  const list = items(query.data);
  if (list.length === 0) return <Empty>{empty}</Empty>;
  return (
    <ul className="list" aria-label={label}>
      {list.map(children)}
    </ul>
  );
}

/** One line of a Today list: what it is, a muted line of detail, and its actions at the end. */
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
