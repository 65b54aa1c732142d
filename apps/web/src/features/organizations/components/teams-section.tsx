import { useState, type FormEvent } from 'react';
import { Field } from '@/components/field';
import { Empty, ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useAddTeam, useRemoveTeam, useUpdateTeam, type Team } from '../api/organizations';
import { nameProblem } from './organization-fields';
import { ResearchNotesEditor } from './research-notes';

/** The organization's teams (Core, Applied…): add, rename, research notes, delete. */
export function TeamsSection({ organizationId, teams }: { organizationId: string; teams: Team[] }) {
  return (
    <section className="card" aria-labelledby="org-teams-heading">
      <h2 id="org-teams-heading">Teams</h2>
      {teams.length === 0 ? (
        <Empty>No team yet: add one (e.g. Core, Applied) to say which team an application or a person is on.</Empty>
      ) : (
        <ul className="list" aria-label="Teams">
          {teams.map((team) => (
            <TeamItem key={team.id} organizationId={organizationId} team={team} />
          ))}
        </ul>
      )}
      <AddTeam organizationId={organizationId} />
    </section>
  );
}

function AddTeam({ organizationId }: { organizationId: string }) {
  const add = useAddTeam(organizationId);
  const [name, setName] = useState('');
  const error = asApiError(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ name: name.trim() }, { onSuccess: () => setName('') });
  };
  return (
    <form className="one-line org-one-line" onSubmit={submit} noValidate>
      <Field
        label="New team"
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          if (add.isError) add.reset();
        }} placeholder="e.g. Applied" error={error && (nameProblem(error) ?? error.message)} />
      <button type="submit" disabled={add.isPending}>
        Add team
      </button>
    </form>
  );
}

function TeamItem({ organizationId, team }: { organizationId: string; team: Team }) {
  const update = useUpdateTeam(organizationId, team.id);
  const remove = useRemoveTeam(organizationId, team.id);
  const [mode, setMode] = useState<'view' | 'rename' | 'notes' | 'delete'>('view');
  const [name, setName] = useState(team.name);
  const error = asApiError(update.error);
  const open = (next: typeof mode) => {
    update.reset();
    remove.reset();
    setName(team.name);
    setMode(next);
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim() }, { onSuccess: () => setMode('view') });
  };
  return (
    <li className="org-team">
      <div className="row">
        <div>
          <strong>{team.name}</strong>
          {team.researchNotes && mode !== 'notes' && <p className="muted small org-team-notes">{team.researchNotes}</p>}
        </div>
        <div className="row-end">
          <button type="button" className="secondary" onClick={() => open('rename')} aria-label={`Rename ${team.name}`} aria-expanded={mode === 'rename'}>
            Rename
          </button>
          <button type="button" className="secondary" onClick={() => open(mode === 'notes' ? 'view' : 'notes')} aria-label={`Notes on ${team.name}`} aria-expanded={mode === 'notes'}>
            Notes
          </button>
          <button type="button" className="secondary" onClick={() => open('delete')} aria-label={`Delete ${team.name}`} aria-expanded={mode === 'delete'}>
            Delete
          </button>
        </div>
      </div>
      {mode === 'rename' && (
        <form className="one-line org-one-line" onSubmit={rename} noValidate aria-label={`Rename ${team.name}`}>
          <Field label={`New name for ${team.name}`} value={name} onChange={(e) => setName(e.target.value)} error={error && (nameProblem(error) ?? error.message)} autoFocus />
          <div className="actions">
            <button type="submit" disabled={update.isPending}>
              Save name
            </button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'notes' && (
        <ResearchNotesEditor
          notes={team.researchNotes}
          what={team.name}
          empty="No notes on this team yet: its projects, papers, lead."
          pending={update.isPending}
          error={update.error}
          save={(researchNotes, done) => update.mutate({ researchNotes }, { onSuccess: done })}
        />
      )}
      {mode === 'delete' && (
        <div className="stack org-confirm" role="group" aria-label={`Confirm deleting ${team.name}`}>
          <p>Delete the team {team.name}? Its people stay in the organization without a team.</p>
          {remove.isError && <ErrorMessage error={remove.error} />}
          <div className="actions">
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Delete {team.name}
            </button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
