import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import { useSetFollowUp, type PersonDetail } from '../api/people';

/**
 * The next time to reach out and the keep-in-touch cadence (PUT /people/:id/follow-up). A cadence
 * alone sets the next date that far past the last interaction; logging one moves it on.
 */
export function FollowUpSection({ person }: { person: PersonDetail }) {
  const setFollowUp = useSetFollowUp(person.id);
  const [date, setDate] = useState(person.nextFollowUpAt ?? '');
  const [cadence, setCadence] = useState(person.followUpCadenceDays ? String(person.followUpCadenceDays) : '');
  const [message, setMessage] = useState('');
  // A new date from elsewhere (a referral given suggests a thank-you) refills the form.
  const current = `${person.nextFollowUpAt}:${person.followUpCadenceDays}`;
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setDate(person.nextFollowUpAt ?? '');
    setCadence(person.followUpCadenceDays ? String(person.followUpCadenceDays) : '');
  }
  const error = asApiError(setFollowUp.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    const days = cadence.trim() ? Number(cadence) : null;
    setFollowUp.mutate(
      // A cadence given without a date lets the API count the date from the last interaction.
      { cadenceDays: days, ...(date || days === null ? { nextFollowUpAt: date || null } : {}) },
      {
        onSuccess: (p) => {
          setDate(p.nextFollowUpAt ?? '');
          setCadence(p.followUpCadenceDays ? String(p.followUpCadenceDays) : '');
          setMessage('Follow-up saved.');
        },
      },
    );
  };
  const clear = () => {
    setMessage('');
    setFollowUp.mutate(
      { nextFollowUpAt: null, cadenceDays: null },
      {
        onSuccess: () => {
          setDate('');
          setCadence('');
          setMessage('Follow-up cleared.');
        },
      },
    );
  };
  const fieldProblem = error?.fieldProblem('nextFollowUpAt') ?? error?.fieldProblem('cadenceDays');
  return (
    <section className="card" aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">Follow-up</h2>
      <p data-testid="follow-up-now">
        {person.nextFollowUpAt ? (
          <>
            Next: <strong>{formatDate(person.nextFollowUpAt)}</strong>
            {person.followUpCadenceDays ? `, then every ${person.followUpCadenceDays} days` : ''}
            {person.nextFollowUpReason ? ` (${person.nextFollowUpReason})` : ''}
          </>
        ) : person.followUpCadenceDays ? (
          `Every ${person.followUpCadenceDays} days, no date set`
        ) : (
          'No follow-up set.'
        )}
      </p>
      <form className="inline-form" onSubmit={submit} noValidate aria-label="Set the follow-up">
        <Field label="Next follow-up" type="date" value={date} onChange={(e) => { setDate(e.target.value); setMessage(''); }} error={error?.fieldProblem('nextFollowUpAt')} />
        <Field label="Every (days)" type="number" min={1} max={3650} inputMode="numeric" hint="Keep in touch this often; empty for no cadence" value={cadence} onChange={(e) => { setCadence(e.target.value); setMessage(''); }} error={error?.fieldProblem('cadenceDays')} />
        <div className="row-end people-actions">
          <button type="submit" disabled={setFollowUp.isPending}>
            Save follow-up
          </button>
          <button type="button" className="secondary" disabled={setFollowUp.isPending || (!person.nextFollowUpAt && !person.followUpCadenceDays)} onClick={clear}>
            Clear
          </button>
        </div>
      </form>
      {error && !fieldProblem && <ErrorMessage error={error} />}
      {message && !setFollowUp.isPending && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
