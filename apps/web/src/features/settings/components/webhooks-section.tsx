import { useState, type FormEvent } from 'react';
import { CopyOnce } from '@/components/copy-once';
import { Field } from '@/components/field';
import { ErrorMessage, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useCreateWebhook, useDeleteWebhook, usePingWebhook, useRollWebhookSecret, useUpdateWebhook, useWebhookDeliveries, useWebhooks, type Webhook, type WebhookEventType } from '../api/webhooks';

const EVENT_LABELS: Record<WebhookEventType, string> = {
  'application.moved': 'An application moved (advanced, passed, failed, offer…)',
  'application.rerouted': 'A failed application was rerouted to another team',
  'interview.created': 'An interview was scheduled',
  'interview.updated': 'An interview changed',
  'briefing.ready': 'A briefing is ready',
  'works.new': 'New works by a person in your network',
  'sync.failed': 'A publication sync failed',
  'follow-up.due': 'A follow-up is due',
  'task.due': 'A task is due',
};

const OFF_REASONS: Record<NonNullable<Webhook['disabledReason']>, string> = {
  user: 'Off: turned off by you.',
  failing: 'Off: every delivery failed for days, so Dossier stopped sending. Check the receiver, send a test, then turn it on.',
  restored: 'Off: restored from an export with a new secret. Roll the secret, give it to the receiver, then turn it on.',
};

/** Signed webhooks (GET/POST /webhooks…): endpoints, the events each receives, secrets shown once, tests and the delivery log. */
export function WebhooksSection() {
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<{ label: string; value: string } | undefined>();
  return (
    <section className="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      <p className="muted small">
        Dossier POSTs the events you choose to your URL, signed the Standard Webhooks way (<code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>): verify them
        with the endpoint&apos;s secret. Failed deliveries are retried with growing delays.
      </p>
      <QueryStates query={webhooks} isEmpty={() => false} empty={null}>
        {(data) => (
          <>
            <CreateWebhook events={data.events} onSecret={setSecret} />
            {secret && <CopyOnce label={secret.label} value={secret.value} onDone={() => setSecret(undefined)} />}
            {data.items.length === 0 ? (
              <p className="muted">No endpoint yet.</p>
            ) : (
              <ul className="list" aria-label="Your webhook endpoints">
                {data.items.map((webhook) => (
                  <WebhookRow key={webhook.id} webhook={webhook} onSecret={setSecret} />
                ))}
              </ul>
            )}
          </>
        )}
      </QueryStates>
    </section>
  );
}

function EventChoices({ events, chosen, onChange, legend }: { events: WebhookEventType[]; chosen: WebhookEventType[]; onChange: (next: WebhookEventType[]) => void; legend: string }) {
  return (
    <fieldset className="settings-webhook-events">
      <legend>{legend}</legend>
      {events.map((event) => (
        <label key={event}>
          <input type="checkbox" checked={chosen.includes(event)} onChange={(e) => onChange(e.target.checked ? [...chosen, event] : chosen.filter((x) => x !== event))} />
          <span>
            {EVENT_LABELS[event]} <code className="muted small">{event}</code>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function CreateWebhook({ events, onSecret }: { events: WebhookEventType[]; onSecret: (s: { label: string; value: string }) => void }) {
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<WebhookEventType[]>(['application.moved', 'interview.created']);
  const error = asApiError(create.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: url.trim(), description: description.trim(), events: chosen },
      {
        onSuccess: (created) => {
          onSecret({ label: `The signing secret of ${created.endpoint.url}`, value: created.secret });
          setUrl('');
          setDescription('');
        },
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="New webhook endpoint">
      <div className="inline-form">
        <Field label="Endpoint URL" required type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.org/dossier" error={error?.fieldProblem('url')} />
        <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} placeholder="e.g. home automation" error={error?.fieldProblem('description')} />
      </div>
      <EventChoices legend="Events to send" events={events} chosen={chosen} onChange={setChosen} />
      {error?.fieldProblem('events') && <p className="field-error">{error.fieldProblem('events')}</p>}
      <div>
        <button type="submit" disabled={create.isPending || chosen.length === 0}>
          {create.isPending ? 'Adding…' : 'Add endpoint'}
        </button>
      </div>
      {error && !error.fieldProblem('url') && !error.fieldProblem('events') && <ErrorMessage error={error} />}
    </form>
  );
}

function WebhookRow({ webhook, onSecret }: { webhook: Webhook; onSecret: (s: { label: string; value: string }) => void }) {
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const roll = useRollWebhookSecret();
  const ping = usePingWebhook();
  const [editing, setEditing] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const name = webhook.description || webhook.url;
  const failure = update.error ?? remove.error ?? roll.error ?? ping.error;
  return (
    <li className="stack" aria-label={`Webhook ${name}`}>
      <div className="row">
        <div>
          <p>
            <strong>{name}</strong> <span className="tag">{webhook.enabled ? 'on' : 'off'}</span>
          </p>
          <p className="muted small">
            <code>{webhook.url}</code>
          </p>
          <p className="muted small">{webhook.events.join(', ')}</p>
          {!webhook.enabled && webhook.disabledReason && <p className="small">{OFF_REASONS[webhook.disabledReason]}</p>}
          {webhook.enabled && webhook.consecutiveFailures > 0 && webhook.failingSince && (
            <p className="small">
              Failing since {formatDateTime(webhook.failingSince)} ({webhook.consecutiveFailures} failed attempts in a row).
            </p>
          )}
          {webhook.previousSecretExpiresAt && <p className="muted small">The previous secret still signs until {formatDateTime(webhook.previousSecretExpiresAt)}.</p>}
        </div>
        <div className="row-end">
          <button type="button" className="secondary" disabled={ping.isPending} onClick={() => ping.mutate(webhook.id, { onSuccess: () => setShowLog(true) })} aria-label={`Send test to ${name}`}>
            Send test
          </button>
          <button type="button" className="secondary" onClick={() => setShowLog((v) => !v)} aria-expanded={showLog} aria-label={`Deliveries of ${name}`}>
            Deliveries
          </button>
          <button type="button" className="secondary" onClick={() => setEditing((v) => !v)} aria-expanded={editing} aria-label={`Edit ${name}`}>
            Edit
          </button>
          <button
            type="button"
            className="secondary"
            disabled={roll.isPending}
            aria-label={`Roll secret of ${name}`}
            onClick={() => roll.mutate({ id: webhook.id, graceHours: 24 }, { onSuccess: (r) => onSecret({ label: `The new signing secret of ${r.endpoint.url} (the previous one keeps signing for 24 hours)`, value: r.secret }) })}
          >
            Roll secret
          </button>
          <button type="button" className="secondary" disabled={update.isPending} onClick={() => update.mutate({ id: webhook.id, body: { enabled: !webhook.enabled } })} aria-label={`${webhook.enabled ? 'Turn off' : 'Turn on'} ${name}`}>
            {webhook.enabled ? 'Turn off' : 'Turn on'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={remove.isPending}
            aria-label={`Delete ${name}`}
            onClick={() => {
              if (window.confirm(`Delete the endpoint ${webhook.url}? Its delivery log goes with it.`)) remove.mutate(webhook.id);
            }}
          >
            Delete
          </button>
        </div>
      </div>
      {failure !== null && <ErrorMessage error={failure} />}
      {editing && <EditWebhook webhook={webhook} onDone={() => setEditing(false)} />}
      {showLog && <Deliveries id={webhook.id} name={name} />}
    </li>
  );
}

function EditWebhook({ webhook, onDone }: { webhook: Webhook; onDone: () => void }) {
  const update = useUpdateWebhook();
  const [url, setUrl] = useState(webhook.url);
  const [description, setDescription] = useState(webhook.description);
  const [chosen, setChosen] = useState<WebhookEventType[]>(webhook.events);
  const { data } = useWebhooksEvents();
  const error = asApiError(update.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: webhook.id, body: { url: url.trim(), description: description.trim(), events: chosen } }, { onSuccess: onDone });
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={`Edit ${webhook.description || webhook.url}`}>
      <div className="inline-form">
        <Field label="Endpoint URL" required type="url" value={url} onChange={(e) => setUrl(e.target.value)} error={error?.fieldProblem('url')} />
        <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={error?.fieldProblem('description')} />
      </div>
      <EventChoices legend="Events to send" events={data} chosen={chosen} onChange={setChosen} />
      <div>
        <button type="submit" disabled={update.isPending || chosen.length === 0}>
          Save endpoint
        </button>
      </div>
      {error && !error.fieldProblem('url') && <ErrorMessage error={error} />}
    </form>
  );
}

/** The event list the endpoints' query already holds. */
function useWebhooksEvents(): { data: WebhookEventType[] } {
  const webhooks = useWebhooks();
  return { data: webhooks.data?.events ?? [] };
}

function Deliveries({ id, name }: { id: string; name: string }) {
  const deliveries = useWebhookDeliveries(id);
  return (
    <div className="stack" role="region" aria-label={`Delivery log of ${name}`}>
      <QueryStates query={deliveries} isEmpty={(data) => data.items.length === 0} empty="Nothing sent yet.">
        {(data) => (
          <table className="settings-webhook-log">
            <caption className="muted small">
              The latest {data.items.length} of {data.total} deliveries, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Answer</th>
                <th scope="col">Time</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={d.id} data-status={d.status}>
                  <td>{formatDateTime(d.lastAttemptAt ?? d.createdAt)}</td>
                  <td>
                    <code>{d.eventType}</code>
                  </td>
                  <td>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.responseStatus ?? '—'}</td>
                  <td>{d.durationMs === null ? '—' : `${d.durationMs} ms`}</td>
                  <td>{d.error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryStates>
    </div>
  );
}
