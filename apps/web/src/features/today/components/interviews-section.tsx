import { Link } from 'react-router';
import type { components } from '@/lib/api/schema';
import { formatDateTime, formatInZone } from '@/lib/format';
import { ReadinessSummary } from '@/components/readiness';
import { useLatestBriefing, useReadingCoverage, useReadingGoal, useUpcomingInterviews, useUpcomingReadiness } from '../api/today';
import { TodayListSection, TodayRow } from './today-section';

type Interview = components['schemas']['InterviewResponse'];

/** The next two weeks' interviews, each with its briefing and how much of its reading is done. */
export function InterviewsSection() {
  const query = useUpcomingInterviews();
  return (
    <TodayListSection title="Upcoming interviews" query={query} items={(d) => d.items} empty="No interview in the next two weeks.">
      {(interview) => <InterviewRow key={interview.id} interview={interview} />}
    </TodayListSection>
  );
}

function InterviewRow({ interview }: { interview: Interview }) {
  const briefing = useLatestBriefing(interview.id);
  const ready = briefing.data?.status === 'ready' ? briefing.data : undefined;
  const inZone = formatInZone(interview.startsAt, interview.timeZone);
  return (
    <TodayRow
      title={
        <Link to={`/interviews/${interview.id}`}>
          {interview.stage.name} · {interview.application.role} at {interview.application.organization.name}
        </Link>
      }
      meta={
        <>
          {formatDateTime(interview.startsAt)}
          {inZone ? ` (${inZone})` : ''}
          {interview.interviewers.length > 0 ? ` · with ${interview.interviewers.map((i) => i.fullName).join(', ')}` : ''}
          <br />
          <ReadingCoverage interviewId={interview.id} />
          <InterviewReadiness interviewId={interview.id} />
        </>
      }
    >
      {ready ? (
        <a href={`/briefings/${ready.id}/html`} target="_blank" rel="noopener">
          Briefing (v{ready.version})
        </a>
      ) : (
        <span className="muted small">{briefing.isPending ? '' : briefing.isError ? 'Briefing unavailable' : 'No briefing yet'}</span>
      )}
    </TodayRow>
  );
}

/** The interview's readiness figure, its parts behind a disclosure (one request for all of Today's interviews). */
function InterviewReadiness({ interviewId }: { interviewId: string }) {
  const readiness = useUpcomingReadiness();
  if (readiness.isPending) return null;
  if (readiness.isError) return <span className="small">Readiness: could not be loaded ({readiness.error.message})</span>;
  const r = readiness.data.get(interviewId);
  return r ? <ReadinessSummary readiness={r} compact /> : null;
}

/** "Reading: 2 of 6 read (33%), goal 80%": the interview's checklist against the user's reading goal. */
function ReadingCoverage({ interviewId }: { interviewId: string }) {
  const coverage = useReadingCoverage(interviewId);
  const goal = useReadingGoal();
  if (coverage.isPending) return <span>Reading: …</span>;
  if (coverage.isError) return <span>Reading: could not be loaded ({coverage.error.message})</span>;
  const { read, total } = coverage.data;
  if (total === 0) return <span>Reading: nothing to read yet (no works of the interviewers)</span>;
  const percent = Math.round((read / total) * 100);
  const target = goal.data?.coverageTarget;
  const reached = target !== undefined && percent >= target;
  return (
    <span data-testid="reading-coverage">
      Reading: {read} of {total} read ({percent}%){target !== undefined ? `, goal ${target}%${reached ? ' reached' : ''}` : ''}
    </span>
  );
}
