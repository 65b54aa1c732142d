import { useState, type FormEvent } from 'react';
import { Field, FieldControl } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';
import { useUpdatePerson, type PersonDetail, type UpdatePersonBody } from '../api/people';
import { OrgTeamFields, problemsUnder, splitList } from './form-helpers';
import { LINK_LABELS } from './labels';

function formOf(p: PersonDetail) {
  return {
    fullName: p.fullName,
    headline: p.headline ?? '',
    role: p.role ?? '',
    organizationId: p.organization?.id ?? '',
    teamId: p.team?.id ?? '',
    emails: p.emails.join(', '),
    tags: p.tags.join(', '),
    howWeMet: p.howWeMet ?? '',
    notes: p.notes ?? '',
    links: Object.fromEntries(LINK_LABELS.map(([kind]) => [kind, (p.links as Record<string, string | undefined>)[kind] ?? ''])) as Record<string, string>,
  };
}

const orNull = (text: string): string | null => (text.trim() ? text : null);

/** The person's details as a form; the API's problem for each field is shown under it. */
export function PersonEditForm({ person, onDone }: { person: PersonDetail; onDone: (saved: boolean) => void }) {
  const update = useUpdatePerson(person.id);
  const [form, setForm] = useState(() => formOf(person));
  const set = (next: Partial<typeof form>) => setForm({ ...form, ...next });
  const error = asApiError(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: UpdatePersonBody = {
      fullName: form.fullName,
      headline: orNull(form.headline),
      role: orNull(form.role),
      organizationId: form.organizationId || null,
      teamId: form.teamId || null,
      emails: splitList(form.emails),
      tags: splitList(form.tags),
      howWeMet: orNull(form.howWeMet),
      notes: orNull(form.notes),
      // A link emptied is removed (null); the others are sent as typed, for the API to check and normalize.
      links: Object.fromEntries(LINK_LABELS.map(([kind]) => [kind, orNull(form.links[kind] ?? '')])),
    };
    update.mutate(body, { onSuccess: () => onDone(true) });
  };
  const known = ['fullName', 'headline', 'role', 'organizationId', 'teamId', 'emails', 'tags', 'howWeMet', 'notes', 'links'];
  const otherProblem = error && !error.details.some((d) => known.some((f) => d.field === f || d.field.startsWith(`${f}.`)));
  return (
    <form className="stack person-edit" onSubmit={submit} noValidate aria-label="Edit details">
      <div className="inline-form">
        <Field label="Full name" required value={form.fullName} onChange={(e) => set({ fullName: e.target.value })} error={error?.fieldProblem('fullName')} />
        <Field label="Headline" value={form.headline} onChange={(e) => set({ headline: e.target.value })} error={error?.fieldProblem('headline')} />
        <Field label="Role" value={form.role} onChange={(e) => set({ role: e.target.value })} error={error?.fieldProblem('role')} />
        <OrgTeamFields organizationId={form.organizationId} teamId={form.teamId} anyLabel={{ organization: 'None', team: 'None' }} onChange={set} error={error} />
        <Field label="Email" hint="Several? Separate them with commas" value={form.emails} onChange={(e) => set({ emails: e.target.value })} error={problemsUnder(error, 'emails')} />
        <Field label="Tags" hint="Separated by commas" value={form.tags} onChange={(e) => set({ tags: e.target.value })} error={problemsUnder(error, 'tags')} />
      </div>
      <fieldset className="person-links">
        <legend>Links</legend>
        <div className="inline-form">
          {LINK_LABELS.map(([kind, label]) => (
            <Field key={kind} label={label} value={form.links[kind] ?? ''} onChange={(e) => set({ links: { ...form.links, [kind]: e.target.value } })} error={error?.fieldProblem(`links.${kind}`)} />
          ))}
        </div>
        {error?.fieldProblem('links') && <p className="field-error">{error.fieldProblem('links')}</p>}
      </fieldset>
      <FieldControl label="How we met" error={error?.fieldProblem('howWeMet')}>
        {(props) => <textarea {...props} rows={2} value={form.howWeMet} onChange={(e) => set({ howWeMet: e.target.value })} />}
      </FieldControl>
      <FieldControl label="Notes" error={error?.fieldProblem('notes')}>
        {(props) => <textarea {...props} rows={5} value={form.notes} onChange={(e) => set({ notes: e.target.value })} />}
      </FieldControl>
      {error && (otherProblem ? <ErrorMessage error={error} /> : <p className="field-error" role="alert">Not saved: {error.message}.</p>)}
      <div className="row-end people-actions">
        <button type="button" className="secondary" onClick={() => onDone(false)}>
          Cancel
        </button>
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save details'}
        </button>
      </div>
    </form>
  );
}
