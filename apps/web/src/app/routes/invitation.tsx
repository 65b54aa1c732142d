import { useNavigate, useParams } from 'react-router';
import { SignUpForm } from '@/features/auth';
import { AuthPage } from './auth-page';

/** The link an admin's invitation hands out: /app/invitations/<token>. */
export function InvitationRoute() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  return (
    <AuthPage title="Accept your invitation">
      <SignUpForm invitation={token} onSignedUp={() => void navigate('/', { replace: true })} />
    </AuthPage>
  );
}
