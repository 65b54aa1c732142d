import { ErrorMessage } from '@/components/status';
import { WorkTitle } from '@/components/work-title';
import { useDecideAttribution, useHeldWorks, type WorkAttribution } from '../api/scholarly';

/**
 * The works a name query (arXiv) lists under the person's name that nothing confirms is theirs: a
 * namesake's, often. Kept out of their works, checklists and briefings until the user accepts one;
 * rejecting one keeps it out for good. Nothing is shown when none is held.
 */
export function HeldWorks({ personId, onDecided }: { personId: string; onDecided?: () => void }) {
  const held = useHeldWorks(personId);
  const decide = useDecideAttribution(personId);
  const items = held.data?.items ?? [];
  if (items.length === 0) return null;
  const total = held.data!.total;
  return (
    <div className="held-works stack" role="group" aria-labelledby="held-works-heading">
      <h3 id="held-works-heading">
        {total} {total === 1 ? 'work' : 'works'} held back: unconfirmed
      </h3>
      <p className="muted small">Only a search by their name lists these, and nothing else says they are theirs. Accept the ones they wrote; reject a namesake’s.</p>
      {decide.error ? <ErrorMessage error={decide.error} /> : null}
      <ol className="list" aria-label="Works held back">
        {items.map((item) => (
          <HeldWork key={item.record.sourceId} item={item} busy={decide.isPending} onDecide={(decision) => decide.mutate({ workId: item.work.id, decision }, { onSuccess: onDecided })} />
        ))}
      </ol>
    </div>
  );
}

function HeldWork({ item, busy, onDecide }: { item: WorkAttribution; busy: boolean; onDecide: (decision: 'accepted' | 'rejected') => void }) {
  const { work } = item;
  return (
    <li className="row" aria-label={work.title}>
      <div>
        <WorkTitle title={work.title} url={item.record.sourceUrl} />
        <p className="muted small">{[work.year, `written “${item.nameAsWritten}”`, item.categories.join(', ')].filter(Boolean).join(' · ')}</p>
        <p className="small held-reason">{item.reason}</p>
      </div>
      <div className="row-end held-actions">
        <button type="button" disabled={busy} aria-label={`Accept “${work.title}” as theirs`} onClick={() => onDecide('accepted')}>
          Accept
        </button>
        <button type="button" className="secondary" disabled={busy} aria-label={`Reject “${work.title}” as a namesake’s`} onClick={() => onDecide('rejected')}>
          Reject
        </button>
      </div>
    </li>
  );
}
