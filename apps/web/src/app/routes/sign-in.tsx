import { Link, useNavigate, useSearchParams } from 'react-router';
import { SignInForm, useRegistration } from '@/features/auth';
import { AuthPage } from './auth-page';

/** Only paths inside the app: `next` never sends the user to another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const registration = useRegistration();
  const canSignUp = registration.data && (registration.data.firstAccount || registration.data.mode === 'open');
  return (
    <AuthPage title="Sign in">
      {params.get('expired') && (
        <p className="notice" role="status">
          Your session ended. Sign in again to continue.
        </p>
      )}
      <SignInForm onSignedIn={() => void navigate(safeNext(params.get('next')), { replace: true })} />
      {canSignUp && (
        <p className="small">
          No account yet? <Link to="/sign-up">Create one</Link>
        </p>
      )}
    </AuthPage>
  );
}
