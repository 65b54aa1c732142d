import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { PAGE_SIZE, useCreateInvitation, useInvitations, useRevokeInvitation } from '../api/admin';
import { CopyOnce } from '@/components/copy-once';

const VALIDITY = [1, 7, 30, 90];

/** One-time registration links: create one (its link shown once), see who used which, withdraw a pending one. */
export function InvitationsSection() {
  const [offset, setOffset] = useState(0);
  const invitations = useInvitations(offset);
  const revoke = useRevokeInvitation();
  return (
    <section className="card" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">Invitations</h2>
      <p className="muted small">An invitation is a link that creates one account. Send it yourself (by email, chat…); Dossier keeps only a fingerprint of it, so it is shown once.</p>
      <CreateInvitation />
      {revoke.isError && <ErrorMessage error={revoke.error} />}
      <QueryStates query={invitations} isEmpty={(data) => data.items.length === 0} empty="No invitation yet.">
        {(data) => (
          <>
            <ul className="list" aria-label="Invitations sent">
              {data.items.map((invitation) => {
                const who = invitation.email ?? 'anyone with the link';
                return (
                  <li key={invitation.id} className="row" data-status={invitation.status}>
                    <div>
                      <p>
                        <strong>{who}</strong> <span className="tag">{invitation.status}</span>
                      </p>
                      <p className="muted small">
                        Created {formatDateTime(invitation.createdAt)} ·{' '}
                        {invitation.status === 'used' && invitation.usedAt ? `used ${formatDateTime(invitation.usedAt)}` : `${invitation.status === 'expired' ? 'expired' : 'expires'} ${formatDateTime(invitation.expiresAt)}`}
                      </p>
                    </div>
                    <div className="row-end">
                      {invitation.status === 'pending' && (
                        <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(invitation.id)} aria-label={`Revoke the invitation for ${who}`}>
                          Revoke
                        </button>
                      )}
                    </div>
                  </li>
                );
              })}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function CreateInvitation() {
  const create = useCreateInvitation();
  const [email, setEmail] = useState('');
  const [days, setDays] = useState(7);
  const [link, setLink] = useState<{ url: string; who: string } | undefined>();
  const error = asApiError(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const address = email.trim();
    create.mutate(
      { ...(address ? { email: address } : {}), expiresInDays: days },
      {
        onSuccess: (created) => {
          setLink({ url: created.url, who: created.email ?? 'anyone with the link' });
          setEmail('');
        },
      },
    );
  };
  return (
    <div className="stack admin-create">
      <form className="inline-form" onSubmit={submit} aria-label="New invitation">
        <Field label="For (email, optional)" type="email" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="Anyone with the link" error={error?.fieldProblem('email')} />
        <div className="field">
          <label htmlFor="invitation-days">Valid for</label>
          <select id="invitation-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {VALIDITY.map((d) => (
              <option key={d} value={d}>
                {d === 1 ? '1 day' : `${d} days`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create invitation'}
          </button>
        </div>
      </form>
      {error && !error.fieldProblem('email') && <ErrorMessage error={error} />}
      {link && <CopyOnce field label={`Invitation link for ${link.who}`} value={link.url} copyLabel="Copy the link" note="Copy it now and send it: it is not shown again. It works once, until it expires." onDone={() => setLink(undefined)} />}
    </div>
  );
}
