import { ErrorMessage, QueryStates } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { useEndSession, useSessions } from '../api/settings';

/** Where the account is signed in (GET /me/sessions); any other session can be ended from here. */
export function SessionsSection() {
  const sessions = useSessions();
  const end = useEndSession();
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="muted small">Browsers and API clients signed in with your password. Ending one signs it out at its next request.</p>
      {end.isError && <ErrorMessage error={end.error} />}
      <QueryStates query={sessions} isEmpty={(data) => data.items.length === 0} empty="No sign-in session: you are using a personal access token.">
        {(data) => (
          <ul className="list">
            {data.items.map((s) => (
              <li key={s.id} className="row">
                <div>
                  <p>
                    {s.userAgent ?? 'Unknown client'} {s.current && <strong className="tag">this browser</strong>}
                  </p>
                  <p className="muted small">
                    Started {formatDateTime(s.createdAt)}
                    {s.ip ? ` from ${s.ip}` : ''} · last used {s.lastUsedAt ? formatDateTime(s.lastUsedAt) : 'never'}
                    {s.lastIp ? ` from ${s.lastIp}` : ''}
                    {s.expiresAt ? ` · expires ${formatDateTime(s.expiresAt)}` : ''}
                  </p>
                </div>
                <div className="row-end">
                  {!s.current && (
                    <button type="button" className="secondary" disabled={end.isPending} onClick={() => end.mutate(s.id)} aria-label={`End the session started ${formatDateTime(s.createdAt)}`}>
                      End
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryStates>
    </section>
  );
}
