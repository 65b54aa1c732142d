import './interviews.css';
import { Link } from 'react-router';
import { Pager } from '@/components/pager';
import { QueryStates } from '@/components/status';
import { useUrlParams } from '@/lib/url-params';
import { PAGE_SIZE, useInterviews, type Interview, type When } from '../api/interviews';
import { FORMAT_LABEL, InterviewWhen, OUTCOME_LABEL } from './interview-when';

/**
 * Interviews, upcoming (soonest first) and past (most recent first), each paged by the server; the
 * pages live in the URL so a reload or a shared link shows the same ones.
 */
export function InterviewsList() {
  const [params, updateUrl] = useUrlParams();
  const update = (key: string, value: string) => updateUrl({ [key]: value });
  const offset = (key: string) => Number(params.get(key) ?? 0) || 0;
  const includeCancelled = params.get('cancelled') === '1';
  return (
    <div className="stack">
      <p>
        <Link className="button-link" to="/interviews/new">
          Schedule an interview
        </Link>
      </p>
      <InterviewsSection
        when="upcoming"
        title="Upcoming"
        offset={offset('upcoming')}
        onOffset={(n) => update('upcoming', n ? String(n) : '')}
        includeCancelled={includeCancelled}
        extra={
          <label className="interviews-check small">
            <input type="checkbox" checked={includeCancelled} onChange={(e) => updateUrl({ cancelled: e.target.checked ? '1' : '', upcoming: '' })} />
            Show cancelled
          </label>
        }
        empty="No interview ahead. Schedule one from here or from an application."
      />
      <InterviewsSection when="past" title="Past" offset={offset('past')} onOffset={(n) => update('past', n ? String(n) : '')} empty="No past interview yet." />
    </div>
  );
}

function InterviewsSection({ when, title, offset, onOffset, includeCancelled = false, extra, empty }: { when: When; title: string; offset: number; onOffset: (n: number) => void; includeCancelled?: boolean; extra?: React.ReactNode; empty: string }) {
  const interviews = useInterviews(when, offset, includeCancelled);
  const headingId = `interviews-${when}-heading`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="interviews-heading">
        <h2 id={headingId}>{title}</h2>
        {extra}
      </div>
      <QueryStates query={interviews} isEmpty={(data) => data.items.length === 0} empty={offset > 0 ? 'Nothing on this page.' : empty}>
        {(data) => (
          <>
            <ul className="list" aria-label={`${title} interviews`}>
              {data.items.map((interview) => (
                <InterviewRow key={interview.id} interview={interview} />
              ))}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={onOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function InterviewRow({ interview: i }: { interview: Interview }) {
  return (
    <li className="row interviews-row">
      <div>
        <Link to={`/interviews/${i.id}`}>
          {i.stage.name} · {i.application.organization.name}
        </Link>
        <p className="small">
          <InterviewWhen startsAt={i.startsAt} timeZone={i.timeZone} durationMinutes={i.durationMinutes} />
        </p>
        <p className="muted small">{[i.application.role, i.application.organization.name, i.application.team?.name].filter(Boolean).join(' · ')}</p>
        <p className="small">{i.interviewers.length > 0 ? `With ${i.interviewers.map((p) => p.fullName).join(', ')}` : <span className="muted">No interviewer named yet</span>}</p>
      </div>
      <div className="row-end">
        <span className="tag">{FORMAT_LABEL[i.format] ?? i.format}</span>
        {i.outcome !== 'pending' && <span className={`tag outcome-${i.outcome}`}>{OUTCOME_LABEL[i.outcome] ?? i.outcome}</span>}
      </div>
    </li>
  );
}
