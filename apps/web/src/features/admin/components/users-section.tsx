import { useState } from 'react';
import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { PAGE_SIZE, useMyId, useUpdateUser, useUsers, type AdminUser } from '../api/admin';

/** The server's accounts, oldest first: disable or enable one, make an admin or take the role back. */
export function UsersSection() {
  const [offset, setOffset] = useState(0);
  const users = useUsers(offset);
  const me = useMyId();
  const update = useUpdateUser();
  return (
    <section className="card" aria-labelledby="users-heading">
      <h2 id="users-heading">Users</h2>
      <p className="muted small">A disabled account cannot sign in, and its sessions and tokens are refused at once; enable it again to let it back in. The server always keeps one active admin.</p>
      <QueryStates query={users} isEmpty={(data) => data.items.length === 0} empty="No account yet.">
        {(data) => (
          <>
            <p className="muted small">
              {data.total} {data.total === 1 ? 'account' : 'accounts'}
            </p>
            <ul className="list" aria-label="Accounts">
              {data.items.map((user) => (
                <UserRow key={user.id} user={user} isMe={user.id === me} update={update} />
              ))}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function UserRow({ user, isMe, update }: { user: AdminUser; isMe: boolean; update: ReturnType<typeof useUpdateUser> }) {
  const mine = update.variables?.id === user.id;
  const busy = update.isPending && mine;
  const change = (patch: { disabled?: boolean; role?: 'admin' | 'user' }) => update.mutate({ id: user.id, patch });
  return (
    <li className="row admin-user" data-email={user.email}>
      <div>
        <p>
          <strong>{user.email}</strong> {user.displayName && user.displayName !== user.email && <span className="muted">{user.displayName}</span>}
        </p>
        <p>
          <span className="tag">{user.role}</span>
          {user.disabled && <span className="tag admin-disabled">disabled{user.disabledAt ? ` since ${formatDateTime(user.disabledAt)}` : ''}</span>}
          {isMe && <span className="tag">you</span>}
        </p>
        <p className="muted small">
          Joined {formatDateTime(user.createdAt)} · last signed in {user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'never'}
        </p>
        {mine && update.isError && <ErrorMessage error={update.error} />}
      </div>
      <div className="row-end">
        <button type="button" className="secondary" disabled={busy} onClick={() => change({ role: user.role === 'admin' ? 'user' : 'admin' })} aria-label={user.role === 'admin' ? `Remove admin from ${user.email}` : `Make admin: ${user.email}`}>
          {user.role === 'admin' ? 'Remove admin' : 'Make admin'}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => change({ disabled: !user.disabled })} aria-label={user.disabled ? `Enable ${user.email}` : `Disable ${user.email}`}>
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
      </div>
    </li>
  );
}
