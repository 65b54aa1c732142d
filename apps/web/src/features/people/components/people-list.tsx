import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Field, FieldControl } from '@/components/field';
import { Pager } from '@/components/pager';
import { ErrorMessage, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import { useUrlParams } from '@/lib/url-params';
import { PAGE_SIZE, useCreatePerson, usePeople, useRestorePerson, type PeopleFilter } from '../api/people';
import { OrgTeamFields, problemsUnder, splitList } from './form-helpers';
import './people.css';

/** What another screen hands the list when it lands here (after an erase or an archive). */
export interface PeopleListNotice {
  notice: string;
  /** Set after an archive: the person can be restored from the notice. */
  restoreId?: string;
}

/**
 * People, searched, filtered (tag, organization, team, follow-up due, archived) and paged by the
 * server; the filter lives in the URL, so a reload or a shared link shows the same page.
 */
export function PeopleList() {
  const [params, setUrl] = useUrlParams();
  const get = (key: string) => params.get(key) ?? '';
  const filter: PeopleFilter = {
    q: get('q'),
    tag: get('tag'),
    organizationId: get('organizationId'),
    teamId: get('teamId'),
    due: get('due') === '1',
    archived: get('archived') === '1',
    offset: Number(get('offset')) || 0,
  };
  const [typed, setTyped] = useState({ q: filter.q, tag: filter.tag });
  const people = usePeople(filter);
  const filtered = Boolean(filter.q || filter.tag || filter.organizationId || filter.teamId || filter.due);

  // Any new filter starts again from the first page.
  const update = (next: Record<string, string>) => setUrl({ offset: '', ...next });

  // The search and the tag follow typing, a moment after the last key (one request, not one per key).
  useEffect(() => {
    if (typed.q === filter.q && typed.tag === filter.tag.trim()) return;
    const timer = setTimeout(() => update({ q: typed.q, tag: typed.tag.trim() }), 250);
    return () => clearTimeout(timer);
  });

  return (
    <div className="stack">
      <LandingNotice />
      <AddPerson />
      <section className="card" aria-labelledby="people-heading">
        <div className="people-heading">
          <h2 id="people-heading">{filter.archived ? 'Archived people' : 'Your people'}</h2>
          <Link to="/people/duplicates">Review possible duplicates</Link>
        </div>
        <form role="search" aria-label="Filter people" className="filters" onSubmit={(e) => { e.preventDefault(); update({ q: typed.q, tag: typed.tag.trim() }); }}>
          <Field label="Search" type="search" placeholder="Name, email or organization" value={typed.q} onChange={(e) => setTyped({ ...typed, q: e.target.value })} />
          <Field label="Tag" value={typed.tag} onChange={(e) => setTyped({ ...typed, tag: e.target.value })} placeholder="e.g. rl" />
          <OrgTeamFields organizationId={filter.organizationId} teamId={filter.teamId} anyLabel={{ organization: 'Any organization', team: 'Any team' }} onChange={(next) => update(next)} />
          <FieldControl label="Show">
            {(props) => (
              <select {...props} value={filter.archived ? 'archived' : ''} onChange={(e) => update({ archived: e.target.value === 'archived' ? '1' : '' })}>
                <option value="">Current people</option>
                <option value="archived">Archived people</option>
              </select>
            )}
          </FieldControl>
          <div className="field people-check">
            <label>
              <input type="checkbox" checked={filter.due} onChange={(e) => update({ due: e.target.checked ? '1' : '' })} /> Follow-up due
            </label>
          </div>
        </form>
        <QueryStates query={people} isEmpty={(data) => data.items.length === 0} empty={filtered ? 'Nobody matches this search.' : filter.archived ? 'No one is archived.' : 'No one yet: add the first person above, or import your LinkedIn connections.'}>
          {(data) => (
            <>
              <p className="muted small" aria-live="polite">
                {data.total} {data.total === 1 ? 'person' : 'people'}
              </p>
              <ul className="list" aria-label="People" aria-busy={people.isFetching ? true : undefined}>
                {data.items.map((person) => (
                  <li key={person.id} className="row">
                    <div>
                      {filter.archived ? <strong>{person.fullName}</strong> : <Link to={`/people/${person.id}`}>{person.fullName}</Link>}
                      <p className="muted small">{[person.headline, person.organization?.name, person.team?.name].filter(Boolean).join(' · ') || '—'}</p>
                    </div>
                    <div className="row-end">
                      {person.tags.map((t) => (
                        <button key={t} type="button" className="tag" onClick={() => { setTyped({ ...typed, tag: t }); update({ tag: t }); }} aria-label={`Filter by tag ${t}`}>
                          {t}
                        </button>
                      ))}
                      {person.nextFollowUpAt && <span className="muted small">follow up {formatDate(person.nextFollowUpAt)}</span>}
                      {filter.archived && <RestoreButton id={person.id} name={person.fullName} />}
                    </div>
                  </li>
                ))}
              </ul>
              <Pager total={data.total} limit={PAGE_SIZE} offset={filter.offset} onOffset={(next) => update({ offset: next ? String(next) : '' })} />
            </>
          )}
        </QueryStates>
      </section>
    </div>
  );
}

/** The notice another screen left (an erase, an archive), with an undo for an archive. */
function LandingNotice() {
  const location = useLocation();
  const navigate = useNavigate();
  const state = location.state as PeopleListNotice | null;
  const restore = useRestorePerson();
  if (!state?.notice) return null;
  const dismiss = () => void navigate(location, { replace: true, state: null });
  return (
    <div className="notice people-notice" role="status">
      <p>{restore.isSuccess ? `Restored ${restore.data.fullName}.` : state.notice}</p>
      <div className="row-end">
        {state.restoreId && !restore.isSuccess && (
          <button type="button" className="secondary" disabled={restore.isPending} onClick={() => restore.mutate(state.restoreId!)}>
            Undo: restore
          </button>
        )}
        <button type="button" className="secondary" onClick={dismiss}>
          Dismiss
        </button>
      </div>
      {restore.isError && <ErrorMessage error={restore.error} />}
    </div>
  );
}

function RestoreButton({ id, name }: { id: string; name: string }) {
  const restore = useRestorePerson();
  return (
    <>
      <button type="button" className="secondary" disabled={restore.isPending} onClick={() => restore.mutate(id)} aria-label={`Restore ${name}`}>
        Restore
      </button>
      {restore.isError && <ErrorMessage error={restore.error} />}
    </>
  );
}

const EMPTY_PERSON = { fullName: '', headline: '', organizationId: '', teamId: '', emails: '', tags: '' };

function AddPerson() {
  const create = useCreatePerson();
  const [form, setForm] = useState(EMPTY_PERSON);
  const error = asApiError(create.error);
  const set = (next: Partial<typeof EMPTY_PERSON>) => setForm({ ...form, ...next });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const emails = splitList(form.emails);
    const tags = splitList(form.tags);
    create.mutate(
      {
        fullName: form.fullName,
        ...(form.headline.trim() ? { headline: form.headline } : {}),
        ...(form.organizationId ? { organizationId: form.organizationId } : {}),
        ...(form.teamId ? { teamId: form.teamId } : {}),
        ...(emails.length ? { emails } : {}),
        ...(tags.length ? { tags } : {}),
      },
      { onSuccess: () => setForm(EMPTY_PERSON) },
    );
  };
  const shownUnderFields = ['fullName', 'headline', 'organizationId', 'teamId', 'emails', 'tags'];
  const otherProblem = error && !error.details.some((d) => shownUnderFields.some((f) => d.field === f || d.field.startsWith(`${f}.`)));
  return (
    <section className="card" aria-labelledby="add-person-heading">
      <h2 id="add-person-heading">Add a person</h2>
      <form className="inline-form" onSubmit={submit} noValidate aria-label="Add a person">
        <Field label="Full name" required value={form.fullName} onChange={(e) => set({ fullName: e.target.value })} error={error?.fieldProblem('fullName')} />
        <Field label="Headline" value={form.headline} onChange={(e) => set({ headline: e.target.value })} placeholder="e.g. Research Scientist, RL" error={error?.fieldProblem('headline')} />
        <OrgTeamFields organizationId={form.organizationId} teamId={form.teamId} anyLabel={{ organization: 'None', team: 'None' }} onChange={set} error={error} />
        <Field label="Email" type="text" inputMode="email" hint="Several? Separate them with commas" value={form.emails} onChange={(e) => set({ emails: e.target.value })} error={problemsUnder(error, 'emails')} />
        <Field label="Tags" hint="Separated by commas" value={form.tags} onChange={(e) => set({ tags: e.target.value })} error={problemsUnder(error, 'tags')} />
        <div>
          <button type="submit" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add'}
          </button>
        </div>
      </form>
      {otherProblem && <ErrorMessage error={error} />}
      {create.isSuccess && (
        <p className="notice" role="status">
          Added <Link to={`/people/${create.data.id}`}>{create.data.fullName}</Link>.
        </p>
      )}
    </section>
  );
}
