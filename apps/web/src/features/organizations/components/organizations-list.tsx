import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Field } from '@/components/field';
import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useUrlParams } from '@/lib/url-params';
import { PAGE_SIZE, useCreateOrganization, useOrganizations } from '../api/organizations';
import { nameProblem, splitList } from './organization-fields';
import { WebsiteLink } from './website-link';
import './organizations.css';

/**
 * Organizations, searched by name or alias (q) and filtered by tag on the server a page at a time;
 * the filter lives in the URL, so a reload or a shared link shows the same page.
 */
export function OrganizationsList() {
  const [params, update] = useUrlParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [typed, setTyped] = useState(q);
  const [typedTag, setTypedTag] = useState(tag);
  const organizations = useOrganizations({ q, tag, offset });

  // The search follows typing, a moment after the last key.
  useEffect(() => {
    if (typed === q && typedTag.trim() === tag) return;
    const timer = setTimeout(() => update({ q: typed, tag: typedTag.trim(), offset: '' }), 250);
    return () => clearTimeout(timer);
  });

  return (
    <div className="stack">
      <AddOrganization />
      <section className="card" aria-labelledby="organizations-heading">
        <h2 id="organizations-heading">Your organizations</h2>
        <form role="search" className="filters" onSubmit={(e) => { e.preventDefault(); update({ q: typed, tag: typedTag.trim(), offset: '' }); }}>
          <Field label="Search" type="search" placeholder="Name or another name it goes by" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <Field label="Kind" value={typedTag} onChange={(e) => setTypedTag(e.target.value)} placeholder="e.g. frontier-lab" />
        </form>
        <QueryStates query={organizations} isEmpty={(data) => data.items.length === 0} empty={q || tag ? 'No organization matches this search.' : 'No organization yet: add the first lab you are aiming for above.'}>
          {(data) => (
            <>
              <p className="muted small" aria-live="polite">
                {data.total} {data.total === 1 ? 'organization' : 'organizations'}
              </p>
              <ul className="list" aria-label="Organizations">
                {data.items.map((org) => (
                  <li key={org.id} className="row">
                    <div>
                      <Link to={`/organizations/${org.id}`}>{org.name}</Link>
                      <p className="muted small">
                        {[org.aliases.length ? `also ${org.aliases.join(', ')}` : '', org.teams.length ? `${org.teams.length} ${org.teams.length === 1 ? 'team' : 'teams'}: ${org.teams.map((t) => t.name).join(', ')}` : 'no team yet']
                          .filter(Boolean)
                          .join(' · ')}
                      </p>
                      {org.website && (
                        <p className="small">
                          <WebsiteLink href={org.website} />
                        </p>
                      )}
                    </div>
                    <div className="row-end">
                      {org.tags.map((t) => (
                        <button key={t} type="button" className="tag" onClick={() => {
                            setTypedTag(t);
                            update({ tag: t, offset: '' });
                          }} aria-label={`Only organizations of kind ${t}`}>
                          {t}
                        </button>
                      ))}
                    </div>
                  </li>
                ))}
              </ul>
              <Pager total={data.total} limit={PAGE_SIZE} offset={offset} onOffset={(next) => update({ offset: next ? String(next) : '' })} />
            </>
          )}
        </QueryStates>
      </section>
    </div>
  );
}

function AddOrganization() {
  const create = useCreateOrganization();
  const [name, setName] = useState('');
  const [website, setWebsite] = useState('');
  const [kind, setKind] = useState('');
  const error = asApiError(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tags = splitList(kind);
    create.mutate(
      { name: name.trim(), ...(website.trim() ? { website: website.trim() } : {}), ...(tags.length ? { tags } : {}) },
      {
        onSuccess: () => {
          setName('');
          setWebsite('');
          setKind('');
        },
      },
    );
  };
  const shownUnderFields = error && (nameProblem(error) || error.fieldProblem('website') || error.fieldProblem('tags'));
  return (
    <section className="card" aria-labelledby="add-organization-heading">
      <h2 id="add-organization-heading">Add an organization</h2>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Google DeepMind" error={error && nameProblem(error)} />
        <Field label="Website" value={website} onChange={(e) => setWebsite(e.target.value)} placeholder="deepmind.google" error={error?.fieldProblem('website')} />
        <Field label="Kind" hint="Separated by commas, e.g. frontier-lab, london" value={kind} onChange={(e) => setKind(e.target.value)} error={error?.fieldProblem('tags')} />
        <div>
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add organization'}
          </button>
        </div>
      </form>
      {error && !shownUnderFields && <ErrorMessage error={error} />}
      {create.isSuccess && (
        <p className="notice" role="status">
          Added <Link to={`/organizations/${create.data.id}`}>{create.data.name}</Link>.
        </p>
      )}
    </section>
  );
}
