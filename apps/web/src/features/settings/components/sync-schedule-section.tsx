import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';
import { useAccountSyncSchedule, useSetAccountSyncSchedule } from '../api/settings';

type AccountSyncSchedule = components['schemas']['AccountSyncScheduleResponse'];
type AccountSyncMode = components['schemas']['AccountSyncMode'];

const hours = (n: number) => (n === 1 ? '1 hour' : `${n} hours`);

/** What is in force, and where it comes from. */
function inForce(s: AccountSyncSchedule): string {
  if (s.paused) return 'Paused: your people are not synced on schedule, except those with a schedule of their own.';
  if (s.source === 'server') return `Every ${hours(s.everyHours ?? s.serverEveryHours)}: the server's default.`;
  return `Every ${hours(s.everyHours ?? s.serverEveryHours)}: your setting.`;
}

const SAVED: Record<AccountSyncMode, string> = { every: 'Schedule saved.', paused: 'Scheduled sync paused.', server: "Back to the server's default." };

/**
 * The account's default publication-sync cadence (GET/PUT /me/sync-schedule) for its people
 * without a schedule of their own: every N hours, paused, or the server's default.
 */
export function SyncScheduleSection() {
  const schedule = useAccountSyncSchedule();
  return (
    <section className="card" aria-labelledby="sync-schedule-heading">
      <h2 id="sync-schedule-heading">Publication sync</h2>
      <p className="muted small">How often the works of your people with linked scholarly identities are fetched again. A schedule set on a person's page wins over this one.</p>
      {schedule.isPending ? <Loading /> : schedule.isError ? <ErrorMessage error={schedule.error} retry={() => void schedule.refetch()} /> : <SyncScheduleForm schedule={schedule.data} />}
    </section>
  );
}

function SyncScheduleForm({ schedule }: { schedule: AccountSyncSchedule }) {
  const save = useSetAccountSyncSchedule();
  const [value, setValue] = useState(schedule.source === 'account' && schedule.everyHours !== null ? String(schedule.everyHours) : '');
  const [saved, setSaved] = useState<AccountSyncMode | undefined>();
  const error = asApiError(save.error);
  const send = (body: components['schemas']['SetAccountSyncScheduleDto']) => {
    setSaved(undefined);
    save.mutate(body, {
      onSuccess: (s) => {
        setSaved(body.mode);
        setValue(s.source === 'account' && s.everyHours !== null ? String(s.everyHours) : '');
      },
    });
  };
  // What was typed goes as typed: the API's rule (a whole number from 1 to 8760) answers under the field.
  const submit = (e: FormEvent) => {
    e.preventDefault();
    send(value.trim() === '' ? { mode: 'every' } : { mode: 'every', everyHours: Number(value) });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Default sync schedule">
      <p data-testid="sync-schedule-status">
        <strong>Now:</strong> {inForce(schedule)}
      </p>
      <Field
        label="Sync every (hours)"
        type="number"
        inputMode="numeric"
        min={1}
        max={8760}
        step={1}
        value={value}
        placeholder={`server's default: ${schedule.serverEveryHours}`}
        onChange={(e) => setValue(e.target.value)}
        hint={`A whole number of hours, from 1 to 8760. The server's default is every ${hours(schedule.serverEveryHours)}.`}
        error={error?.fieldProblem('everyHours')}
      />
      {error && !error.fieldProblem('everyHours') && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save schedule
        </button>
        {!schedule.paused && (
          <button type="button" className="secondary" disabled={save.isPending} onClick={() => send({ mode: 'paused' })}>
            Pause scheduled sync
          </button>
        )}
        {schedule.source === 'account' && (
          <button type="button" className="secondary" disabled={save.isPending} onClick={() => send({ mode: 'server' })}>
            Use the server's default
          </button>
        )}
      </div>
      <p role="status" className="small">
        {saved ? SAVED[saved] : ''}
      </p>
    </form>
  );
}
