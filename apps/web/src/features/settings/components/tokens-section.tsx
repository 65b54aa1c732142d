import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { PAGE_SIZE, useCreateToken, useRevokeToken, useTokens, type TokenScope } from '../api/settings';
import { CopyOnce } from '@/components/copy-once';

const EXPIRIES = [
  { label: '30 days', days: 30 },
  { label: '90 days', days: 90 },
  { label: 'A year', days: 365 },
  { label: 'Never', days: 0 },
];

/** Personal access tokens for scripts and API clients (GET/POST /tokens, DELETE /tokens/:id). */
export function TokensSection() {
  const [offset, setOffset] = useState(0);
  const tokens = useTokens(offset);
  const revoke = useRevokeToken();
  return (
    <section className="card" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">Personal access tokens</h2>
      <p className="muted small">For scripts and API clients: send one as <code>Authorization: Bearer …</code>. Revoke any you no longer use.</p>
      <CreateToken />
      {revoke.isError && <ErrorMessage error={revoke.error} />}
      <QueryStates query={tokens} isEmpty={(data) => data.items.length === 0} empty="No token yet.">
        {(data) => (
          <>
            <ul className="list" aria-label="Your tokens">
              {data.items.map((token) => (
                <li key={token.id} className="row">
                  <div>
                    <p>
                      <strong>{token.name}</strong> <code className="muted small">{token.prefix}…</code>{' '}
                      <span className="tag">{token.scopes.includes('write') ? 'read + write' : 'read only'}</span>
                    </p>
                    <p className="muted small">
                      Created {formatDateTime(token.createdAt)} · last used {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'} ·{' '}
                      {token.expiresAt ? (new Date(token.expiresAt) < new Date() ? `expired ${formatDate(token.expiresAt)}` : `expires ${formatDate(token.expiresAt)}`) : 'never expires'}
                    </p>
                  </div>
                  <div className="row-end">
                    <button type="button" className="secondary" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)} aria-label={`Revoke the token ${token.name}`}>
                      Revoke
                    </button>
                  </div>
                </li>
              ))}
            </ul>
            <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function CreateToken() {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'read' | 'write'>('read');
  const [days, setDays] = useState(90);
  const [secret, setSecret] = useState<{ name: string; token: string } | undefined>();
  const error = asApiError(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const scopes: TokenScope[] = scope === 'write' ? ['read', 'write'] : ['read'];
    create.mutate(
      { name: name.trim(), scopes, ...(days ? { expiresInDays: days } : {}) },
      {
        onSuccess: (created) => {
          setSecret({ name: created.name, token: created.token });
          setName('');
        },
      },
    );
  };
  return (
    <div className="stack">
      <form className="inline-form" onSubmit={submit} aria-label="New token">
        <Field label="Token name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. backup script" error={error?.fieldProblem('name')} />
        <div className="field">
          <label htmlFor="token-scope">Access</label>
          <select id="token-scope" value={scope} onChange={(e) => setScope(e.target.value === 'write' ? 'write' : 'read')}>
            <option value="read">Read only</option>
            <option value="write">Read and write</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="token-expiry">Expires after</label>
          <select id="token-expiry" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {EXPIRIES.map((x) => (
              <option key={x.days} value={x.days}>
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>
      {error && !error.fieldProblem('name') && <ErrorMessage error={error} />}
      {secret && <CopyOnce label={`Your new token “${secret.name}”`} value={secret.token} onDone={() => setSecret(undefined)} />}
    </div>
  );
}
