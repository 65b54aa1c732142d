import { Link } from 'react-router';
import { ReadinessSummary } from '@/components/readiness';
import { QueryStates } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { type Readiness, useUpcomingReadiness } from '../api/readiness';
import './study.css';

/**
 * How ready the user is for each interview ahead (of one application, or all): one figure, and the
 * parts it is made of with their counts, shares and the next step, so the figure can be trusted.
 */
export function ReadinessSection({ applicationId }: { applicationId?: string }) {
  const readiness = useUpcomingReadiness();
  return (
    <section className="card" aria-labelledby="readiness-heading">
      <h2 id="readiness-heading">Readiness</h2>
      <QueryStates
        query={readiness}
        isEmpty={(r) => r.items.every((i) => applicationId !== undefined && i.application.id !== applicationId)}
        empty="No interview ahead: schedule one and its readiness shows here."
      >
        {(r) => (
          <ul className="list" aria-label="Readiness per interview">
            {r.items
              .filter((i) => applicationId === undefined || i.application.id === applicationId)
              .map((i) => (
                <ReadinessRow key={i.interviewId} readiness={i} />
              ))}
          </ul>
        )}
      </QueryStates>
    </section>
  );
}

function ReadinessRow({ readiness: r }: { readiness: Readiness }) {
  const label = `${r.stage.name} at ${r.application.organization.name}`;
  return (
    <li className="row" aria-label={label}>
      <div>
        <p>
          <Link to={`/interviews/${r.interviewId}`}>{label}</Link> <span className="muted small">· {formatDateTime(r.startsAt)}</span>
        </p>
        <ReadinessSummary readiness={r} compact />
      </div>
    </li>
  );
}
