import { useState, type FormEvent } from 'react';
import { FieldControl } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { asApiError } from '@/lib/api/errors';

/** Notes as a person reads them: one paragraph per blank-line-separated block, line breaks kept. */
export function ReadableNotes({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return (
    <div className="org-notes">
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="prewrap">
          {paragraph}
        </p>
      ))}
    </div>
  );
}

/**
 * Research notes shown as text, edited in place: "Edit" swaps the text for a textarea; saving
 * sends the whole text (an empty one clears the notes) and shows the API's problem if refused.
 */
export function ResearchNotesEditor({
  notes,
  what,
  empty,
  save,
  pending,
  error,
}: {
  notes: string | null;
  /** What the notes are about, for the controls' names ("Core" → "Edit the notes on Core"). */
  what: string;
  empty: string;
  save: (notes: string | null, done: () => void) => void;
  pending: boolean;
  error: unknown;
}) {
  const [draft, setDraft] = useState<string | undefined>();
  const apiError = asApiError(error);
  const problem = apiError?.fieldProblem('researchNotes');
  if (draft === undefined)
    return (
      <div className="stack org-notes-view">
        {notes ? <ReadableNotes text={notes} /> : <p className="muted">{empty}</p>}
        <div>
          <button type="button" className="secondary" onClick={() => setDraft(notes ?? '')} aria-label={`${notes ? 'Edit notes' : 'Write notes'} on ${what}`}>
            {notes ? 'Edit notes' : 'Write notes'}
          </button>
        </div>
      </div>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(draft.trim() ? draft : null, () => setDraft(undefined));
  };
  return (
    <form className="stack" onSubmit={submit}>
      <FieldControl label={`Research notes on ${what}`} hint="Mission, research directions, people, culture; a blank line starts a new paragraph." error={problem}>
        {(control) => <textarea {...control} rows={8} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />}
      </FieldControl>
      {apiError && !problem && <ErrorMessage error={apiError} />}
      <div className="actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save notes'}
        </button>
        <button type="button" className="secondary" onClick={() => setDraft(undefined)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
