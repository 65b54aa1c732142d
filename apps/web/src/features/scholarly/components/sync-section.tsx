import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage, Loading, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useIdentities, useRefreshAfterSync, useSetSyncSchedule, useStartSync, useSyncRuns, useSyncSchedule, type SyncRun } from '../api/scholarly';
import { RUN_STATUS, sourceName } from './labels';

/**
 * Sync the person's publications now and follow the runs (one per linked identity) until they end;
 * `onSynced` is called when a run has ended, so what is built on the works is read again.
 */
export function SyncSection({ personId, onSynced }: { personId: string; onSynced?: () => void }) {
  const identities = useIdentities(personId);
  const runs = useSyncRuns(personId);
  const start = useStartSync(personId);
  const refresh = useRefreshAfterSync(personId);
  const linked = identities.data?.items.filter((i) => i.status === 'linked').length ?? 0;
  const running = runs.data?.items.filter((r) => r.status === 'running').length ?? 0;

  // When a run ends (it appears finished, whether it was seen running or not), the works and the identities' state have changed.
  const finished = runs.data?.items.filter((r) => r.status !== 'running').map((r) => r.id).join(',');
  const seenFinished = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (finished === undefined) return;
    if (seenFinished.current !== undefined && finished !== seenFinished.current) {
      void refresh();
      onSynced?.();
    }
    seenFinished.current = finished;
  }, [finished, refresh, onSynced]);

  return (
    <section className="card stack scholarly" aria-labelledby="sync-heading">
      <h2 id="sync-heading">Publication sync</h2>
      <div className="actions">
        <button type="button" disabled={start.isPending || running > 0 || linked === 0} onClick={() => start.mutate()}>
          {start.isPending ? 'Starting…' : running > 0 ? 'Syncing…' : 'Sync now'}
        </button>
        {identities.isSuccess && linked === 0 && <p className="muted small">Link an identity first: a sync reads the works of the linked identities.</p>}
      </div>
      {start.error && <ErrorMessage error={start.error} />}
      <QueryStates query={runs} isEmpty={(data) => data.items.length === 0} empty="Never synced.">
        {(data) => (
          <ul className="list" aria-label="Sync runs">
            {data.items.map((run) => (
              <RunRow key={run.id} run={run} />
            ))}
          </ul>
        )}
      </QueryStates>
      <ScheduleForm personId={personId} />
    </section>
  );
}

/** What a run met, plainly: a source that is busy is waited for; an identity the source refused needs the user. */
function problemOf(run: SyncRun): string | undefined {
  if (run.status === 'broken') return 'The source no longer knows this identity: check it under Scholarly identities.';
  if (run.status === 'failed') return 'The source kept failing; the next sync tries again.';
  if (run.status === 'running' && run.errors.some((e) => /rate|busy|429|too many/i.test(e))) return 'The source is busy (rate-limited): the sync waits and carries on by itself.';
  return undefined;
}

function RunRow({ run }: { run: SyncRun }) {
  const problem = problemOf(run);
  const counts = `${run.worksNew} new, ${run.worksUpdated} updated, ${run.worksUnchanged} unchanged`;
  return (
    <li className="row">
      <div>
        <p>
          <span className="tag">{sourceName(run.source)}</span> <strong className={`run-${run.status}`}>{RUN_STATUS[run.status]}</strong>
          <span className="muted small"> · {run.trigger === 'manual' ? 'synced by you' : 'on schedule'}</span>
        </p>
        <p className="muted small">
          {run.status === 'running' ? `Started ${formatDateTime(run.startedAt)} · ${run.requests} requests so far` : `${formatDateTime(run.finishedAt ?? run.startedAt)} · works: ${counts} · ${run.requests} requests`}
        </p>
        {problem && <p className="field-error">{problem}</p>}
        {run.errors.length > 0 && (
          <details className="small">
            <summary>{run.errors.length === 1 ? 'One problem along the way' : `${run.errors.length} problems along the way`}</summary>
            <ul>
              {run.errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </li>
  );
}

function ScheduleForm({ personId }: { personId: string }) {
  const schedule = useSyncSchedule(personId);
  const save = useSetSyncSchedule(personId);
  const [hours, setHours] = useState<string | undefined>(undefined);
  if (schedule.isPending) return <Loading />;
  if (schedule.isError) return <ErrorMessage error={schedule.error} retry={() => void schedule.refetch()} />;
  const s = schedule.data;
  const value = hours ?? (s.everyHours == null ? '' : String(s.everyHours));
  const error = asApiError(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(value.trim() === '' ? null : Number(value), { onSuccess: () => setHours(undefined) });
  };
  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label="Sync schedule">
      <Field
        label="Sync every (hours)"
        type="number"
        inputMode="numeric"
        min={1}
        value={value}
        placeholder={s.defaultEveryHours == null ? 'your default: paused' : `your default: ${s.defaultEveryHours}`}
        onChange={(e) => setHours(e.target.value)}
        hint={
          s.effectiveEveryHours == null
            ? 'Not synced on schedule: your default is paused (Settings); give hours to sync this person anyway.'
            : `Now every ${s.effectiveEveryHours} hours${s.everyHours == null ? ' (your default)' : ''}; leave empty for your default.`
        }
        error={error?.fieldProblem('everyHours')}
      />
      <div className="actions">
        <button type="submit" className="secondary" disabled={save.isPending}>
          Save schedule
        </button>
        {save.isSuccess && hours === undefined && (
          <p role="status" className="small">
            Schedule saved.
          </p>
        )}
      </div>
      {error && !error.fieldProblem('everyHours') && <ErrorMessage error={error} />}
    </form>
  );
}
