import { useId, useState } from 'react';
import { Field, FieldControl } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { useMergeOrganization, useOrganizationSearch, type Organization } from '../api/organizations';

type Moved = { teams: number; teamsMerged: number; people: number; applications: number; stageTemplates: number; mockInterviews: number; practiceQuestions: number; referrals: number };

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What a merge moves, in words: the preview's counts. */
function movedItems(moved: Moved): string[] {
  return [
    count(moved.people, 'person', 'people'),
    `${count(moved.applications, 'application', 'applications')}, with ${count(moved.referrals, 'referral', 'referrals')}`,
    moved.teamsMerged === 0
      ? count(moved.teams, 'team', 'teams')
      : `${moved.teams > 0 ? `${count(moved.teams, 'team', 'teams')} moved over, ${moved.teamsMerged}` : count(moved.teamsMerged, 'team', 'teams')} folded into the team of the same name here`,
    count(moved.stageTemplates, 'stage template', 'stage templates'),
    // Preparation for the organization is named only when there is some.
    ...(moved.mockInterviews > 0 ? [count(moved.mockInterviews, 'mock interview', 'mock interviews')] : []),
    ...(moved.practiceQuestions > 0 ? [count(moved.practiceQuestions, 'bank question', 'bank questions')] : []),
  ];
}

/**
 * Merge a duplicate into this organization: pick it, read the server's dry run (what moves, what
 * the result looks like), then confirm; the duplicate is removed and its name kept as an alias.
 */
export function MergeSection({ org }: { org: Organization }) {
  const confirmId = useId();
  const [typed, setTyped] = useState('');
  const [otherId, setOtherId] = useState('');
  const search = useOrganizationSearch(typed.trim());
  const merge = useMergeOrganization(org.id);
  const candidates = (search.data?.items ?? []).filter((o) => o.id !== org.id);
  const preview = merge.data && !merge.data.applied && merge.data.merged.id === otherId ? merge.data : undefined;
  const done = merge.data?.applied ? merge.data : undefined;

  const pick = (id: string) => {
    setOtherId(id);
    merge.reset();
  };

  return (
    <section className="card" aria-labelledby="org-merge-heading">
      <h2 id="org-merge-heading">Merge a duplicate</h2>
      <p className="muted small">When the same organization was added twice (say “DeepMind” and “Google DeepMind”), merge the other one into {org.name}.</p>
      {done && (
        <p className="notice" role="status">
          Merged {done.merged.name} into {done.result.name}: {movedItems(done.moved).join(', ')} moved.
        </p>
      )}
      <div className="inline-form">
        <Field label="Find the duplicate" type="search" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="Its name" />
        <FieldControl label="Organization to merge in">
          {(control) => (
            <select {...control} value={otherId} onChange={(e) => pick(e.target.value)}>
              <option value="">{search.isPending ? 'Loading…' : candidates.length ? 'Choose one…' : 'None found'}</option>
              {candidates.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </FieldControl>
        <div>
          <button type="button" className="secondary" disabled={!otherId || merge.isPending} onClick={() => merge.mutate({ otherId, dryRun: true })}>
            Preview the merge
          </button>
        </div>
      </div>
      {search.isError && <ErrorMessage error={search.error} />}
      {merge.isError && <ErrorMessage error={merge.error} />}
      {preview && (
        <div className="org-confirm stack" role="group" aria-labelledby={`${confirmId}-heading`}>
          <h3 id={`${confirmId}-heading`}>
            Merge {preview.merged.name} into {preview.result.name}?
          </h3>
          <p>These move to {preview.result.name}:</p>
          <ul aria-label="What moves">
            {movedItems(preview.moved).map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <p>
            {preview.merged.name} is then deleted.{' '}
            {preview.merged.aliases.length ? `Its name and other names (${preview.merged.aliases.join(', ')}) become other names` : 'Its name becomes another name'} of {preview.result.name}, details left empty here are
            filled from it, and its research notes are added after these. After the merge, {preview.result.name} also goes by: {preview.result.aliases.join(', ') || '—'}. This cannot be undone.
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={merge.isPending} onClick={() => merge.mutate({ otherId, dryRun: false }, { onSuccess: () => { setOtherId(''); setTyped(''); } })}>
              {merge.isPending ? 'Merging…' : `Merge ${preview.merged.name} into ${preview.result.name}`}
            </button>
            <button type="button" className="secondary" onClick={() => merge.reset()}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
