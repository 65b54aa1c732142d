import { useState } from 'react';
import { Link } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useUrlParams } from '@/lib/url-params';
import { useFunnel, useFunnelOrganizations, type FunnelSection } from '../api/funnel';
import { MedianChart, ReachedChart } from './funnel-charts';
import { formatConversion, formatDays, rowsOf, typeLabel, type Grouping } from './funnel-figures';
import './funnel.css';

/**
 * The funnel (GET /applications/funnel): per stage type or per stage, how many applications reached
 * each, how many passed, the conversion and the median time in it; for all organizations, then
 * each one. Filters (organization, applied-on range) and the grouping live in the URL.
 */
export function FunnelPage() {
  const [params, updateUrl] = useUrlParams();
  // The controls answer at once from this state; the URL follows (for a reload or a shared link).
  const [shown, setShown] = useState(() => ({ organizationId: params.get('organizationId') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '', by: params.get('by') ?? '' }));
  const { organizationId, from, to } = shown;
  const by: Grouping = shown.by === 'stage' ? 'stage' : 'type';
  const funnel = useFunnel({ organizationId, from, to });
  const organizations = useFunnelOrganizations();
  const error = asApiError(funnel.error);

  const update = (next: Partial<typeof shown>) => {
    setShown((current) => ({ ...current, ...next }));
    updateUrl(next);
  };

  const filtered = Boolean(organizationId || from || to);
  const chosen = organizations.data?.items.find((o) => o.id === organizationId);
  const data = funnel.data;
  const empty = data && data.overall.stages.length === 0;

  return (
    <div className="stack funnel-page">
      <section className="card" aria-labelledby="funnel-filters-heading">
        <h2 id="funnel-filters-heading">Which applications</h2>
        <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Funnel filters">
          <FieldControl label="Organization" error={error?.fieldProblem('organizationId')}>
            {(control) => (
              <select {...control} value={organizationId} onChange={(e) => update({ organizationId: e.target.value })}>
                <option value="">All organizations</option>
                {organizations.data?.items.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </FieldControl>
          <Field label="Applied from" type="date" value={from} onChange={(e) => update({ from: e.target.value })} error={error?.fieldProblem('from')} />
          <Field label="Applied until" type="date" value={to} onChange={(e) => update({ to: e.target.value })} error={error?.fieldProblem('to')} />
          <fieldset className="funnel-grouping">
            <legend>Count by</legend>
            <label>
              <input type="radio" name="funnel-by" value="type" checked={by === 'type'} onChange={() => update({ by: '' })} /> Stage type
            </label>
            <label>
              <input type="radio" name="funnel-by" value="stage" checked={by === 'stage'} onChange={() => update({ by: 'stage' })} /> Stage
            </label>
          </fieldset>
        </form>
        {organizations.isError && <ErrorMessage error={organizations.error} retry={() => void organizations.refetch()} />}
        {filtered && (
          <button type="button" className="secondary" onClick={() => update({ organizationId: '', from: '', to: '' })}>
            Show all applications
          </button>
        )}
      </section>

      {funnel.isPending ? (
        <Loading />
      ) : funnel.isError ? (
        <ErrorMessage error={funnel.error} retry={error && error.status < 500 && error.status > 0 ? undefined : () => void funnel.refetch()} />
      ) : empty ? (
        <section className="card" aria-labelledby="funnel-empty-heading">
          <h2 id="funnel-empty-heading">No applications</h2>
          <Empty>
            {filtered ? 'No application matches these filters.' : 'No application yet: the funnel fills in as your applications move through their stages.'}
          </Empty>
          {!filtered && (
            <p>
              <Link to="/pipeline">Go to the pipeline</Link> to add one.
            </p>
          )}
        </section>
      ) : (
        data && (
          <>
            <FunnelSectionView id="overall" title={chosen ? chosen.name : 'All organizations'} section={data.overall} by={by} />
            {!organizationId &&
              data.organizations.length > 1 &&
              data.organizations.map((org) => <FunnelSectionView key={org.organization.id} id={org.organization.id} title={org.organization.name} link={`/organizations/${org.organization.id}`} section={org} by={by} />)}
          </>
        )
      )}
    </div>
  );
}

function FunnelSectionView({ id, title, link, section, by }: { id: string; title: string; link?: string; section: FunnelSection; by: Grouping }) {
  const headingId = `funnel-${id}-heading`;
  const rows = rowsOf(section, by);
  const what = by === 'type' ? 'stage type' : 'stage';
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {link && (
        <p className="small funnel-org-link">
          <Link to={link}>Open {title}</Link>
        </p>
      )}
      {rows.length === 0 ? (
        <Empty>No stage reached yet.</Empty>
      ) : (
        <>
          <div className="funnel-charts">
            <ReachedChart rows={rows} caption={`Reached per ${what}, and how it ended`} />
            <MedianChart rows={rows} caption={`Median time in each ${what}`} />
          </div>
          <div className="funnel-table-wrap" role="region" aria-label={`${title}: figures per ${what}`} tabIndex={0}>
            <table className="funnel-table">
              <caption className="visually-hidden">
                {title}: figures per {what}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{by === 'type' ? 'Stage type' : 'Stage'}</th>
                  {by === 'stage' && <th scope="col">Type</th>}
                  <th scope="col">Reached</th>
                  <th scope="col">Passed</th>
                  <th scope="col">Failed</th>
                  <th scope="col">In it now</th>
                  <th scope="col">Conversion</th>
                  <th scope="col">Median time</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.key}>
                    <th scope="row">{row.label}</th>
                    {by === 'stage' && <td>{typeLabel(row.type)}</td>}
                    <td>{row.reached}</td>
                    <td>{row.passed}</td>
                    <td>{row.failed}</td>
                    <td>{row.current}</td>
                    <td>{formatConversion(row.conversion)}</td>
                    <td>{formatDays(row.medianDays)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">Conversion: passed ÷ (passed + failed). Median time: over the stages that were left.</p>
        </>
      )}
    </section>
  );
}
