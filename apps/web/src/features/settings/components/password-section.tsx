import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useChangePassword } from '../api/settings';

/** A new password (POST /me/password): every other sign-in session ends; this browser stays signed in. */
export function PasswordSection() {
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [done, setDone] = useState(false);
  const error = asApiError(change.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          setDone(true);
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p className="muted small">Changing it signs you out everywhere else: your other sessions end. Personal access tokens keep working.</p>
      <form className="stack" onSubmit={submit}>
        <Field label="Current password" type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} error={error?.fieldProblem('currentPassword')} />
        <Field label="New password" type="password" autoComplete="new-password" required value={newPassword} onChange={(e) => setNew(e.target.value)} error={error?.fieldProblem('newPassword')} hint="At least 10 characters." />
        {error && error.details.length === 0 && <ErrorMessage error={error} />}
        <div>
          <button type="submit" disabled={change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
        </div>
        <p role="status" className="small">
          {done ? 'Password changed. Your other sessions have ended.' : ''}
        </p>
      </form>
    </section>
  );
}
