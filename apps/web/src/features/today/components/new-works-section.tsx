import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { useMarkWorksSeen, useNewWorks, type NewWorksScope } from '../api/today';
import { TodayListSection, TodayRow } from './today-section';

/** What the user's interviewers (or all their people) published since they last marked it seen. */
export function NewWorksSection() {
  const [scope, setScope] = useState<NewWorksScope>('interviewers');
  const query = useNewWorks(scope);
  const seen = useMarkWorksSeen();
  const data = query.data;
  return (
    <TodayListSection
      title="New works"
      tools={
        <select aria-label="Whose new works" value={scope} onChange={(e) => setScope(e.target.value === 'all' ? 'all' : 'interviewers')}>
          <option value="interviewers">My interviewers</option>
          <option value="all">All my people</option>
        </select>
      }
      query={query}
      items={(d) => d.items}
      empty={scope === 'interviewers' ? 'Nothing new from the people you are interviewing with.' : 'Nothing new from your people since you last looked.'}
      footer={
        data && (
          <>
            <p className="muted small">
              Since {formatDateTime(data.since)}
              {data.total > data.items.length ? ` · newest ${data.items.length} of ${data.total}` : ''}
            </p>
            {data.total > 0 && (
              <div className="row-end">
                <button type="button" className="secondary" disabled={seen.isPending} onClick={() => seen.mutate(data.asOf)}>
                  {seen.isPending ? 'Marking…' : 'Mark as seen'}
                </button>
              </div>
            )}
            {seen.isError && <ErrorMessage error={seen.error} />}
          </>
        )
      }
    >
      {(work) => (
        <TodayRow
          key={work.id}
          title={work.links.doi || work.links.arxiv ? <a href={(work.links.doi ?? work.links.arxiv)!} rel="noopener noreferrer">{work.title}</a> : work.title}
          meta={
            <>
              by{' '}
              {work.people.map((p, i) => (
                <span key={p.id}>
                  {i > 0 ? ', ' : ''}
                  <Link to={`/people/${p.id}`}>{p.fullName}</Link>
                </span>
              ))}
              {[work.venue, work.year].filter(Boolean).length > 0 ? ` · ${[work.venue, work.year].filter(Boolean).join(' ')}` : ''} · arrived {formatDateTime(work.arrivedAt)}
            </>
          }
        />
      )}
    </TodayListSection>
  );
}
