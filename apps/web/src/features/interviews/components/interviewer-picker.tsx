import { useEffect, useId, useRef, useState } from 'react';
import { ErrorMessage } from '@/components/status';
import { usePeopleSearch } from '../api/interviews';

export interface Chosen {
  id: string;
  fullName: string;
}

/**
 * Interviewers are people of the user's network: found as the user types (GET /people?q=), added
 * with a button, removed from the chosen list with another. Plain buttons, so keyboards and screen
 * readers need nothing special.
 */
export function InterviewerPicker({ chosen, onChange, error }: { chosen: Chosen[]; onChange: (next: Chosen[]) => void; error?: string }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  // After adding or removing someone, the button pressed is gone: the keyboard goes back to the search.
  const search = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const people = usePeopleSearch(q);
  const chosenIds = new Set(chosen.map((p) => p.id));
  const matches = people.data?.items.filter((p) => !chosenIds.has(p.id)) ?? [];
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend>Interviewers</legend>
      {chosen.length === 0 ? (
        <p className="muted small">No interviewer yet: find them among your people below.</p>
      ) : (
        <ul className="interviews-chosen" aria-label="Chosen interviewers">
          {chosen.map((p) => (
            <li key={p.id}>
              {p.fullName}
              <button type="button" className="secondary" aria-label={`Remove ${p.fullName}`} onClick={() => { onChange(chosen.filter((c) => c.id !== p.id)); search.current?.focus(); }}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-search`}>Find a person</label>
        <input ref={search} id={`${id}-search`} type="search" autoComplete="off" placeholder="Name, email or organization" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </div>
      {q && (
        <div aria-live="polite">
          {people.isError ? (
            <ErrorMessage error={people.error} retry={() => void people.refetch()} />
          ) : people.isPending ? (
            <p className="muted small">Searching…</p>
          ) : matches.length === 0 ? (
            <p className="muted small">{people.data.items.length > 0 ? 'Everyone matching is chosen already.' : `Nobody among your people matches “${q}”.`}</p>
          ) : (
            <ul className="interviews-matches" aria-label="Matching people">
              {matches.map((p) => (
                <li key={p.id}>
                  <span>
                    {p.fullName}
                    {(p.headline || p.organization) && <span className="muted small"> · {[p.headline, p.organization?.name].filter(Boolean).join(' · ')}</span>}
                  </span>
                  <button type="button" className="secondary" aria-label={`Add ${p.fullName}`} onClick={() => { onChange([...chosen, { id: p.id, fullName: p.fullName }]); setTyped(''); setQ(''); search.current?.focus(); }}>
                    Add
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
