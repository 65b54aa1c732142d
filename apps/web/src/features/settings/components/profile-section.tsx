import { useState, type FormEvent } from 'react';
import { Field, FieldControl } from '@/components/field';
import { ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { timeZones } from '@/lib/time-zones';
import { useProfile, useUpdateProfile } from '../api/settings';

/** Display name and time zone (GET/PATCH /me): every date on the dashboard is shown in this zone. */
export function ProfileSection() {
  const me = useProfile();
  return (
    <section className="card" aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      {me.isPending ? <Loading /> : me.isError ? <ErrorMessage error={me.error} retry={() => void me.refetch()} /> : <ProfileForm key={me.data.id} displayName={me.data.displayName} timeZone={me.data.timeZone} email={me.data.email} />}
    </section>
  );
}

function ProfileForm(initial: { displayName: string; timeZone: string; email: string }) {
  const update = useUpdateProfile();
  const [displayName, setDisplayName] = useState(initial.displayName);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [saved, setSaved] = useState(false);
  const error = asApiError(update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate({ displayName: displayName.trim(), timeZone }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="stack" onSubmit={submit}>
      <p className="muted small">Signed in as {initial.email}</p>
      <Field label="Display name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={error?.fieldProblem('displayName')} autoComplete="name" />
      <FieldControl label="Time zone" hint="Dates and times on the dashboard are shown in this zone." error={error?.fieldProblem('timeZone')}>
        {(props) => (
          <select {...props} value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {timeZones(initial.timeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        )}
      </FieldControl>
      {error && error.details.length === 0 && <ErrorMessage error={error} />}
      <div>
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save profile'}
        </button>
      </div>
      <p role="status" className="small">
        {saved ? 'Profile saved.' : ''}
      </p>
    </form>
  );
}
