import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Field } from '@/components/field';
import { Pager } from '@/components/pager';
import { Empty, ErrorMessage, Loading, QueryStates } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { formatDate } from '@/lib/format';
import {
  MEMBERS_PAGE_SIZE,
  useDeleteOrganization,
  useOrganization,
  useOrganizationApplications,
  useOrganizationPeople,
  useUpdateOrganization,
  type Organization,
} from '../api/organizations';
import { MergeSection } from './merge-section';
import { forPeople, nameProblem, splitList } from './organization-fields';
import { ResearchNotesEditor } from './research-notes';
import { TeamsSection } from './teams-section';
import { WebsiteLink } from './website-link';
import './organizations.css';

/** One organization: its details, research notes, other names, teams, people, applications; merge a duplicate in; delete. */
export function OrganizationPage({ id }: { id: string }) {
  const organization = useOrganization(id);
  if (organization.isPending) return <Loading />;
  if (organization.isError)
    return (
      <>
        <h1>Organization</h1>
        <ErrorMessage error={organization.error} retry={asApiError(organization.error)?.status === 404 ? undefined : () => void organization.refetch()} />
      </>
    );
  const org = organization.data;
  return (
    <div className="stack org-page">
      <header>
        <h1>{org.name}</h1>
        {org.aliases.length > 0 && <p className="muted">Also known as {org.aliases.join(', ')}</p>}
      </header>
      <DetailsSection org={org} />
      <NotesSection org={org} />
      <AliasesSection org={org} />
      <TeamsSection organizationId={org.id} teams={org.teams} />
      <PeopleSection organizationId={org.id} />
      <ApplicationsSection organizationId={org.id} />
      <MergeSection org={org} />
      <DeleteSection org={org} />
    </div>
  );
}

function DetailsSection({ org }: { org: Organization }) {
  const update = useUpdateOrganization(org.id);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(org.name);
  const [website, setWebsite] = useState(org.website ?? '');
  const [kind, setKind] = useState(org.tags.join(', '));
  const [description, setDescription] = useState(org.description ?? '');
  const error = asApiError(update.error);
  const start = () => {
    update.reset();
    setName(org.name);
    setWebsite(org.website ?? '');
    setKind(org.tags.join(', '));
    setDescription(org.description ?? '');
    setEditing(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), website: website.trim() || null, tags: splitList(kind), description: description.trim() || null }, { onSuccess: () => setEditing(false) });
  };
  const underFields = error && (nameProblem(error) || error.fieldProblem('website') || error.fieldProblem('tags') || error.fieldProblem('description'));
  return (
    <section className="card" aria-labelledby="org-details-heading">
      <h2 id="org-details-heading">Details</h2>
      {editing ? (
        <form className="stack" onSubmit={submit} noValidate aria-label="Edit the details">
          <div className="inline-form">
            <Field label="Name" required value={name} onChange={(e) => setName(e.target.value)} error={error && nameProblem(error)} />
            <Field label="Website" value={website} onChange={(e) => setWebsite(e.target.value)} error={error?.fieldProblem('website')} />
            <Field label="Kind" hint="Separated by commas" value={kind} onChange={(e) => setKind(e.target.value)} error={error?.fieldProblem('tags')} />
          </div>
          <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={error?.fieldProblem('description')} />
          {error && !underFields && <ErrorMessage error={error} />}
          <div className="actions">
            <button type="submit" disabled={update.isPending}>
              {update.isPending ? 'Saving…' : 'Save details'}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="facts">
            <dt>Website</dt>
            <dd>{org.website ? <WebsiteLink href={org.website} /> : <span className="muted">—</span>}</dd>
            <dt>Kind</dt>
            <dd>{org.tags.length ? org.tags.map((t) => <span key={t} className="tag">{t}</span>) : <span className="muted">—</span>}</dd>
            <dt>Description</dt>
            <dd>{org.description ?? <span className="muted">—</span>}</dd>
            <dt>Added</dt>
            <dd>{formatDate(org.createdAt)}</dd>
          </dl>
          <button type="button" className="secondary" onClick={start}>
            Edit details
          </button>
        </>
      )}
    </section>
  );
}

function NotesSection({ org }: { org: Organization }) {
  const update = useUpdateOrganization(org.id);
  return (
    <section className="card" aria-labelledby="org-notes-heading">
      <h2 id="org-notes-heading">Research notes</h2>
      <ResearchNotesEditor
        notes={org.researchNotes}
        what={org.name}
        empty="Nothing yet: what you learn about the lab (mission, research directions, culture) goes here."
        pending={update.isPending}
        error={update.error}
        save={(researchNotes, done) => update.mutate({ researchNotes }, { onSuccess: done })}
      />
    </section>
  );
}

/** Other names the organization goes by (imports and search find it by them); the API takes the whole list. */
function AliasesSection({ org }: { org: Organization }) {
  const update = useUpdateOrganization(org.id);
  const [alias, setAlias] = useState('');
  const [removing, setRemoving] = useState<string | undefined>();
  const error = asApiError(update.error);
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!alias.trim()) return;
    setRemoving(undefined);
    update.mutate({ aliases: [...org.aliases, alias.trim()] }, { onSuccess: () => setAlias('') });
  };
  const remove = (name: string) => {
    setRemoving(name);
    update.mutate({ aliases: org.aliases.filter((a) => a !== name) });
  };
  const problem = error && !removing ? (error.fieldProblem('aliases') ?? forPeople(error.message)) : undefined;
  return (
    <section className="card" aria-labelledby="org-aliases-heading">
      <h2 id="org-aliases-heading">Other names</h2>
      <p className="muted small">Imports and search find {org.name} by these names too.</p>
      {org.aliases.length === 0 ? (
        <Empty>No other name.</Empty>
      ) : (
        <ul className="org-chips" aria-label="Other names">
          {org.aliases.map((name) => (
            <li key={name} className="tag">
              {name}
              <button type="button" className="org-chip-remove" onClick={() => remove(name)} disabled={update.isPending} aria-label={`Remove the name ${name}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && removing && <ErrorMessage error={error} />}
      <form className="one-line org-one-line" onSubmit={add} noValidate>
        <Field
          label="Another name"
          value={alias}
          onChange={(e) => {
            setAlias(e.target.value);
            if (problem) update.reset();
          }} placeholder="e.g. DeepMind" error={problem} />
        <button type="submit" disabled={update.isPending}>
          Add name
        </button>
      </form>
    </section>
  );
}

function PeopleSection({ organizationId }: { organizationId: string }) {
  const [offset, setOffset] = useState(0);
  const people = useOrganizationPeople(organizationId, offset);
  return (
    <section className="card" aria-labelledby="org-people-heading">
      <h2 id="org-people-heading">People there</h2>
      <QueryStates query={people} isEmpty={(data) => data.items.length === 0} empty="Nobody you know works here yet: set this organization on a person's page.">
        {(data) => (
          <>
            <p className="muted small">{data.total === 1 ? '1 person' : `${data.total} people`}</p>
            <ul className="list" aria-label="People there">
              {data.items.map((person) => (
                <li key={person.id} className="row">
                  <div>
                    <Link to={`/people/${person.id}`}>{person.fullName}</Link>
                    <p className="muted small">{[person.headline, person.team?.name].filter(Boolean).join(' · ') || '—'}</p>
                  </div>
                </li>
              ))}
            </ul>
            <Pager total={data.total} limit={MEMBERS_PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function ApplicationsSection({ organizationId }: { organizationId: string }) {
  const [offset, setOffset] = useState(0);
  const applications = useOrganizationApplications(organizationId, offset);
  return (
    <section className="card" aria-labelledby="org-applications-heading">
      <h2 id="org-applications-heading">Applications</h2>
      <QueryStates query={applications} isEmpty={(data) => data.items.length === 0} empty="No application here yet.">
        {(data) => (
          <>
            <p className="muted small">{data.total === 1 ? '1 application' : `${data.total} applications`}</p>
            <ul className="list" aria-label="Applications">
              {data.items.map((application) => (
                <li key={application.id} className="row">
                  <div>
                    <Link to={`/applications/${application.id}`}>{[application.role, application.team?.name].filter(Boolean).join(', ')}</Link>
                    <p className="muted small">
                      Applied {formatDate(application.appliedOn)} · {application.status}
                      {application.currentStage ? ` · ${application.currentStage.name}` : ''}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
            <Pager total={data.total} limit={MEMBERS_PAGE_SIZE} offset={offset} onOffset={setOffset} />
          </>
        )}
      </QueryStates>
    </section>
  );
}

function DeleteSection({ org }: { org: Organization }) {
  const remove = useDeleteOrganization(org.id);
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="card" aria-labelledby="org-delete-heading">
      <h2 id="org-delete-heading">Delete</h2>
      {confirming ? (
        <div className="stack" role="group" aria-label="Confirm the deletion">
          <p>
            Delete <strong>{org.name}</strong> and its {org.teams.length} {org.teams.length === 1 ? 'team' : 'teams'}? People who work there keep their record but lose this organization and their team. This cannot be undone.
          </p>
          {remove.isError && <ErrorMessage error={remove.error} />}
          <div className="actions">
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => void navigate('/organizations', { replace: true }) })}>
              {remove.isPending ? 'Deleting…' : `Delete ${org.name}`}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Delete this organization…
        </button>
      )}
    </section>
  );
}
