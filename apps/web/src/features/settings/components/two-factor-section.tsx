import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useBeginTwoFactor, useConfirmTwoFactor, useDisableTwoFactor, useProfile, useRegenerateRecoveryCodes } from '../api/settings';
import { CopyOnce } from '@/components/copy-once';

/**
 * Enrolling an authenticator app: the password again (POST /me/two-factor), the secret and its
 * otpauth URL as text to type or paste into the app, the first code to confirm, then the recovery
 * codes, shown once.
 */
export function TwoFactorSection() {
  const me = useProfile();
  const begin = useBeginTwoFactor();
  const confirm = useConfirmTwoFactor();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<{ secret: string; otpauthUrl: string } | undefined>();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | undefined>();
  const [justOff, setJustOff] = useState(false);
  const beginError = asApiError(begin.error);
  const confirmError = asApiError(confirm.error);

  const start = (e: FormEvent) => {
    e.preventDefault();
    begin.mutate(password, {
      onSuccess: (answer) => {
        setPassword('');
        setJustOff(false);
        setPending(answer);
      },
    });
  };
  const finish = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(code.trim(), {
      onSuccess: (answer) => {
        setPending(undefined);
        setCode('');
        setRecoveryCodes(answer.recoveryCodes);
      },
    });
  };

  return (
    <section className="card" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor sign-in</h2>
      {me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <ErrorMessage error={me.error} retry={() => void me.refetch()} />
      ) : recoveryCodes ? (
        <div className="stack">
          <p role="status">Two-factor sign-in is on. Signing in now asks for a code from your authenticator app.</p>
          <CopyOnce label="Your recovery codes (each signs in once, instead of the app)" value={recoveryCodes.join('\n')} onDone={() => setRecoveryCodes(undefined)} />
        </div>
      ) : me.data.twoFactorEnabled ? (
        <ManageTwoFactor onCodes={setRecoveryCodes} onOff={() => setJustOff(true)} />
      ) : pending ? (
        <form className="stack" onSubmit={finish}>
          <p>Add this secret to your authenticator app (type the secret, or paste the otpauth URL), then enter the code it shows. It is shown only now.</p>
          <dl className="facts">
            <dt>Secret</dt>
            <dd>
              <code className="secret" data-testid="two-factor-secret">
                {pending.secret}
              </code>
            </dd>
            <dt>otpauth URL</dt>
            <dd>
              <code className="secret">{pending.otpauthUrl}</code>
            </dd>
          </dl>
          <Field label="Code from the app" inputMode="numeric" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} error={confirmError?.fieldProblem('code')} />
          {confirmError && !confirmError.fieldProblem('code') && <ErrorMessage error={confirmError} />}
          <div className="actions">
            <button type="submit" disabled={confirm.isPending}>
              {confirm.isPending ? 'Checking…' : 'Turn on two-factor'}
            </button>
            <button type="button" className="secondary" onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <form className="stack" onSubmit={start}>
          {justOff && <p role="status">Two-factor sign-in is off: signing in asks for your password only.</p>}
          <p className="muted small">Off. With it on, signing in also asks for a 6-digit code from an authenticator app on your phone.</p>
          <Field label="Your password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={beginError?.fieldProblem('password')} />
          {beginError && !beginError.fieldProblem('password') && <ErrorMessage error={beginError} />}
          <div>
            <button type="submit" disabled={begin.isPending}>
              {begin.isPending ? 'Starting…' : 'Set up two-factor'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * With two-factor on: turn it off, or replace the recovery codes (the old ones stop working; the new
 * ones are shown once). Both ask for the password and a current code (or an unused recovery code).
 */
function ManageTwoFactor({ onCodes, onOff }: { onCodes: (codes: string[]) => void; onOff: () => void }) {
  const disable = useDisableTwoFactor();
  const regenerate = useRegenerateRecoveryCodes();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [action, setAction] = useState<'off' | 'codes'>('codes');
  const error = asApiError(action === 'off' ? disable.error : regenerate.error);
  const busy = disable.isPending || regenerate.isPending;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const submitter = (e.nativeEvent as SubmitEvent).submitter;
    const chosen = submitter?.getAttribute('value') === 'off' ? 'off' : 'codes';
    setAction(chosen);
    const body = { password, code: code.trim() };
    const clear = () => {
      setPassword('');
      setCode('');
    };
    if (chosen === 'off') disable.mutate(body, { onSuccess: () => (clear(), onOff()) });
    else regenerate.mutate(body, { onSuccess: (answer) => (clear(), onCodes(answer.recoveryCodes)) });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Manage two-factor sign-in">
      <p>Two-factor sign-in is on: signing in asks for a code from your authenticator app or a recovery code.</p>
      <p className="muted small">To turn it off, or to replace your recovery codes (the old ones stop working), enter your password and a current code.</p>
      <Field label="Your password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} error={error?.fieldProblem('password')} />
      <Field label="Code from the app or a recovery code" autoComplete="one-time-code" required value={code} onChange={(e) => setCode(e.target.value)} error={error?.fieldProblem('code')} />
      {error && !error.fieldProblem('password') && !error.fieldProblem('code') && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" value="codes" disabled={busy}>
          {regenerate.isPending ? 'Replacing…' : 'New recovery codes'}
        </button>
        <button type="submit" value="off" className="secondary" disabled={busy}>
          {disable.isPending ? 'Turning off…' : 'Turn off two-factor'}
        </button>
      </div>
    </form>
  );
}
