import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { formatDate, formatDateTime, formatInZone } from '@/lib/format';
import type { components } from '@/lib/api/schema';
import { useDueFollowUps, useDueTasks, useLatestBriefing, useMarkFollowUpDone, useMarkTaskDone, useUpcomingInterviews } from '../api/today';

type Interview = components['schemas']['InterviewResponse'];

/** What needs doing today: follow-ups due, tasks due or overdue, interviews coming up. */
export function TodayView() {
  return (
    <div className="today-grid">
      <FollowUps />
      <Tasks />
      <Interviews />
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `today-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function overdue(days: number): string {
  return days > 0 ? `${days} day${days === 1 ? '' : 's'} overdue` : 'due today';
}

function FollowUps() {
  const query = useDueFollowUps();
  const done = useMarkFollowUpDone();
  return (
    <Section title="Follow-ups due">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} retry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>No follow-up is due. People with a cadence show up here when it is time to write.</Empty>
      ) : (
        <ul className="list">
          {query.data.items.map((item) => (
            <li key={item.person.id} className="row">
              <div>
                <Link to={`/people/${item.person.id}`}>{item.person.fullName}</Link>
                <p className="muted small">
                  {overdue(item.daysOverdue)}
                  {item.reason ? ` · ${item.reason}` : ''}
                </p>
              </div>
              <button type="button" className="secondary" disabled={done.isPending && done.variables === item.person.id} onClick={() => done.mutate(item.person.id)} aria-label={`Mark the follow-up with ${item.person.fullName} done`}>
                Done
              </button>
            </li>
          ))}
        </ul>
      )}
      {done.isError && <ErrorMessage error={done.error} />}
    </Section>
  );
}

function Tasks() {
  const query = useDueTasks();
  const done = useMarkTaskDone();
  return (
    <Section title="Tasks due">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} retry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>Nothing due. Prep tasks appear here as interviews come closer.</Empty>
      ) : (
        <ul className="list">
          {query.data.items.map((task) => (
            <li key={task.id} className="row">
              <div>
                <span>{task.title}</span>
                <p className="muted small">
                  {task.dueOn ? `${formatDate(task.dueOn)} · ${overdue(task.daysOverdue)}` : 'no due date'}
                  {task.application ? ` · ${task.application.name}` : ''}
                </p>
              </div>
              <button type="button" className="secondary" disabled={done.isPending && done.variables === task.id} onClick={() => done.mutate(task.id)} aria-label={`Mark “${task.title}” done`}>
                Done
              </button>
            </li>
          ))}
        </ul>
      )}
      {done.isError && <ErrorMessage error={done.error} />}
    </Section>
  );
}

function Interviews() {
  const query = useUpcomingInterviews();
  return (
    <Section title="Upcoming interviews">
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} retry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty>No interview in the next two weeks.</Empty>
      ) : (
        <ul className="list">
          {query.data.items.map((interview) => (
            <InterviewRow key={interview.id} interview={interview} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function InterviewRow({ interview }: { interview: Interview }) {
  const briefing = useLatestBriefing(interview.id);
  const ready = briefing.data?.status === 'ready' ? briefing.data : undefined;
  return (
    <li className="row">
      <div>
        <span>
          {interview.stage.name} · {interview.application.role} at {interview.application.organization.name}
        </span>
        <p className="muted small">
          {formatDateTime(interview.startsAt)}
          {formatInZone(interview.startsAt, interview.timeZone) ? ` (${formatInZone(interview.startsAt, interview.timeZone)})` : ''}
          {interview.interviewers.length > 0 ? ` · with ${interview.interviewers.map((i) => i.fullName).join(', ')}` : ''}
        </p>
      </div>
      {ready ? (
        <a href={`/briefings/${ready.id}/html`} target="_blank" rel="noopener">
          Briefing (v{ready.version})
        </a>
      ) : (
        <span className="muted small">{briefing.isPending ? '' : 'No briefing yet'}</span>
      )}
    </li>
  );
}
