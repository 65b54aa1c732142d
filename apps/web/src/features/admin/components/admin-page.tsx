import './admin.css';
import { InvitationsSection } from './invitations-section';
import { UsersSection } from './users-section';

/** The server's administration, for admins: accounts and invitations, each section on its own. */
export function AdminPage() {
  return (
    <div className="stack">
      <UsersSection />
      <InvitationsSection />
    </div>
  );
}
