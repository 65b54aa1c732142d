import { useId } from 'react';
import { describedBy, FieldControl, FieldNotes } from '@/components/field';
import { ErrorMessage } from '@/components/status';
import { STAGE_TYPE_LABEL, STAGE_TYPES, type StageType } from '@/lib/stage-types';
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
    <fieldset className="field study-checks" aria-describedby={describedBy(id, hint, error)}>
      <legend>{legend}</legend>
      <div className="study-check-row">
        {options.map((option) => (
          <label key={option} className="study-check">
            <input type="checkbox" checked={value.includes(option)} onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))} /> {labels[option]}
          </label>
        ))}
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </fieldset>
  );
}

/** A number typed in a form: undefined when blank, NaN when not a number. */
export function numberOrBlank(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** A labelled select of a set of values shown by their labels; `none` labels an empty choice, which gives ''. */
export function ChoiceSelect<T extends string, V extends T | ''>({ label, options, labels, value, onChange, none, error }: { label: string; options: readonly T[]; labels: Record<T, string>; value: V; onChange: (value: V) => void; none?: string; error?: string }) {
  return (
    <FieldControl label={label} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as V)}>
          {none !== undefined && <option value="">{none}</option>}
          {options.map((o) => (
            <option key={o} value={o}>
              {labels[o]}
            </option>
          ))}
        </select>
      )}
    </FieldControl>
  );
}

/** A select of stage types; `none` labels the empty choice (any, none), which gives ''. */
export function StageTypeSelect<V extends StageType | ''>(props: { label: string; value: V; onChange: (value: V) => void; none?: string; error?: string }) {
  return <ChoiceSelect<StageType, V> options={STAGE_TYPES} labels={STAGE_TYPE_LABEL} {...props} />;
}

/** A select of the user's organizations, with an empty choice labelled `none` (''). */
export function OrganizationSelect({ label, value, onChange, none, organizations, error }: { label: string; value: string; onChange: (value: string) => void; none: string; organizations: { id: string; name: string }[]; error?: string }) {
  return (
    <FieldControl label={label} error={error}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{none}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </FieldControl>
  );
}
