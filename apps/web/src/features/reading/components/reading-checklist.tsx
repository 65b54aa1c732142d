import { useId } from 'react';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { bibtexUrl, useChecklist, type ChecklistTarget, type InterviewChecklist } from '../api/reading';
import { ChecklistItemRow } from './checklist-item';
import { ChecklistSettingsForm } from './checklist-settings';
import './reading.css';

/**
 * The ranked works to read before meeting a person, or before an interview (the union of its
 * interviewers' checklists): each with its status, notes and questions edited in place, how much is
 * read, the ranking's settings and the BibTeX of the list. Give `personId` or `interviewId`. Renders
 * nothing when the person or interview does not exist (the page around it says so).
 */
export function ReadingChecklist(props: ChecklistTarget & { title?: string }) {
  const target: ChecklistTarget = props.interviewId ? { interviewId: props.interviewId } : { personId: props.personId! };
  const checklist = useChecklist(target);
  const headingId = useId();
  const data = checklist.data;
  const union = data && 'interviewers' in data ? (data as InterviewChecklist) : undefined;
  // No such person or interview: the page it is composed into says so.
  if (asApiError(checklist.error)?.status === 404) return null;
  return (
    <section className="card stack reading" aria-labelledby={headingId}>
      <div className="reading-head">
        <h2 id={headingId}>{props.title ?? (target.interviewId !== undefined ? 'Reading checklist for this interview' : 'Reading checklist')}</h2>
        <a className="small" href={bibtexUrl(target)} download>
          Download BibTeX
        </a>
      </div>
      {checklist.isPending ? (
        <Loading />
      ) : checklist.isError ? (
        <ErrorMessage error={checklist.error} retry={() => void checklist.refetch()} />
      ) : (
        <>
          <Coverage read={data!.coverage.read} total={data!.coverage.total} />
          {union && data!.perInterviewer.length > 0 && (
            <ul className="list small" aria-label="Coverage per interviewer">
              {data!.perInterviewer.map((p) => (
                <li key={p.id} className="row">
                  <span>{p.fullName}</span>
                  <span className="muted">
                    {p.worksTotal === 0 ? 'no works known: link and sync their identities' : `${p.read} of ${p.total} read (from ${p.worksTotal} works)`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {data!.context && data!.context.terms.length > 0 && <p className="muted small">Relevance measured against the application: {data!.context.terms.map((t) => t.term).join(', ')}.</p>}
          {data!.items.length === 0 ? (
            <Empty>{union ? 'Nothing to read yet: the interviewers have no known works.' : 'Nothing to read yet: their works appear here once their identities are synced.'}</Empty>
          ) : (
            <ol className="checklist" aria-label="Works to read">
              {data!.items.map((item, index) => (
                <ChecklistItemRow key={item.work.id} item={item} rank={index + 1} showInterviewers={Boolean(union)} />
              ))}
            </ol>
          )}
          <ChecklistSettingsForm target={target} settings={data!.settings} perInterviewer={Boolean(union)} />
        </>
      )}
    </section>
  );
}

function Coverage({ read, total }: { read: number; total: number }) {
  const share = total === 0 ? 0 : Math.round((read / total) * 100);
  return (
    <div className="coverage">
      <p>
        <strong>
          {read} of {total} read
        </strong>{' '}
        <span className="muted">({share}%)</span>
      </p>
      <progress max={Math.max(total, 1)} value={read} aria-label="Reading coverage">
        {share}%
      </progress>
    </div>
  );
}
