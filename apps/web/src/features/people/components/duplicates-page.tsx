import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { FieldControl } from '@/components/field';
import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import type { components } from '@/lib/api/schema';
import { formatDate } from '@/lib/format';
import { DUPLICATES_PAGE_SIZE, useDuplicates, useInteractionCount, useMerge, type Person } from '../api/people';
import { countsInWords, LINK_LABEL, STAGE_LABEL } from './labels';
import './people.css';

type Group = components['schemas']['DuplicateGroupResponse'];
type MergeResult = components['schemas']['MergeResponse'];

const REASON: Record<string, string> = { email: 'Same email', linkedin: 'Same LinkedIn profile', name: 'Same name' };

/**
 * People who look like one person (same email, LinkedIn profile or name once accents and case are
 * folded), each group with why; pick who to keep, preview the merge (the API's dry run), then merge.
 */
export function DuplicatesPage() {
  const [offset, setOffset] = useState(0);
  const groups = useDuplicates(offset);
  const [merged, setMerged] = useState<{ keep: Person; gone: string } | undefined>();
  return (
    <div className="stack">
      {merged && (
        <p className="notice" role="status">
          Merged {merged.gone} into <Link to={`/people/${merged.keep.id}`}>{merged.keep.fullName}</Link>.
        </p>
      )}
      <QueryStates query={groups} isEmpty={(data) => data.items.length === 0} empty="No likely duplicates: nobody shares an email, a LinkedIn profile or a name.">
        {(data) => (
          <>
            <p className="muted small" aria-live="polite">
              {data.total} {data.total === 1 ? 'group' : 'groups'} to review
            </p>
            {data.items.map((group) => (
              <DuplicateGroup key={`${group.reason}:${group.value}:${group.people.map((p) => p.id).join(',')}`} group={group} onMerged={(keep, gone) => setMerged({ keep, gone })} />
            ))}
            <Pager total={data.total} limit={DUPLICATES_PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </div>
  );
}

function DuplicateGroup({ group, onMerged }: { group: Group; onMerged: (keep: Person, gone: string) => void }) {
  const headingId = `dup-${group.reason}-${group.people[0]?.id ?? 'none'}`;
  const [keepId, setKeepId] = useState(group.people[0]?.id ?? '');
  const [otherId, setOtherId] = useState(group.people[1]?.id ?? '');
  const preview = useMerge();
  const apply = useMerge();
  const chooseKeep = (id: string) => {
    // The one merged in cannot be the one kept: picking it to keep swaps the two.
    if (id === otherId) setOtherId(keepId);
    setKeepId(id);
    preview.reset();
  };
  const chooseOther = (id: string) => {
    setOtherId(id);
    preview.reset();
  };
  const name = (id: string) => group.people.find((p) => p.id === id)?.fullName ?? '';
  const label = `${REASON[group.reason] ?? group.reason}: ${group.value}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{label}</h2>
      <p className="muted small">{group.people.length} people look alike because they have the {REASON[group.reason]?.toLowerCase().replace('same ', '') ?? group.reason} “{group.value}”.</p>
      <div className="dup-people">
        {group.people.map((p) => (
          <PersonCard key={p.id} person={p} />
        ))}
      </div>
      <div className="inline-form">
        <FieldControl label="Keep">
          {(props) => (
            <select {...props} value={keepId} onChange={(e) => chooseKeep(e.target.value)}>
              {group.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.fullName} (added {formatDate(p.createdAt)})
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <FieldControl label="Merge into it, then remove">
          {(props) => (
            <select {...props} value={otherId} onChange={(e) => chooseOther(e.target.value)}>
              {group.people.map((p) => (
                <option key={p.id} value={p.id} disabled={p.id === keepId}>
                  {p.fullName} (added {formatDate(p.createdAt)})
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <div>
          <button type="button" className="secondary" disabled={preview.isPending || !keepId || !otherId} onClick={() => preview.mutate({ keepId, otherId, dryRun: true })}>
            {preview.isPending ? 'Previewing…' : 'Preview the merge'}
          </button>
        </div>
      </div>
      {preview.isError && <ErrorMessage error={preview.error} />}
      {preview.isSuccess && (
        <MergePreview result={preview.data} keepId={keepId} label={label} group={group}>
          {apply.isError && <ErrorMessage error={apply.error} />}
          <div className="row-end people-actions">
            <button type="button" className="secondary" onClick={() => preview.reset()}>
              Cancel
            </button>
            <button type="button" disabled={apply.isPending} onClick={() => apply.mutate({ keepId, otherId, dryRun: false }, { onSuccess: (done) => onMerged(done.result, name(otherId)) })}>
              {apply.isPending ? 'Merging…' : `Merge ${name(otherId)} into ${name(keepId)}`}
            </button>
          </div>
        </MergePreview>
      )}
    </section>
  );
}

function PersonCard({ person: p }: { person: Person }) {
  return (
    <div className="dup-person">
      <p>
        <Link to={`/people/${p.id}`}>{p.fullName}</Link>
      </p>
      <p className="muted small">{[p.headline, p.organization?.name, p.team?.name].filter(Boolean).join(' · ') || '—'}</p>
      {p.emails.length > 0 && <p className="small">{p.emails.join(', ')}</p>}
      {Object.keys(p.links).length > 0 && <p className="small">{Object.keys(p.links).map((k) => LINK_LABEL[k] ?? k).join(', ')}</p>}
      <p className="muted small">
        Added {formatDate(p.createdAt)}
        {p.lastInteractionAt ? ` · last in touch ${formatDate(p.lastInteractionAt)}` : ''}
      </p>
    </div>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).join(', ');
  return String(value);
}

const FIELD_LABEL: Record<string, string> = { fullName: 'Name', givenName: 'Given name', familyName: 'Family name', headline: 'Headline', role: 'Role', organizationId: 'Organization', teamId: 'Team', howWeMet: 'How we met', followUpCadenceDays: 'Cadence (days)', nextFollowUpAt: 'Next follow-up' };

/** What the merged person will hold, what is dropped, and what moves over: nothing is written yet. */
function MergePreview({ result, keepId, label, group, children }: { result: MergeResult; keepId: string; label: string; group: Group; children: ReactNode }) {
  const kept = useInteractionCount(keepId);
  const r = result.result;
  const links = Object.entries(r.links);
  const movedInteractions = result.moved.interactions ?? 0;
  const moved = countsInWords(result.moved);
  // Conflicting organizations and teams come as ids: named from the group's people.
  const names = new Map(group.people.flatMap((p) => [p.organization, p.team]).filter((ref) => ref !== null).map((ref) => [ref.id, ref.name]));
  const value = (field: string, v: unknown) => (field === 'organizationId' || field === 'teamId' ? (names.get(String(v)) ?? show(v)) : show(v));
  return (
    <section className="dup-preview" aria-label={`Preview: ${label}`}>
      <h3>After the merge</h3>
      <p className="muted small">Nothing has changed yet. {result.merged.fullName} will be removed; {r.fullName} will hold:</p>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{r.fullName}</dd>
        <dt>Headline</dt>
        <dd>{show(r.headline)}</dd>
        <dt>Role</dt>
        <dd>{show(r.role)}</dd>
        <dt>Organization</dt>
        <dd>{[r.organization?.name, r.team?.name].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Emails</dt>
        <dd>{show(r.emails)}</dd>
        <dt>Phones</dt>
        <dd>{show(r.phones)}</dd>
        <dt>Links</dt>
        <dd>{links.length ? links.map(([k, v]) => <span key={k}>{LINK_LABEL[k] ?? k}: {v}</span>) : '—'}</dd>
        <dt>Tags</dt>
        <dd>{show(r.tags)}</dd>
        <dt>Relationship</dt>
        <dd>{STAGE_LABEL[r.relationshipStage]}</dd>
        <dt>Next follow-up</dt>
        <dd>{r.nextFollowUpAt ? formatDate(r.nextFollowUpAt) : '—'}</dd>
        <dt>Interactions</dt>
        <dd data-testid="merge-interactions">{kept.isSuccess ? `${kept.data + movedInteractions} (${kept.data} + ${movedInteractions} moved over)` : `${movedInteractions} moved over`}</dd>
        <dt>Notes</dt>
        <dd className="prewrap">{show(r.notes)}</dd>
      </dl>
      <p className="small">{moved ? `Moves over from ${result.merged.fullName}: ${moved}.` : `Nothing else is linked to ${result.merged.fullName}.`}</p>
      {result.conflicts.length > 0 && (
        <>
          <h4>Different on both: {r.fullName}’s value is kept</h4>
          <ul className="small">
            {result.conflicts.map((c) => (
              <li key={c.field}>
                {FIELD_LABEL[c.field] ?? (c.field.startsWith('links.') ? `Link: ${LINK_LABEL[c.field.slice(6)] ?? c.field.slice(6)}` : c.field)}: keeps {value(c.field, c.kept)}, drops {value(c.field, c.dropped)}
              </li>
            ))}
          </ul>
        </>
      )}
      {children}
    </section>
  );
}
