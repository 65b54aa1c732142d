import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useSignIn } from '../api/session';

/** Email and password; when the server answers auth.two-factor-required, a second step asks for the code. */
export function SignInForm({ onSignedIn }: { onSignedIn: () => void }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const error = asApiError(signIn.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password, ...(needsCode ? { code } : {}) },
      {
        onSuccess: onSignedIn,
        onError: (e) => {
          if (asApiError(e)?.code === 'auth.two-factor-required') setNeedsCode(true);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} className="stack" noValidate>
      {!needsCode ? (
        <>
          <Field label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fieldProblem('email')} />
          <Field label="Password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={error?.fieldProblem('password')} />
        </>
      ) : (
        <Field
          label="Two-factor code"
          hint="The 6-digit code from your authenticator app, or one of your recovery codes"
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={error?.fieldProblem('code')}
        />
      )}
      {error && error.code !== 'auth.two-factor-required' && <ErrorMessage error={error} />}
      <button type="submit" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : needsCode ? 'Verify' : 'Sign in'}
      </button>
    </form>
  );
}
