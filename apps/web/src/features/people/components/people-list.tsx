import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Field } from '@/components/field';
import { Pager } from '@/components/pager';
import { Empty, ErrorMessage, Loading } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import { PAGE_SIZE, useCreatePerson, usePeople } from '../api/people';

/**
 * People, searched (q) and filtered (tag) by the server a page at a time; the filter lives in the URL,
 * so a reload or a shared link shows the same page.
 */
export function PeopleList() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? '';
  const offset = Number(params.get('offset') ?? 0) || 0;
  const [typed, setTyped] = useState(q);
  const people = usePeople({ q, tag, offset });

  const update = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged, { replace: true });
  };

  // The search follows typing, a moment after the last key.
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => update({ q: typed, offset: '' }), 250);
    return () => clearTimeout(timer);
  });

  return (
    <div className="stack">
      <AddPerson />
      <section className="card" aria-labelledby="people-heading">
        <h2 id="people-heading">Your people</h2>
        <form role="search" className="filters" onSubmit={(e) => { e.preventDefault(); update({ q: typed, offset: '' }); }}>
          <Field label="Search" type="search" placeholder="Name, email or organization" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <Field label="Tag" value={tag} onChange={(e) => update({ tag: e.target.value.trim(), offset: '' })} placeholder="e.g. rl" />
        </form>
        {people.isPending ? (
          <Loading />
        ) : people.isError ? (
          <ErrorMessage error={people.error} retry={() => void people.refetch()} />
        ) : people.data.items.length === 0 ? (
          <Empty>{q || tag ? 'Nobody matches this search.' : 'No one yet: add the first person above, or import your LinkedIn connections.'}</Empty>
        ) : (
          <>
            <p className="muted small" aria-live="polite">
              {people.data.total} {people.data.total === 1 ? 'person' : 'people'}
            </p>
            <ul className="list">
              {people.data.items.map((person) => (
                <li key={person.id} className="row">
                  <div>
                    <Link to={`/people/${person.id}`}>{person.fullName}</Link>
                    <p className="muted small">{[person.headline, person.organization?.name].filter(Boolean).join(' · ') || '—'}</p>
                  </div>
                  <div className="row-end">
                    {person.tags.map((t) => (
                      <button key={t} type="button" className="tag" onClick={() => update({ tag: t, offset: '' })} aria-label={`Filter by tag ${t}`}>
                        {t}
                      </button>
                    ))}
                    {person.nextFollowUpAt && <span className="muted small">follow up {formatDate(person.nextFollowUpAt)}</span>}
                  </div>
                </li>
              ))}
            </ul>
            <Pager total={people.data.total} limit={PAGE_SIZE} offset={offset} onOffset={(next) => update({ offset: next ? String(next) : '' })} />
          </>
        )}
      </section>
    </div>
  );
}

function AddPerson() {
  const create = useCreatePerson();
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [tags, setTags] = useState('');
  const error = asApiError(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tagList = tags.split(',').map((t) => t.trim()).filter(Boolean);
    create.mutate(
      { fullName, ...(email ? { emails: [email] } : {}), ...(tagList.length ? { tags: tagList } : {}) },
      {
        onSuccess: () => {
          setFullName('');
          setEmail('');
          setTags('');
        },
      },
    );
  };
  return (
    <section className="card" aria-labelledby="add-person-heading">
      <h2 id="add-person-heading">Add a person</h2>
      <form className="inline-form" onSubmit={submit} noValidate>
        <Field label="Full name" required value={fullName} onChange={(e) => setFullName(e.target.value)} error={error?.fieldProblem('fullName')} />
        <Field label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={error?.fieldProblem('emails') ?? error?.fieldProblem('emails.0')} />
        <Field label="Tags" hint="Separated by commas" value={tags} onChange={(e) => setTags(e.target.value)} error={error?.fieldProblem('tags')} />
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add'}
        </button>
      </form>
      {error && <ErrorMessage error={error} />}
      {create.isSuccess && (
        <p className="notice" role="status">
          Added <Link to={`/people/${create.data.id}`}>{create.data.fullName}</Link>.
        </p>
      )}
    </section>
  );
}
