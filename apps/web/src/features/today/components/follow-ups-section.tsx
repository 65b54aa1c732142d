import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field, SubmitAndCancel } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import { useDueFollowUps, useMarkFollowUpDone, useSnoozeFollowUp } from '../api/today';
import { addDays, DoneButton, Due, TodayListSection, TodayRow } from './today-section';

/** People to write to today: mark it done (logged on their timeline) or snooze it to another day. */
export function FollowUpsSection() {
  const query = useDueFollowUps();
  const done = useMarkFollowUpDone();
  const [snoozing, setSnoozing] = useState<string | undefined>();
  return (
    <TodayListSection
      title="Follow-ups due"
      query={query}
      items={(d) => d.items}
      empty="No follow-up is due. People with a cadence show up here when it is time to write."
      footer={done.isError && <ErrorMessage error={done.error} />}
    >
      {(item) => (
        <TodayRow
          key={item.person.id}
          title={<Link to={`/people/${item.person.id}`}>{item.person.fullName}</Link>}
          meta={
            <>
              <Due days={item.daysOverdue} />
              {item.reason ?? (item.lastInteractionAt ? `last in touch ${formatDate(item.lastInteractionAt)}` : 'no interaction yet')}
            </>
          }
          below={snoozing === item.person.id && query.data && <SnoozeForm personId={item.person.id} name={item.person.fullName} today={query.data.today} onClose={() => setSnoozing(undefined)} />}
        >
          <button type="button" className="secondary" aria-expanded={snoozing === item.person.id} onClick={() => setSnoozing(snoozing === item.person.id ? undefined : item.person.id)} aria-label={`Snooze the follow-up with ${item.person.fullName}`}>
            Snooze
          </button>
          <DoneButton primary label={`Mark the follow-up with ${item.person.fullName} done`} busy={done.isPending && done.variables === item.person.id} onClick={() => done.mutate(item.person.id)} />
        </TodayRow>
      )}
    </TodayListSection>
  );
}

/** Tomorrow, next week, or a chosen day after today (today as the API counts it, in the user's zone). */
function SnoozeForm({ personId, name, today, onClose }: { personId: string; name: string; today: string; onClose: () => void }) {
  const snooze = useSnoozeFollowUp();
  const [until, setUntil] = useState(addDays(today, 3));
  const error = asApiError(snooze.error);
  const go = (day: string) => snooze.mutate({ personId, until: day }, { onSuccess: onClose });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    go(until);
  };
  return (
    <form className="today-snooze" onSubmit={submit} aria-label={`Snooze the follow-up with ${name}`}>
      <button type="button" className="secondary" disabled={snooze.isPending} onClick={() => go(addDays(today, 1))}>
        Tomorrow
      </button>
      <button type="button" className="secondary" disabled={snooze.isPending} onClick={() => go(addDays(today, 7))}>
        Next week
      </button>
      <Field label="Or until" type="date" min={addDays(today, 1)} required value={until} onChange={(e) => setUntil(e.target.value)} error={error?.fieldProblem('until')} />
      <SubmitAndCancel label="Snooze" pendingLabel="Snoozing…" pending={snooze.isPending} onCancel={onClose} />
      {error && !error.fieldProblem('until') && <ErrorMessage error={error} />}
    </form>
  );
}
