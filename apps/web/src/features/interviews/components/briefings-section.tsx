import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import { formatDateTime } from '@/lib/format';
import { useUrlParams } from '@/lib/url-params';
import { BRIEFINGS_PAGE, useBriefings, useGenerateBriefing, type BriefingSummary } from '../api/briefings';
import { BriefingView } from './briefing-view';

const STATUS_LABEL: Record<string, string> = { queued: 'Waiting to be written…', generating: 'Being written…', ready: 'Ready', failed: 'Failed' };

/**
 * The interview's briefing versions, newest first, each with what changed since the one before (the
 * API compares them); a new version on demand; each one opened here, or as HTML or PDF (links that
 * open with the browser's session). The version read in the app is in the URL (?briefing=<id>).
 */
export function BriefingsSection({ interviewId }: { interviewId: string }) {
  const [params, update] = useUrlParams();
  const offset = Number(params.get('briefings') ?? 0) || 0;
  const open = params.get('briefing') ?? '';
  const briefings = useBriefings(interviewId, offset);
  const generate = useGenerateBriefing(interviewId);
  // Back closes a briefing opened; paging replaces the entry.
  const set = (key: string, value: string) => update({ [key]: value }, { push: key === 'briefing' });
  const busy = briefings.data?.items.some((b) => b.status === 'queued' || b.status === 'generating') ?? false;
  return (
    <>
      <section className="card" aria-labelledby="briefings-heading">
        <h2 id="briefings-heading">Briefings</h2>
        <p className="muted small">A briefing gathers the interviewers, what to read and ask, and how to prepare. Generate a new version when something changed (new papers, notes, reading).</p>
        <div className="actions">
          <button type="button" disabled={generate.isPending || busy} onClick={() => generate.mutate(undefined, { onSuccess: () => set('briefings', '') })}>
            {generate.isPending || busy ? 'Writing a briefing…' : 'Generate a new version'}
          </button>
        </div>
        {generate.error && <ErrorMessage error={generate.error} />}
        <QueryStates query={briefings} isEmpty={(data) => data.items.length === 0} empty="No briefing yet: generate the first one.">
          {(data) => (
            <>
              <ol className="list" aria-label="Briefing versions">
                {data.items.map((b) => (
                  <Version key={b.id} briefing={b} open={b.id === open} onOpen={() => set('briefing', b.id)} />
                ))}
              </ol>
              <Pager total={data.total} limit={BRIEFINGS_PAGE} offset={offset} onOffset={(n) => set('briefings', n ? String(n) : '')} />
            </>
          )}
        </QueryStates>
      </section>
      {open && <BriefingView id={open} onClose={() => set('briefing', '')} />}
    </>
  );
}

function Version({ briefing: b, open, onOpen }: { briefing: BriefingSummary; open: boolean; onOpen: () => void }) {
  const headingId = `briefing-${b.id}`;
  return (
    <li className="briefing-version" aria-labelledby={headingId} aria-current={open ? 'true' : undefined}>
      <h3 id={headingId}>Version {b.version}</h3>
      <p className="small">
        <span className={b.status === 'failed' ? 'field-error' : undefined} role={b.status === 'failed' ? undefined : 'status'}>
          {STATUS_LABEL[b.status] ?? b.status}
        </span>
        <span className="muted">
          {' · '}
          {b.generatedAt ? `written ${formatDateTime(b.generatedAt)}` : `asked ${formatDateTime(b.createdAt)}`}
          {b.trigger === 'schedule' ? ' · by the schedule' : ''}
        </span>
      </p>
      {b.error && <p className="field-error">{b.error}</p>}
      {b.status === 'ready' && (
        <div className="small">
          {b.version === 1 ? (
            <p className="muted">The first version.</p>
          ) : b.changes.length === 0 ? (
            <p className="muted">Nothing you would notice changed since the version before.</p>
          ) : (
            <>
              <p>What changed since the version before:</p>
              <ul className="briefing-changes" aria-label={`What changed in version ${b.version}`}>
                {b.changes.map((change) => (
                  <li key={change}>{change}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {b.status === 'ready' && (
        <div className="actions">
          <button type="button" className="secondary" aria-pressed={open} onClick={onOpen}>
            Read version {b.version} here
          </button>
          <a href={b.links.html} target="_blank" rel="noopener">
            HTML<span className="visually-hidden"> of version {b.version}</span>
          </a>
          <a href={b.links.pdf} target="_blank" rel="noopener">
            PDF<span className="visually-hidden"> of version {b.version}</span>
          </a>
        </div>
      )}
    </li>
  );
}
