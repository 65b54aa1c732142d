import { useId } from 'react';
import { ErrorMessage } from '@/components/status';
import { asApiError, type ApiError } from '@/lib/api/errors';

/**
 * The problem to show under a field: the form's own check first, else the API's (a list's entries,
 * `parts.0.amount`, are shown under the list). `unplaced` is true when the API refused for a reason
 * no field of the form shows: the form then shows the API's message above its button.
 */
export function fieldProblems(error: unknown, local: Record<string, string>, fields: string[]) {
  const api: ApiError | undefined = asApiError(error);
  const problem = (field: string): string | undefined =>
    local[field] ??
    (api?.details
      .filter((d) => d.field === field || d.field.startsWith(`${field}.`))
      .map((d) => (d.field === field ? d.problem : `${d.field.slice(field.length + 1)}: ${d.problem}`))
      .join('; ') ||
      undefined);
  const unplaced = error !== null && error !== undefined && (!api || api.details.length === 0 || api.details.some((d) => !fields.includes(d.field.split('.')[0])));
  return { problem, unplaced };
}

/** The API's refusal, when no field shows it. */
export function UnplacedError({ error, unplaced }: { error: unknown; unplaced: boolean }) {
  return unplaced ? <ErrorMessage error={error} /> : null;
}

/** A group of checkboxes for a set of values (stage types, competencies), with its problem under it. */
export function CheckGroup<T extends string>({ legend, options, labels, value, onChange, error, hint }: { legend: string; options: readonly T[]; labels: Record<T, string>; value: T[]; onChange: (value: T[]) => void; error?: string; hint?: string }) {
  const id = useId();
  return (
    <fieldset className="field study-checks" aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend>{legend}</legend>
      <div className="study-check-row">
        {options.map((option) => (
          <label key={option} className="study-check">
            <input type="checkbox" checked={value.includes(option)} onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))} /> {labels[option]}
          </label>
        ))}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** A number typed in a form: undefined when blank, NaN when not a number. */
export function numberOrBlank(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}
