import { Link, useNavigate } from 'react-router';
import { SignUpForm } from '@/features/auth';
import { AuthPage } from './auth-page';

export function SignUpRoute() {
  const navigate = useNavigate();
  return (
    <AuthPage title="Create your account">
      <SignUpForm onSignedUp={() => void navigate('/', { replace: true })} />
      <p className="small">
        Have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthPage>
  );
}
