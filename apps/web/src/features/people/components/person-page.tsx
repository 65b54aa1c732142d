import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Loading, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import type { components } from '@/lib/api/schema';
import { formatDateTime } from '@/lib/format';
import { useAddInteraction, useInteractions, usePerson, type PersonDetail } from '../api/people';
import { FollowUpSection } from './follow-up-section';
import { LINK_LABEL, STAGE_LABEL } from './labels';
import { PersonEditForm } from './person-edit';
import { ReferralsSection } from './referrals-section';
import { RemoveSection } from './remove-section';
import { WarmPathsSection } from './warm-paths-section';
import './people.css';

type InteractionType = components['schemas']['CreateInteractionDto']['type'];
const TYPES: { value: InteractionType; label: string }[] = [
  { value: 'message', label: 'Message' },
  { value: 'email', label: 'Email' },
  { value: 'call', label: 'Call' },
  { value: 'meeting', label: 'Meeting' },
  { value: 'conference_chat', label: 'Conference chat' },
  { value: 'comment', label: 'Comment' },
];
const TYPE_LABEL = Object.fromEntries(TYPES.map((t) => [t.value, t.label]));

/**
 * One person: who they are (edited in place), the interaction timeline with a one-line add, the
 * follow-up cadence, asks and referrals, warm paths, and archive or erase.
 */
export function PersonPage({ id, children }: { id: string; /** Sections other features add (research, reading), shown before archive and erase. */ children?: ReactNode }) {
  const person = usePerson(id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  if (person.isPending) return <Loading />;
  if (person.isError) {
    const error = asApiError(person.error);
    return (
      <div className="stack">
        <ErrorMessage error={person.error} retry={error?.status === 404 ? undefined : () => void person.refetch()} />
        <Link to="/people">Back to people</Link>
      </div>
    );
  }
  const p = person.data;
  return (
    <div className="stack">
      <header className="card">
        <div className="people-heading">
          <h1>{p.fullName}</h1>
          {!editing && (
            <button type="button" className="secondary" onClick={() => { setEditing(true); setSaved(false); }}>
              Edit details
            </button>
          )}
        </div>
        {[p.headline, p.role, p.organization?.name, p.team?.name].some(Boolean) && <p className="muted">{[p.headline, p.role, p.organization?.name, p.team?.name].filter(Boolean).join(' · ')}</p>}
        {saved && !editing && (
          <p className="notice" role="status">
            Saved.
          </p>
        )}
        {editing ? <PersonEditForm person={p} onDone={(didSave) => { setEditing(false); setSaved(didSave); }} /> : <Facts p={p} />}
      </header>
      <Timeline personId={p.id} />
      <FollowUpSection person={p} />
      <ReferralsSection person={p} />
      <WarmPathsSection person={p} />
      {children}
      <RemoveSection person={p} />
    </div>
  );
}

function Facts({ p }: { p: PersonDetail }) {
  const links = Object.entries(p.links);
  return (
    <>
      <dl className="facts">
        <dt>Relationship</dt>
        <dd>{STAGE_LABEL[p.relationshipStage]}</dd>
        {p.emails.length > 0 && (
          <>
            <dt>Email</dt>
            <dd>{p.emails.map((e) => <a key={e} href={`mailto:${e}`}>{e}</a>)}</dd>
          </>
        )}
        {p.phones.length > 0 && (
          <>
            <dt>Phone</dt>
            <dd>{p.phones.map((phone) => <a key={phone} href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>)}</dd>
          </>
        )}
        {links.length > 0 && (
          <>
            <dt>Links</dt>
            <dd>
              {links.map(([kind, url]) =>
                /^https?:\/\//.test(url) ? (
                  <a key={kind} href={url} rel="noopener noreferrer" target="_blank">
                    {LINK_LABEL[kind] ?? kind}
                  </a>
                ) : (
                  <span key={kind}>
                    {LINK_LABEL[kind] ?? kind}: {url}
                  </span>
                ),
              )}
            </dd>
          </>
        )}
        {p.tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>
              {p.tags.map((t) => (
                <Link key={t} className="tag" to={`/people?tag=${encodeURIComponent(t)}`}>
                  {t}
                </Link>
              ))}
            </dd>
          </>
        )}
        {p.howWeMet && (
          <>
            <dt>How we met</dt>
            <dd>{p.howWeMet}</dd>
          </>
        )}
      </dl>
      {p.notes && (
        <section aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes</h2>
          <p className="prewrap">{p.notes}</p>
        </section>
      )}
    </>
  );
}

function Timeline({ personId }: { personId: string }) {
  const interactions = useInteractions(personId);
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Interactions</h2>
      <AddInteraction personId={personId} />
      <QueryStates query={interactions} isEmpty={(data) => data.items.length === 0} empty="No interaction yet: note the last message, call or meeting above.">
        {(data) => (
          <ol className="timeline">
            {data.items.map((i) => (
              <li key={i.id}>
                <p className="muted small">
                  <time dateTime={i.occurredAt}>{formatDateTime(i.occurredAt)}</time> · {TYPE_LABEL[i.type] ?? i.type}
                  {i.channel ? ` · ${i.channel}` : ''}
                </p>
                <p>{i.summary}</p>
              </li>
            ))}
          </ol>
        )}
      </QueryStates>
    </section>
  );
}

function AddInteraction({ personId }: { personId: string }) {
  const add = useAddInteraction(personId);
  const [type, setType] = useState<InteractionType>('message');
  const [summary, setSummary] = useState('');
  const error = asApiError(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ type, summary, occurredAt: new Date().toISOString() }, { onSuccess: () => setSummary('') });
  };
  const summaryError = error?.fieldProblem('summary');
  return (
    <form className="one-line" onSubmit={submit} noValidate aria-label="Add an interaction">
      <label className="visually-hidden" htmlFor="interaction-type">
        Type
      </label>
      <select id="interaction-type" value={type} onChange={(e) => setType(e.target.value as InteractionType)}>
        {TYPES.map((t) => (
          <option key={t.value} value={t.value}>
            {t.label}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor="interaction-summary">
        What happened
      </label>
      <input id="interaction-summary" placeholder="What happened, in a line" value={summary} onChange={(e) => setSummary(e.target.value)} aria-invalid={summaryError ? true : undefined} aria-describedby={summaryError ? 'interaction-summary-error' : undefined} />
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add'}
      </button>
      {summaryError && (
        <p id="interaction-summary-error" className="field-error full">
          {summaryError}
        </p>
      )}
      {error && !summaryError && (
        <div className="full">
          <ErrorMessage error={error} />
        </div>
      )}
    </form>
  );
}
