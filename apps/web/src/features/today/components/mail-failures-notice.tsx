import { Link } from 'react-router';
import { useMailFailures } from '../api/today';

/** A line on Today when mail could not be delivered this week (a reminder that silently never arrived); nothing otherwise. */
export function MailFailuresNotice() {
  const failures = useMailFailures();
  const latest = failures.data?.latest;
  if (!failures.data || failures.data.count === 0 || !latest) return null;
  return (
    <p className="error" role="alert" data-testid="today-mail-failures">
      {failures.data.count === 1 ? '1 mail' : `${failures.data.count} mails`} could not be delivered this week: “{latest.subject}” to {latest.to} ({latest.error}). <Link to="/settings">Mail settings</Link>
    </p>
  );
}
