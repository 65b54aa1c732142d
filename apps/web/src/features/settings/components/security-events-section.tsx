import { useState } from 'react';
import { Pager } from '@/components/pager';
import { QueryStates } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import type { components } from '@/lib/api/schema';
import { PAGE_SIZE, useSecurityEvents } from '../api/settings';

type Kind = components['schemas']['SecurityEventKind'];
const KINDS: Record<Kind, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'two-factor-enabled': 'Two-factor turned on',
  'two-factor-disabled': 'Two-factor turned off',
  'recovery-code-used': 'Recovery code used',
  'recovery-codes-regenerated': 'New recovery codes',
  'password-changed': 'Password changed',
  'token-created': 'Token created',
  'token-revoked': 'Token revoked',
  'session-revoked': 'Session ended',
  'feed-rotated': 'Calendar feed created or rotated',
  'feed-revoked': 'Calendar feed revoked',
  'export-made': 'Data exported',
  'webhook-disabled': 'Webhook turned off after failing for days',
};

/** What the details say in a line: names, counts and dates (the API never puts a secret there; ids are left out). */
function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([k, v]) => !/Id$/.test(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'))
    .map(([k, v]) => `${k}: ${typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDateTime(v) : String(v)}`)
    .join(' · ');
}

/** Sign-ins and credential changes on the account, newest first (GET /me/security-events). */
export function SecurityEventsSection() {
  const [offset, setOffset] = useState(0);
  const events = useSecurityEvents(offset);
  return (
    <section className="card" aria-labelledby="events-heading">
      <h2 id="events-heading">Security events</h2>
      <p className="muted small">Sign-ins and changes to how your account is reached. Anything you don't recognise: change your password and revoke tokens.</p>
      <QueryStates query={events} isEmpty={(data) => data.items.length === 0} empty="No security event yet.">
        {(data) => (
          <>
            <ul className="list" aria-label="Security events">
              {data.items.map((event) => (
                <li key={event.id} className="row" data-kind={event.kind}>
                  <div>
                    <p>
                      <strong>{KINDS[event.kind] ?? event.kind}</strong> <span className="muted small">({event.kind})</span>
                    </p>
                    <p className="muted small">{[formatDateTime(event.at), event.ip, event.userAgent, detailText(event.details)].filter(Boolean).join(' · ')}</p>
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
