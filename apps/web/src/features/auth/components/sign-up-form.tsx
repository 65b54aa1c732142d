import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useRegistration, useSignUp } from '../api/session';

/**
 * A new account, as GET /auth/registration allows: open, by invitation (the token from the link), or
 * closed. The first account on a server becomes its admin, and the form says so.
 */
export function SignUpForm({ invitation, onSignedUp }: { invitation?: string; onSignedUp: () => void }) {
  const registration = useRegistration();
  const signUp = useSignUp();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const error = asApiError(signUp.error);

  if (registration.isPending) return <Loading />;
  if (registration.isError) return <ErrorMessage error={registration.error} retry={() => void registration.refetch()} />;
  const { mode, firstAccount } = registration.data;
  if (!firstAccount && mode === 'closed') return <p className="notice">This server does not accept new accounts. Ask its admin.</p>;
  if (!firstAccount && mode === 'invite' && !invitation) return <p className="notice">This server accepts new accounts by invitation only: open the invitation link an admin sent you.</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    signUp.mutate({ email, password, timeZone, ...(displayName ? { displayName } : {}), ...(invitation ? { invitation } : {}) }, { onSuccess: onSignedUp });
  };

  return (
    <form onSubmit={submit} className="stack" noValidate>
      {firstAccount && <p className="notice">This is the first account on this server: it will be the server’s admin.</p>}
      <Field label="Name" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={error?.fieldProblem('displayName')} />
      <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fieldProblem('email')} />
      <Field label="Password" type="password" autoComplete="new-password" hint="At least 10 characters" required value={password} onChange={(e) => setPassword(e.target.value)} error={error?.fieldProblem('password')} />
      {error && <ErrorMessage error={error} />}
      <button type="submit" disabled={signUp.isPending}>
        {signUp.isPending ? 'Creating your account…' : 'Create account'}
      </button>
    </form>
  );
}
