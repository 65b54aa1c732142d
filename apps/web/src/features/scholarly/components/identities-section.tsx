import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorMessage, Loading, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDateTime } from '@/lib/format';
import { useAutoLink, useCandidates, useIdentities, useLinkIdentity, useRejectIdentity, useUnlinkIdentity, type Candidate, type Identity, type ScholarlySource } from '../api/scholarly';
import { NAME_MATCH, percent, REASON_KINDS, signed, SOURCE_NAMES, sourceName, SYNC_STATE } from './labels';

/** Who this person is at the scholarly sources: the linked identities, and the candidates to confirm or reject. */
export function IdentitiesSection({ personId }: { personId: string }) {
  const identities = useIdentities(personId);
  const linked = identities.data?.items.filter((i) => i.status === 'linked') ?? [];
  const rejected = identities.data?.items.filter((i) => i.status === 'rejected') ?? [];
  return (
    <section className="card stack scholarly" aria-labelledby="identities-heading">
      <h2 id="identities-heading">Scholarly identities</h2>
      <QueryStates query={identities} isEmpty={(data) => !data.items.some((i) => i.status === 'linked')} empty="No identity linked yet: find this person among the sources' authors below, or add one by its id or profile address.">
        {() => (
          <ul className="list" aria-label="Linked identities">
            {linked.map((identity) => (
              <IdentityRow key={identity.id} personId={personId} identity={identity} />
            ))}
          </ul>
        )}
      </QueryStates>
      {rejected.length > 0 && (
        <details>
          <summary>Rejected as someone else ({rejected.length})</summary>
          <ul className="list" aria-label="Rejected identities">
            {rejected.map((identity) => (
              <IdentityRow key={identity.id} personId={personId} identity={identity} />
            ))}
          </ul>
        </details>
      )}
      <Candidates personId={personId} identities={identities.data?.items ?? []} />
      <AddIdentity personId={personId} />
    </section>
  );
}

/** A linked identity (unlink it), or a rejected one (forget the rejection). */
function IdentityRow({ personId, identity }: { personId: string; identity: Identity }) {
  const remove = useUnlinkIdentity(personId);
  const label = `${identity.name ?? identity.sourceAuthorId} at ${sourceName(identity.source)}`;
  const linked = identity.status === 'linked';
  return (
    <li className="row">
      <div>
        <p>
          <span className="tag">{sourceName(identity.source)}</span>
          <a href={identity.sourceUrl} target="_blank" rel="noopener noreferrer">
            {identity.name ?? identity.sourceAuthorId}
            <span className="visually-hidden"> at {sourceName(identity.source)}</span>
          </a>{' '}
          <span className="muted small">{identity.sourceAuthorId}</span>
        </p>
        {linked && (
          <p className="muted small">
            {identity.linkedBy === 'auto' ? 'Linked by Dossier · ' : ''}
            {SYNC_STATE[identity.syncState]}
            {identity.lastSyncedAt ? ` · last synced ${formatDateTime(identity.lastSyncedAt)}` : ''}
          </p>
        )}
        {linked && identity.syncState === 'broken' && identity.brokenReason && <p className="field-error">The source refused this identity: {identity.brokenReason}. Unlink it and link the right one.</p>}
        {remove.error && <ErrorMessage error={remove.error} />}
      </div>
      <div className="row-end">
        <button type="button" className="secondary" disabled={remove.isPending} onClick={() => remove.mutate(identity.id)}>
          {linked ? (remove.isPending ? 'Unlinking…' : 'Unlink') : 'Forget'}
          <span className="visually-hidden">{linked ? ` ${label}` : ` the rejection of ${label}`}</span>
        </button>
      </div>
    </li>
  );
}

/** A candidate's decision, from the identities as they are now (so a confirm or reject shows without searching again). */
function decision(candidate: Candidate, identities: Identity[]): Identity['status'] | null {
  const identity = identities.find((i) => i.source === candidate.source && i.sourceAuthorId === candidate.sourceAuthorId);
  if (identity) return identity.status;
  return candidate.identityId && identities.every((i) => i.id !== candidate.identityId) ? null : candidate.status;
}

function Candidates({ personId, identities }: { personId: string; identities: Identity[] }) {
  const [asked, setAsked] = useState(false);
  const candidates = useCandidates(personId, asked);
  const autoLink = useAutoLink(personId);
  const search = () => (asked ? void candidates.refetch() : setAsked(true));
  return (
    <section className="stack" aria-labelledby="candidates-heading">
      <h3 id="candidates-heading">Candidates</h3>
      <p className="muted small">Authors at OpenAlex, Semantic Scholar, arXiv, DBLP and ORCID who may be this person, searched by name and organization, each with how well they match and why.</p>
      <div className="actions">
        <button type="button" onClick={search} disabled={candidates.isFetching}>
          {candidates.isFetching ? 'Searching the sources…' : asked ? 'Search again' : 'Find candidates'}
        </button>
        <button type="button" className="secondary" onClick={() => autoLink.mutate()} disabled={autoLink.isPending}>
          {autoLink.isPending ? 'Linking…' : 'Link the clear matches'}
        </button>
      </div>
      {autoLink.error && <ErrorMessage error={autoLink.error} />}
      {autoLink.data && (
        <div className="notice" role="status">
          {autoLink.data.linked.length === 0 ? <p>Nothing was clear enough to link on its own: confirm a candidate yourself.</p> : <p>Linked {autoLink.data.linked.length}:</p>}
          <ul className="small">
            {autoLink.data.linked.map((l) => (
              <li key={l.identity.id}>
                {sourceName(l.identity.source)} {l.identity.name ?? l.identity.sourceAuthorId}: {l.why}
              </li>
            ))}
            {[...autoLink.data.undecided, ...autoLink.data.errors].map((u) => (
              <li key={`${u.source}-${u.message}`}>
                {sourceName(u.source)}: {sourceMessage(u.source, u.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {asked &&
        (candidates.isPending ? (
          <Loading label="Searching the sources…" />
        ) : candidates.isError ? (
          <ErrorMessage error={candidates.error} retry={() => void candidates.refetch()} />
        ) : (
          <>
            {candidates.data.errors.length > 0 && (
              <div className="notice" role="status">
                <p>Some sources could not be searched now; the others answered:</p>
                <ul className="small">
                  {candidates.data.errors.map((e) => (
                    <li key={e.source}>
                      {sourceName(e.source)}: {sourceMessage(e.source, e.message)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {candidates.data.candidates.length === 0 ? (
              <Empty>
                No author named like {candidates.data.query.name}
                {candidates.data.query.affiliation ? ` (${candidates.data.query.affiliation})` : ''} at the sources searched.
              </Empty>
            ) : (
              <ul className="list" aria-label="Candidate identities">
                {candidates.data.candidates.map((c) => (
                  <CandidateRow key={`${c.source}:${c.sourceAuthorId}`} personId={personId} candidate={c} status={decision(c, identities)} />
                ))}
              </ul>
            )}
          </>
        ))}
    </section>
  );
}

function CandidateRow({ personId, candidate: c, status }: { personId: string; candidate: Candidate; status: Identity['status'] | null }) {
  const link = useLinkIdentity(personId);
  const reject = useRejectIdentity(personId);
  const error = link.error ?? reject.error;
  const who = `${c.name} (${sourceName(c.source)} ${c.sourceAuthorId})`;
  const facts = [c.affiliations.slice(0, 2).join('; '), c.worksCount != null ? `${c.worksCount} works` : '', c.citationCount != null ? `${c.citationCount} citations` : '', c.orcid ? `ORCID ${c.orcid}` : ''].filter(Boolean);
  return (
    <li className="candidate" aria-label={who}>
      <div className="candidate-head">
        <p>
          <span className="tag">{sourceName(c.source)}</span>
          <a href={c.sourceUrl} target="_blank" rel="noopener noreferrer">
            {c.name}
          </a>{' '}
          <span className="muted small">{c.sourceAuthorId}</span>
        </p>
        <p className="candidate-score">
          <strong>{percent(c.score)}</strong> <span className="muted small">match · {NAME_MATCH[c.nameMatch]}</span>
        </p>
      </div>
      {facts.length > 0 && <p className="muted small">{facts.join(' · ')}</p>}
      {c.topics.length > 0 && <p className="muted small">Topics: {c.topics.slice(0, 5).join(', ')}</p>}
      <ul className="reasons small" aria-label={`Why ${c.name} may be this person`}>
        {c.reasons.map((r) => (
          <li key={`${r.kind}-${r.detail}`} className={r.points < 0 ? 'against' : undefined}>
            <span className="reason-points">{signed(r.points)}</span> {reasonText(r)}
          </li>
        ))}
      </ul>
      {c.splitProfileOf && (
        <p className="small">
          Looks like a second {sourceName(c.source)} record of this person (linked: {c.splitProfileOf.sourceAuthorId}): confirm it to add its works too.
        </p>
      )}
      {c.linkedTo && (
        <p className="small">
          Linked to another of your people: <Link to={`/people/${c.linkedTo.personId}`}>{c.linkedTo.fullName}</Link>
        </p>
      )}
      <div className="actions">
        {status === 'linked' ? (
          <p className="decided">Confirmed</p>
        ) : (
          <>
            {status === 'rejected' && <p className="decided muted">Rejected</p>}
            <button type="button" disabled={link.isPending || reject.isPending} onClick={() => link.mutate({ source: c.source, id: c.sourceAuthorId })}>
              {link.isPending ? 'Confirming…' : 'Confirm'}
              <span className="visually-hidden"> {who}</span>
            </button>
            {status !== 'rejected' && (
              <button type="button" className="secondary" disabled={link.isPending || reject.isPending} onClick={() => reject.mutate({ source: c.source, id: c.sourceAuthorId, name: c.name })}>
                {reject.isPending ? 'Rejecting…' : 'Reject'}
                <span className="visually-hidden"> {who}</span>
              </button>
            )}
          </>
        )}
      </div>
      {error && <ErrorMessage error={error} />}
    </li>
  );
}

/** The evidence in words: its kind, unless the source's sentence already starts with it. */
function reasonText(reason: Candidate['reasons'][number]): string {
  const kind = REASON_KINDS[reason.kind];
  return reason.detail.toLowerCase().startsWith(kind.toLowerCase()) ? reason.detail : `${kind}: ${reason.detail}`;
}

/** A source's message without the source's id in front (it is named already). */
function sourceMessage(source: ScholarlySource, message: string): string {
  return message.replace(new RegExp(`^${source}:\\s*`, 'i'), '');
}

const ADDABLE: ScholarlySource[] = ['openalex', 'semanticscholar', 'dblp', 'orcid', 'arxiv', 'crossref'];

/** Add an identity the search did not find: by its id at a source, or by its profile address. */
function AddIdentity({ personId }: { personId: string }) {
  const link = useLinkIdentity(personId);
  const [source, setSource] = useState<ScholarlySource | ''>('');
  const [value, setValue] = useState('');
  const error = asApiError(link.error);
  const isUrl = /^https?:\/\//i.test(value.trim());
  const fieldError = error?.fieldProblem(isUrl ? 'url' : 'id') ?? error?.fieldProblem('source');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    const body = isUrl ? { url: trimmed, ...(source ? { source } : {}) } : { id: trimmed, ...(source ? { source } : {}) };
    link.mutate(body, { onSuccess: () => setValue('') });
  };
  return (
    <form className="one-line" onSubmit={submit} noValidate aria-label="Add an identity">
      <label className="visually-hidden" htmlFor="identity-source">
        Source
      </label>
      <select id="identity-source" value={source} onChange={(e) => setSource(e.target.value as ScholarlySource | '')}>
        <option value="">Source (from the address)</option>
        {ADDABLE.map((s) => (
          <option key={s} value={s}>
            {SOURCE_NAMES[s]}
          </option>
        ))}
      </select>
      <label className="visually-hidden" htmlFor="identity-value">
        Id or profile address
      </label>
      <input id="identity-value" placeholder="Id or profile address, e.g. https://openalex.org/A…" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={fieldError ? true : undefined} aria-describedby={fieldError ? 'identity-value-error' : undefined} />
      <button type="submit" disabled={link.isPending || value.trim() === ''}>
        {link.isPending ? 'Checking…' : 'Add'}
      </button>
      {fieldError && (
        <p id="identity-value-error" className="field-error full">
          {fieldError}
        </p>
      )}
      {error && !fieldError && (
        <div className="full">
          <ErrorMessage error={error} />
        </div>
      )}
    </form>
  );
}
